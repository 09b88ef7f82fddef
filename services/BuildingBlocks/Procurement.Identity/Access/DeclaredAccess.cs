using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Procurement.Contracts.Common.V1;
using ProtoRole = Procurement.Contracts.Common.V1.Role;

namespace Procurement.Identity;

/// <summary>
/// The roles a method needs, as its .proto declares them (access.proto: the method's <c>method_access</c>, else its
/// service's <c>service_access</c>), and the authorization policy that enforces them. The gateway and the services
/// both read this; nothing else lists roles.
/// </summary>
public static class DeclaredAccess
{
    private static readonly ConcurrentDictionary<MethodDescriptor, AuthorizationPolicy> Policies = new();

    /// <summary>The roles of which the caller must hold one; empty: any signed-in caller. Throws when neither the method nor its service declares access.</summary>
    public static IReadOnlyList<Role> RolesFor(MethodDescriptor method) => AccessOf(method).Roles.Select(ToRole).Distinct().ToArray();

    /// <summary>
    /// Whether the method is internal to the suite (access <c>internal: true</c>): the gateway neither routes nor
    /// describes it; only the suite's own services call it.
    /// </summary>
    public static bool IsInternal(MethodDescriptor method) => AccessOf(method).Internal;

    /// <summary>
    /// Whether anyone may call the method without a token (<c>anonymous: true</c>): only what is public by nature. The
    /// services mark such an endpoint AllowAnonymous, and the gateway routes it without authorization.
    /// </summary>
    public static bool IsAnonymous(MethodDescriptor method) => AccessOf(method).Anonymous;

    private static Access AccessOf(MethodDescriptor method)
    {
        var access = method.GetOptions()?.GetExtension(AccessExtensions.MethodAccess)
            ?? method.Service.GetOptions()?.GetExtension(AccessExtensions.ServiceAccess)
            ?? throw new InvalidOperationException(
                $"{method.FullName} declares no access: give its service a (procurement.common.v1.service_access) option, or the method a method_access.");
        if (access.Anonymous && access.Roles.Count > 0)
            throw new InvalidOperationException($"{method.FullName} declares both anonymous access and roles: a call without a token holds no role; declare one or the other.");
        return access;
    }

    /// <summary>
    /// The policy of a method: a valid bearer token, and one of the declared roles; for an anonymous method, a policy
    /// anyone meets (its endpoint is also marked AllowAnonymous, see <see cref="DeclaredAccessConventions"/>).
    /// </summary>
    public static AuthorizationPolicy PolicyFor(MethodDescriptor method) => Policies.GetOrAdd(method, static method =>
    {
        if (IsAnonymous(method)) return new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();
        var policy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser();
        var roles = RolesFor(method);
        if (roles.Count > 0) policy.RequireRole(roles.Select(r => r.ToName()));
        return policy.Build();
    });

    /// <summary>The descriptor of the service a generated service base (or a class derived from one) implements; null for other types.</summary>
    public static ServiceDescriptor? ServiceOf(Type serviceType)
    {
        var bind = serviceType.GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
        return bind?.BindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ServiceDescriptor;
    }

    /// <summary>"ROLE_PROCUREMENT_OFFICER" is the token's "procurement_officer".</summary>
    public static Role ToRole(ProtoRole role)
    {
        var name = AccessReflection.Descriptor.EnumTypes.Single(e => e.ClrType == typeof(ProtoRole)).FindValueByNumber((int)role)?.Name;
        if (name is null || role == ProtoRole.Unspecified)
            throw new InvalidOperationException($"{role} is not a role; name the roles in the access option.");
        return RoleNames.Parse(name["ROLE_".Length..].ToLowerInvariant());
    }
}
