using System.Runtime.CompilerServices;

namespace Procurement.Grpc;

/// <summary>A started unary call: await it for the response; headers, status and trailers once known.</summary>
public sealed class AsyncUnaryCall<TResponse>(
    Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : IDisposable
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => dispose();
}

public sealed class AsyncServerStreamingCall<TResponse>(
    IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : IDisposable
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public void Dispose() => dispose();
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : IDisposable
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;
    public Task<TResponse> ResponseAsync { get; } = responseAsync;
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public void Dispose() => dispose();
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    : IDisposable
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public void Dispose() => dispose();
}
