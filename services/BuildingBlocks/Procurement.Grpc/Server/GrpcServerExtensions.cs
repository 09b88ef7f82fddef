using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Procurement.Grpc.Health;
using Procurement.Grpc.Reflection;

namespace Procurement.Grpc;

public static class GrpcServerExtensions
{
    /// <summary>Registers the gRPC server runtime, with the health and reflection services. May be called more than once; every configuration applies.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        // Every call's configuration applies (e.g. service defaults, then the service's own).
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<GrpcServerOptions>>().Value);
        services.TryAddSingleton<GrpcServerRuntime>();
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<ReflectionServiceV1>();
        services.TryAddSingleton<ReflectionServiceV1Alpha>();
        return services;
    }

    /// <summary>
    /// Serves a service implementation (a class derived from a generated base). The standard services
    /// and the UNIMPLEMENTED answer for unknown methods are mapped with the first service.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        var runtime = endpoints.ServiceProvider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        if (!runtime.StandardServicesMapped)
        {
            runtime.StandardServicesMapped = true;
            if (runtime.Options.StandardServices)
            {
                MapCore<HealthService>(endpoints, runtime);
                MapCore<ReflectionServiceV1>(endpoints, runtime);
                MapCore<ReflectionServiceV1Alpha>(endpoints, runtime);
            }
            endpoints.MapFallback("{**path}", context => UnknownMethod.HandleAsync(context, runtime));
        }
        return MapCore<TService>(endpoints, runtime);
    }

    private static IEndpointConventionBuilder MapCore<TService>(IEndpointRouteBuilder endpoints, GrpcServerRuntime runtime)
        where TService : class, IGrpcService
    {
        var binder = new ServiceBinder(runtime, new ServiceActivator(typeof(TService)));
        TService.BindService(binder);
        runtime.Register(TService.ServiceDescriptor);
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var handler in binder.Handlers)
        {
            builders.Add(endpoints.MapPost(handler.Method.FullName, handler.HandleAsync)
                .WithDisplayName("gRPC " + handler.Method.FullName)
                .WithMetadata(handler.Method));
        }
        return new CompositeConventionBuilder(builders);
    }

    private sealed class CompositeConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders) builder.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders) builder.Finally(finallyConvention);
        }
    }
}
