using Google.Protobuf;

namespace Procurement.Grpc;

/// <summary>Collects the methods of one service implementation; generated BindService methods call it.</summary>
public sealed class ServiceBinder
{
    private readonly GrpcServerRuntime _runtime;
    private readonly ServiceActivator _activator;

    internal ServiceBinder(GrpcServerRuntime runtime, ServiceActivator activator)
    {
        _runtime = runtime;
        _activator = activator;
    }

    internal List<ServerMethodHandler> Handlers { get; } = [];

    public void AddUnary<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, TRequest, ServerCallContext, Task<TResponse>> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var activator = _activator;
        UnaryServerHandler<TRequest, TResponse> invoke = (request, context) =>
        {
            var instance = activator.Create(context.HttpContext!.RequestServices, out var created);
            return created ? RunAndRelease(instance, request, context, handler) : handler((TService)instance, request, context);
        };
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (request, context) => interceptor.UnaryAsync(request, context, next);
        }
        Handlers.Add(new UnaryMethodHandler<TRequest, TResponse>(method, _runtime, invoke));

        static async Task<TResponse> RunAndRelease(object instance, TRequest request, ServerCallContext context, Func<TService, TRequest, ServerCallContext, Task<TResponse>> handler)
        {
            try { return await handler((TService)instance, request, context).ConfigureAwait(false); }
            finally { await ServiceActivator.ReleaseAsync(instance).ConfigureAwait(false); }
        }
    }

    public void AddClientStreaming<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var activator = _activator;
        ClientStreamingServerHandler<TRequest, TResponse> invoke = (requests, context) =>
        {
            var instance = activator.Create(context.HttpContext!.RequestServices, out var created);
            return created ? RunAndRelease(instance, requests, context, handler) : handler((TService)instance, requests, context);
        };
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (requests, context) => interceptor.ClientStreamingAsync(requests, context, next);
        }
        Handlers.Add(new ClientStreamingMethodHandler<TRequest, TResponse>(method, _runtime, invoke));

        static async Task<TResponse> RunAndRelease(object instance, IAsyncStreamReader<TRequest> requests, ServerCallContext context, Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> handler)
        {
            try { return await handler((TService)instance, requests, context).ConfigureAwait(false); }
            finally { await ServiceActivator.ReleaseAsync(instance).ConfigureAwait(false); }
        }
    }

    public void AddServerStreaming<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var activator = _activator;
        ServerStreamingServerHandler<TRequest, TResponse> invoke = (request, responses, context) =>
        {
            var instance = activator.Create(context.HttpContext!.RequestServices, out var created);
            return created ? RunAndRelease(instance, request, responses, context, handler) : handler((TService)instance, request, responses, context);
        };
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (request, responses, context) => interceptor.ServerStreamingAsync(request, responses, context, next);
        }
        Handlers.Add(new ServerStreamingMethodHandler<TRequest, TResponse>(method, _runtime, invoke));

        static async Task RunAndRelease(object instance, TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context, Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        {
            try { await handler((TService)instance, request, responses, context).ConfigureAwait(false); }
            finally { await ServiceActivator.ReleaseAsync(instance).ConfigureAwait(false); }
        }
    }

    public void AddDuplexStreaming<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var activator = _activator;
        DuplexStreamingServerHandler<TRequest, TResponse> invoke = (requests, responses, context) =>
        {
            var instance = activator.Create(context.HttpContext!.RequestServices, out var created);
            return created ? RunAndRelease(instance, requests, responses, context, handler) : handler((TService)instance, requests, responses, context);
        };
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (requests, responses, context) => interceptor.DuplexStreamingAsync(requests, responses, context, next);
        }
        Handlers.Add(new DuplexStreamingMethodHandler<TRequest, TResponse>(method, _runtime, invoke));

        static async Task RunAndRelease(object instance, IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context, Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        {
            try { await handler((TService)instance, requests, responses, context).ConfigureAwait(false); }
            finally { await ServiceActivator.ReleaseAsync(instance).ConfigureAwait(false); }
        }
    }
}
