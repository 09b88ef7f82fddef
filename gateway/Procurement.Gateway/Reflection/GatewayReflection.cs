using Grpc.Reflection;
using Procurement.Gateway.Routing;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Procurement.Gateway.Reflection;

/// <summary>
/// Server reflection (grpc.reflection.v1 and v1alpha) answered by the gateway for what it routes, plus its own health
/// and reflection services: `grpcurl … list` and `describe` against the one address users are given show the
/// suite's services, and a call built from those descriptors alone goes through. It needs a signed-in caller.
/// </summary>
internal static class GatewayReflection
{
    public static IServiceCollection AddGatewayReflection(this IServiceCollection services, GatewayRouteTable table)
    {
        ServiceDescriptor[] described =
        [
            .. table.All.Select(route => route.Descriptor),
            Grpc.Health.V1.Health.Descriptor,
            Grpc.Reflection.V1.ServerReflection.Descriptor,
            Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
        ];
        services.AddSingleton(new ReflectionServiceImpl(described));
        services.AddSingleton(new ReflectionV1ServiceImpl(described));
        return services;
    }

    public static WebApplication MapGatewayReflection(this WebApplication app)
    {
        app.MapGrpcService<ReflectionV1ServiceImpl>();
        app.MapGrpcService<ReflectionServiceImpl>();
        return app;
    }
}
