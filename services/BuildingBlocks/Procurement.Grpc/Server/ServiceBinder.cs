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
        UnaryServerHandler<TRequest, TResponse> invoke = (request, context) =>
            WithService<TService, TResponse>(context, service => handler(service, request, context));
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (request, context) => interceptor.UnaryAsync(request, context, next);
        }
        Handlers.Add(new UnaryMethodHandler<TRequest, TResponse>(method, _runtime, invoke));
    }

    public void AddClientStreaming<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        ClientStreamingServerHandler<TRequest, TResponse> invoke = (requests, context) =>
            WithService<TService, TResponse>(context, service => handler(service, requests, context));
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (requests, context) => interceptor.ClientStreamingAsync(requests, context, next);
        }
        Handlers.Add(new ClientStreamingMethodHandler<TRequest, TResponse>(method, _runtime, invoke));
    }

    public void AddServerStreaming<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        ServerStreamingServerHandler<TRequest, TResponse> invoke = (request, responses, context) =>
            WithService<TService>(context, service => handler(service, request, responses, context));
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (request, responses, context) => interceptor.ServerStreamingAsync(request, responses, context, next);
        }
        Handlers.Add(new ServerStreamingMethodHandler<TRequest, TResponse>(method, _runtime, invoke));
    }

    public void AddDuplexStreaming<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TService : class where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        DuplexStreamingServerHandler<TRequest, TResponse> invoke = (requests, responses, context) =>
            WithService<TService>(context, service => handler(service, requests, responses, context));
        foreach (var interceptor in _runtime.InterceptorsInnermostFirst)
        {
            var next = invoke;
            invoke = (requests, responses, context) => interceptor.DuplexStreamingAsync(requests, responses, context, next);
        }
        Handlers.Add(new DuplexStreamingMethodHandler<TRequest, TResponse>(method, _runtime, invoke));
    }

    private Task<TResponse> WithService<TService, TResponse>(ServerCallContext context, Func<TService, Task<TResponse>> run)
        where TService : class
    {
        var instance = _activator.Create(context.HttpContext!.RequestServices, out var created);
        return created ? RunAndRelease(instance, run) : run((TService)instance);

        static async Task<TResponse> RunAndRelease(object instance, Func<TService, Task<TResponse>> run)
        {
            try { return await run((TService)instance).ConfigureAwait(false); }
            finally { await ServiceActivator.ReleaseAsync(instance).ConfigureAwait(false); }
        }
    }

    private Task WithService<TService>(ServerCallContext context, Func<TService, Task> run)
        where TService : class
    {
        var instance = _activator.Create(context.HttpContext!.RequestServices, out var created);
        return created ? RunAndRelease(instance, run) : run((TService)instance);

        static async Task RunAndRelease(object instance, Func<TService, Task> run)
        {
            try { await run((TService)instance).ConfigureAwait(false); }
            finally { await ServiceActivator.ReleaseAsync(instance).ConfigureAwait(false); }
        }
    }
}
