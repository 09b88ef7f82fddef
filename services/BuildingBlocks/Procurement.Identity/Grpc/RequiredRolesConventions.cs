using Microsoft.AspNetCore.Builder;
using Procurement.Grpc;

namespace Procurement.Identity;

/// <summary>Declares per-method roles on what <c>MapGrpcService</c> returns.</summary>
public static class RequiredRolesConventions
{
    /// <summary>Every method of the mapped service needs one of these roles.</summary>
    public static IEndpointConventionBuilder RequireRoles(this IEndpointConventionBuilder builder, params Role[] anyOf)
    {
        var required = Create(anyOf);
        builder.Add(endpoint => endpoint.Metadata.Add(required));
        return builder;
    }

    /// <summary>
    /// This method needs one of these roles. Takes the generated method (e.g. <c>Tenders.PublishTenderMethod</c>)
    /// rather than its name, so a misspelling is a compile error instead of an unguarded method.
    /// </summary>
    public static IEndpointConventionBuilder RequireRoles(this IEndpointConventionBuilder builder, Method method, params Role[] anyOf)
    {
        ArgumentNullException.ThrowIfNull(method);
        var required = Create(anyOf);
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<Method>().Any(m => m.FullName == method.FullName))
                endpoint.Metadata.Add(required);
        });
        return builder;
    }

    private static RequiredRoles Create(Role[] anyOf)
    {
        if (anyOf.Length == 0) throw new ArgumentException("Name at least one role.", nameof(anyOf));
        foreach (var role in anyOf) _ = role.ToName();   // rejects values outside the enum now, not at the first call
        return new RequiredRoles(anyOf.Distinct().ToArray());
    }
}
