using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Procurement.Grpc;

/// <summary>Serves one method path; one subclass per call kind.</summary>
internal abstract class ServerMethodHandler(Method method, GrpcServerRuntime runtime)
{
    public Method Method { get; } = method;
    protected GrpcServerRuntime Runtime { get; } = runtime;

    public async Task HandleAsync(HttpContext http)
    {
        var span = ServerCallSpan.Start(http, Method.FullName);
        var call = new HttpServerCall(http, Method, Runtime);
        if (!call.Begin())
        {
            await call.DisposeAsync().ConfigureAwait(false);
            span.End(call.WrittenStatus, http.Response.StatusCode);
            return;
        }
        try
        {
            await RunAsync(call).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await call.EndWithExceptionAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            // After DisposeAsync: a deadline that fired has written its status by then.
            await call.DisposeAsync().ConfigureAwait(false);
            span.End(call.WrittenStatus ?? (http.RequestAborted.IsCancellationRequested
                ? new Status(StatusCode.Cancelled, "The call was cancelled by the client.")
                : null), http.Response.StatusCode);
        }
    }

    protected abstract Task RunAsync(HttpServerCall call);
}

internal sealed class UnaryMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, GrpcServerRuntime runtime, UnaryServerHandler<TRequest, TResponse> handler)
    : ServerMethodHandler(method, runtime)
    where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
{
    protected override async Task RunAsync(HttpServerCall call)
    {
        var request = await call.ReadSingleRequestAsync(method.RequestParser).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned no response message.");
        await call.EndWithResponseAsync(response).ConfigureAwait(false);
    }
}

internal sealed class ClientStreamingMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, GrpcServerRuntime runtime, ClientStreamingServerHandler<TRequest, TResponse> handler)
    : ServerMethodHandler(method, runtime)
    where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
{
    protected override async Task RunAsync(HttpServerCall call)
    {
        var reader = new HttpServerStreamReader<TRequest>(call, method.RequestParser);
        var response = await handler(reader, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned no response message.");
        await call.EndWithResponseAsync(response).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, GrpcServerRuntime runtime, ServerStreamingServerHandler<TRequest, TResponse> handler)
    : ServerMethodHandler(method, runtime)
    where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
{
    protected override async Task RunAsync(HttpServerCall call)
    {
        var request = await call.ReadSingleRequestAsync(method.RequestParser).ConfigureAwait(false);
        await handler(request, new HttpServerStreamWriter<TResponse>(call), call).ConfigureAwait(false);
        await call.EndAsync().ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, GrpcServerRuntime runtime, DuplexStreamingServerHandler<TRequest, TResponse> handler)
    : ServerMethodHandler(method, runtime)
    where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
{
    protected override async Task RunAsync(HttpServerCall call)
    {
        var reader = new HttpServerStreamReader<TRequest>(call, method.RequestParser);
        await handler(reader, new HttpServerStreamWriter<TResponse>(call), call).ConfigureAwait(false);
        await call.EndAsync().ConfigureAwait(false);
    }
}
