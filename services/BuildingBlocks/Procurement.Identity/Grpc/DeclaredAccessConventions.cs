using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Procurement.Identity;

/// <summary>Enforces, on what <c>MapGrpcService</c> returns, the access each method declares in its .proto.</summary>
public static class DeclaredAccessConventions
{
    /// <summary>
    /// Maps a generated gRPC service with the access its .proto declares (<see cref="RequireDeclaredAccess{TBuilder}"/>),
    /// checked now: a method whose service declares no access stops the host while it is being set up, saying which,
    /// rather than at its first call.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcServiceWithDeclaredAccess<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        var service = DeclaredAccess.ServiceOf(typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService)} is not a generated gRPC service; its access cannot be read.");
        foreach (var method in service.Methods) _ = DeclaredAccess.PolicyFor(method);
        return endpoints.MapGrpcService<TService>().RequireDeclaredAccess();
    }

    /// <summary>
    /// Each method of the mapped service gets the authorization policy of its declared access (<see cref="DeclaredAccess"/>).
    /// The check that every method declares access runs when the endpoints are built; map with
    /// <see cref="MapGrpcServiceWithDeclaredAccess{TService}"/> to have it at set-up.
    /// </summary>
    public static TBuilder RequireDeclaredAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc) return;
            var service = DeclaredAccess.ServiceOf(grpc.ServiceType)
                ?? throw new InvalidOperationException($"{grpc.ServiceType} is not a generated gRPC service; its access cannot be read.");
            // Grpc.AspNetCore's catch-all for unknown methods of the service is not a method: the fallback policy covers it.
            if (service.FindMethodByName(grpc.Method.Name) is not { } method) return;
            endpoint.Metadata.Add(DeclaredAccess.PolicyFor(method));
            // Without it the fallback policy's "signed in" would still apply; a bad token must not refuse a public call either.
            if (DeclaredAccess.IsAnonymous(method)) endpoint.Metadata.Add(new AllowAnonymousAttribute());
        });
        return builder;
    }
}
