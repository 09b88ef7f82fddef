using Google.Protobuf;

namespace Procurement.Grpc;

/// <summary>The method and options of a call, as an interceptor sees (and may replace) them.</summary>
public readonly record struct ClientInterceptorContext<TRequest, TResponse>(Method<TRequest, TResponse> Method, CallOptions Options)
    where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>;

/// <summary>
/// Wraps outgoing calls: add headers (tokens, trace context), log, time, retry. Override the call
/// kinds you care about; the defaults pass the call on.
/// </summary>
public abstract class ClientInterceptor
{
    public virtual AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        Func<TRequest, ClientInterceptorContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> next)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse> =>
        next(request, context);

    public virtual AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        Func<TRequest, ClientInterceptorContext<TRequest, TResponse>, AsyncServerStreamingCall<TResponse>> next)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse> =>
        next(request, context);

    public virtual AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context,
        Func<ClientInterceptorContext<TRequest, TResponse>, AsyncClientStreamingCall<TRequest, TResponse>> next)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse> =>
        next(context);

    public virtual AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context,
        Func<ClientInterceptorContext<TRequest, TResponse>, AsyncDuplexStreamingCall<TRequest, TResponse>> next)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse> =>
        next(context);
}

public static class CallInvokerExtensions
{
    /// <summary>Wraps the invoker so calls pass through the interceptors, the first one outermost.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, params ClientInterceptor[] interceptors)
    {
        for (var i = interceptors.Length - 1; i >= 0; i--) invoker = new InterceptingCallInvoker(invoker, interceptors[i]);
        return invoker;
    }
}

internal sealed class InterceptingCallInvoker(CallInvoker inner, ClientInterceptor interceptor) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request) =>
        interceptor.AsyncUnaryCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, options), (r, c) => inner.AsyncUnaryCall(c.Method, c.Options, r));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request) =>
        interceptor.AsyncServerStreamingCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, options), (r, c) => inner.AsyncServerStreamingCall(c.Method, c.Options, r));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        interceptor.AsyncClientStreamingCall(new ClientInterceptorContext<TRequest, TResponse>(method, options), c => inner.AsyncClientStreamingCall(c.Method, c.Options));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        interceptor.AsyncDuplexStreamingCall(new ClientInterceptorContext<TRequest, TResponse>(method, options), c => inner.AsyncDuplexStreamingCall(c.Method, c.Options));
}
