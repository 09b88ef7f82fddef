using Microsoft.AspNetCore.Authorization;
using Procurement.Identity;

namespace Procurement.Gateway.Routing;

/// <summary>One authorization policy per routed method, named after its full name: the access its .proto declares.</summary>
internal static class GatewayAuthorization
{
    public static IServiceCollection AddMethodPolicies(this IServiceCollection services, GatewayRouteTable table) =>
        services.Configure<AuthorizationOptions>(options =>
        {
            foreach (var method in table.All.SelectMany(route => route.Methods.Values))
                options.AddPolicy(method.FullName, DeclaredAccess.PolicyFor(method));
        });
}
