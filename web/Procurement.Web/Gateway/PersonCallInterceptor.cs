using Grpc.Core;
using Grpc.Core.Interceptors;
using Procurement.Web.Session;

namespace Procurement.Web.Gateway;

/// <summary>
/// Adds to each call the signed-in person's token, a deadline (Portal:CallDeadline) unless the page set one, and the
/// request's cancellation (a person who leaves the page ends its calls).
/// </summary>
public sealed class PersonCallInterceptor(AccessTokens tokens, PortalOptions options, IHttpContextAccessor http) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var token = tokens.ForCurrentPerson();
        var headers = context.Options.Headers ?? [];
        if (token is not null && headers.Get("authorization") is null) headers.Add("authorization", "Bearer " + token);
        var callOptions = context.Options.WithHeaders(headers);
        if (callOptions.Deadline is null) callOptions = callOptions.WithDeadline(DateTime.UtcNow + options.CallDeadline);
        if (!callOptions.CancellationToken.CanBeCanceled && http.HttpContext is { } page)
            callOptions = callOptions.WithCancellationToken(page.RequestAborted);
        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, callOptions));
    }
}
