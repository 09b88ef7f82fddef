using System.Runtime.CompilerServices;

namespace Procurement.Grpc;

/// <summary>What every started call offers: response headers, and status and trailers once it has ended.</summary>
public abstract class ClientCall(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : IDisposable
{
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => dispose();
}

/// <summary>A started unary call: await it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse>(
    Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : ClientCall(responseHeadersAsync, getStatus, getTrailers, dispose)
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncServerStreamingCall<TResponse>(
    IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : ClientCall(responseHeadersAsync, getStatus, getTrailers, dispose)
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : ClientCall(responseHeadersAsync, getStatus, getTrailers, dispose)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;
    public Task<TResponse> ResponseAsync { get; } = responseAsync;
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : ClientCall(responseHeadersAsync, getStatus, getTrailers, dispose)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}
