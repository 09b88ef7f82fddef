using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;

namespace Procurement.Identity;

/// <summary>Enforces, on what <c>MapGrpcService</c> returns, the access each method declares in its .proto.</summary>
public static class DeclaredAccessConventions
{
    /// <summary>
    /// Each method of the mapped service gets the authorization policy of its declared access (<see cref="DeclaredAccess"/>).
    /// A method whose service declares no access stops the host at start-up, saying which.
    /// </summary>
    public static TBuilder RequireDeclaredAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc) return;
            var service = DeclaredAccess.ServiceOf(grpc.ServiceType)
                ?? throw new InvalidOperationException($"{grpc.ServiceType} is not a generated gRPC service; its access cannot be read.");
            // Grpc.AspNetCore's catch-all for unknown methods of the service is not a method: the fallback policy covers it.
            if (service.FindMethodByName(grpc.Method.Name) is { } method)
                endpoint.Metadata.Add(DeclaredAccess.PolicyFor(method));
        });
        return builder;
    }
}
