using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Procurement.Grpc;

namespace Procurement.Identity;

/// <summary>
/// Admits a call only with a valid bearer token (else UNAUTHENTICATED) whose caller holds the roles the
/// method declares (else PERMISSION_DENIED naming them), then makes the caller available to the handler
/// through <see cref="CallerContextExtensions.GetCaller"/>. Works on the gRPC status alone, so a caller
/// never gets a bare HTTP 401. Register it first, so that it is the outermost interceptor.
/// </summary>
public sealed class CallerAuthenticationInterceptor(AccessTokenValidator validator, AccessTokenOptions options) : ServerInterceptor
{
    private const string BearerPrefix = "Bearer ";

    public override async Task<TResponse> UnaryAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerHandler<TRequest, TResponse> next)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        return await next(request, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingAsync<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, ServerCallContext context, ClientStreamingServerHandler<TRequest, TResponse> next)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        return await next(requests, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingAsync<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context, ServerStreamingServerHandler<TRequest, TResponse> next)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        await next(request, responses, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingAsync<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context, DuplexStreamingServerHandler<TRequest, TResponse> next)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        await next(requests, responses, context).ConfigureAwait(false);
    }

    private async Task AdmitAsync(ServerCallContext context)
    {
        var http = context.HttpContext
            ?? throw new InvalidOperationException("Caller authentication needs the call's HttpContext (the gRPC server on ASP.NET Core).");
        var metadata = http.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<IAllowAnonymous>() is not null || options.AnonymousServices.Contains(ServiceName(context.Method)))
            return;

        var check = await validator.ValidateAsync(BearerToken(context.RequestHeaders), context.CancellationToken).ConfigureAwait(false);
        if (check.Caller is not { } caller)
            throw new RpcException(check.Failure == TokenFailure.KeysUnavailable ? StatusCode.Unavailable : StatusCode.Unauthenticated, check.Message!);

        foreach (var required in metadata?.GetOrderedMetadata<RequiredRoles>() ?? [])
        {
            if (!required.IsMetBy(caller))
                throw new RpcException(StatusCode.PermissionDenied,
                    $"{MethodName(context.Method)} needs {required.Describe()}; you have {string.Join(", ", caller.Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal))}.");
        }
        http.SetCaller(caller);
    }

    /// <summary>The token of an "authorization: Bearer …" header (scheme case-insensitive, RFC 6750); null for anything else.</summary>
    internal static string? BearerToken(Metadata headers)
    {
        var value = headers.GetValue("authorization");
        if (value is null || value.Length <= BearerPrefix.Length || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return null;
        return value[BearerPrefix.Length..].Trim();
    }

    // "/procurement.tender.v1.Tenders/PublishTender" → "procurement.tender.v1.Tenders" and "PublishTender".
    private static string ServiceName(string fullMethod) => fullMethod.TrimStart('/').Split('/')[0];

    private static string MethodName(string fullMethod) => fullMethod[(fullMethod.LastIndexOf('/') + 1)..];
}
