using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Procurement.Testing;

/// <summary>
/// Every remote call carries a deadline: the tests' clients refuse, before anything is sent, a call made without one,
/// naming the method, so that a call that could wait forever fails at once instead of hanging a test run.
/// </summary>
public sealed class DeadlineRequired : Interceptor
{
    public static DeadlineRequired Instance { get; } = new();

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        BlockingUnaryCallContinuation<TRequest, TResponse> continuation) => continuation(request, Checked(context));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation) => continuation(request, Checked(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Checked(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Checked(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Checked(context));

    private static ClientInterceptorContext<TRequest, TResponse> Checked<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class =>
        context.Options.Deadline is null
            ? throw new InvalidOperationException($"{context.Method.FullName} was called without a deadline; every remote call carries one (TestCalls.As gives one).")
            : context;
}

public static class DeadlineRequiredExtensions
{
    /// <summary>This channel's calls, each refused unless it carries a deadline (<see cref="DeadlineRequired"/>).</summary>
    public static CallInvoker WithDeadlinesRequired(this ChannelBase channel) => channel.CreateCallInvoker().Intercept(DeadlineRequired.Instance);
}
