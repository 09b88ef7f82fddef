using Microsoft.Extensions.DependencyInjection;

namespace Procurement.Grpc;

/// <summary>
/// Provides the service instance for a call: the one registered in dependency injection if any,
/// otherwise a new instance per call (constructor-injected from the request scope, disposed after).
/// </summary>
internal sealed class ServiceActivator(Type serviceType)
{
    private readonly ObjectFactory _factory = ActivatorUtilities.CreateFactory(serviceType, Type.EmptyTypes);

    public object Create(IServiceProvider services, out bool created)
    {
        var registered = services.GetService(serviceType);
        created = registered is null;
        return registered ?? _factory(services, null);
    }

    public static ValueTask ReleaseAsync(object instance)
    {
        if (instance is IAsyncDisposable asyncDisposable) return asyncDisposable.DisposeAsync();
        (instance as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
