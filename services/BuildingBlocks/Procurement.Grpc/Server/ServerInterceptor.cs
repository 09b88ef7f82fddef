namespace Procurement.Grpc;

public delegate Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context);
public delegate Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, ServerCallContext context);
public delegate Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context);
public delegate Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context);

/// <summary>
/// Wraps service handlers: logging, authorization, metrics, error mapping. Override the call kinds
/// you care about; the defaults pass the call on. Interceptors are singletons.
/// </summary>
public abstract class ServerInterceptor
{
    public virtual Task<TResponse> UnaryAsync<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerHandler<TRequest, TResponse> next)
        where TRequest : class where TResponse : class =>
        next(request, context);

    public virtual Task<TResponse> ClientStreamingAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests, ServerCallContext context, ClientStreamingServerHandler<TRequest, TResponse> next)
        where TRequest : class where TResponse : class =>
        next(requests, context);

    public virtual Task ServerStreamingAsync<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context, ServerStreamingServerHandler<TRequest, TResponse> next)
        where TRequest : class where TResponse : class =>
        next(request, responses, context);

    public virtual Task DuplexStreamingAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context, DuplexStreamingServerHandler<TRequest, TResponse> next)
        where TRequest : class where TResponse : class =>
        next(requests, responses, context);
}
