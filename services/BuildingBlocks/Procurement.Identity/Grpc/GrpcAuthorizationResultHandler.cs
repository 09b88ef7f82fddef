using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Procurement.Identity;

/// <summary>
/// Turns ASP.NET Core's authorization outcome for a gRPC call into the status a gRPC client reads, with a message a
/// person can act on: UNAUTHENTICATED (or UNAVAILABLE when the identity provider cannot be reached) saying what is
/// wrong with the token, PERMISSION_DENIED naming the roles the method needs and those the caller has. Anything
/// that is not a gRPC call gets ASP.NET Core's default handling.
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || !GrpcRefusal.IsGrpcCall(context.Request))
            return _default.HandleAsync(next, context, policy, result);

        if (result.Challenged || context.FindCaller() is null)
        {
            var refusal = TokenRefusal.Find(context) ?? TokenRefusal.Missing;
            return GrpcRefusal.WriteAsync(context, refusal.Status, refusal.Message);
        }

        var method = context.Request.Path.Value is { } path ? path[(path.LastIndexOf('/') + 1)..] : "This method";
        var needed = result.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault()?.AllowedRoles.ToList() ?? [];
        var has = string.Join(", ", context.GetCaller().Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal));
        var message = needed.Count switch
        {
            0 => $"{method} is not allowed for you; you have {has}.",
            1 => $"{method} needs the role {needed[0]}; you have {has}.",
            _ => $"{method} needs one of the roles {string.Join(", ", needed)}; you have {has}.",
        };
        return GrpcRefusal.WriteAsync(context, StatusCode.PermissionDenied, message);
    }
}
