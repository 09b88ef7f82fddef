using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

public sealed class InterceptionLog
{
    public ConcurrentQueue<string> Entries { get; } = new();
}

/// <summary>Records that it ran, around the handler.</summary>
public sealed class OuterInterceptor(InterceptionLog log) : ServerInterceptor
{
    public override async Task<TResponse> UnaryAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerHandler<TRequest, TResponse> next)
    {
        log.Entries.Enqueue("outer:before " + context.Method);
        try { return await next(request, context); }
        finally { log.Entries.Enqueue("outer:after"); }
    }

    public override async Task ServerStreamingAsync<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context, ServerStreamingServerHandler<TRequest, TResponse> next)
    {
        log.Entries.Enqueue("outer:stream " + context.Method);
        await next(request, responses, context);
    }
}

/// <summary>Refuses calls without an x-caller header, as an authorization interceptor would.</summary>
public sealed class GuardInterceptor(InterceptionLog log) : ServerInterceptor
{
    public override Task<TResponse> UnaryAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerHandler<TRequest, TResponse> next)
    {
        log.Entries.Enqueue("guard");
        if (context.RequestHeaders.GetValue("x-caller") is null)
            throw new RpcException(StatusCode.PermissionDenied, "x-caller is required");
        return next(request, context);
    }
}

public sealed class InterceptedServer : GrpcTestServer
{
    public InterceptedServer()
    {
        ConfigureServices = services => services.AddSingleton<InterceptionLog>();
        Configure = options => options.AddInterceptor<OuterInterceptor>().AddInterceptor<GuardInterceptor>();
    }
}

/// <summary>Adds a header to every call and counts the calls it saw complete.</summary>
public sealed class CallerHeaderInterceptor : ClientInterceptor
{
    public int Completed;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, Func<TRequest, ClientInterceptorContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> next)
    {
        var headers = context.Options.Headers ?? new Metadata();
        headers.Add("x-caller", "kent-cfo");
        var call = next(request, context with { Options = context.Options with { Headers = headers } });
        return new AsyncUnaryCall<TResponse>(Observe(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> Observe<TResponse>(Task<TResponse> response)
    {
        var result = await response;
        Interlocked.Increment(ref Completed);
        return result;
    }
}

public sealed class InterceptorTests(InterceptedServer server) : IClassFixture<InterceptedServer>
{
    private InterceptionLog Log => server.Services.GetRequiredService<InterceptionLog>();

    [Fact]
    public async Task Server_interceptors_run_outermost_first_around_the_handler()
    {
        using var channel = server.CreateChannel(new GrpcChannelOptions { Interceptors = { new CallerHeaderInterceptor() } });
        Log.Entries.Clear();
        await new RuntimeTest.RuntimeTestClient(channel).EchoAsync(new EchoRequest()).ResponseAsync.Bounded();
        Assert.Equal(["outer:before /procurement.testing.v1.RuntimeTest/Echo", "guard", "outer:after"], Log.Entries.ToArray());
    }

    [Fact]
    public async Task Server_interceptor_can_refuse_a_call()
    {
        var error = await Wait.ForRpcException(() => new RuntimeTest.RuntimeTestClient(server.Channel).EchoAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("x-caller is required", error.Status.Detail);
    }

    [Fact]
    public async Task Server_interceptor_sees_streaming_calls()
    {
        Log.Entries.Clear();
        using var call = new RuntimeTest.RuntimeTestClient(server.Channel).CountUp(new Count { Value = 2 });
        while (await call.ResponseStream.MoveNext().Bounded()) { }
        Assert.Contains("outer:stream /procurement.testing.v1.RuntimeTest/CountUp", Log.Entries);
    }

    [Fact]
    public async Task Client_interceptor_adds_headers_and_observes_the_response()
    {
        var interceptor = new CallerHeaderInterceptor();
        var invoker = server.Channel.CallInvoker.Intercept(interceptor);
        var response = await new RuntimeTest.RuntimeTestClient(invoker).EchoAsync(new EchoRequest()).ResponseAsync.Bounded();
        Assert.Contains("x-caller: kent-cfo", response.SeenMetadata);
        Assert.Equal(1, interceptor.Completed);
    }
}

/// <summary>Two AddGrpcServer calls: both configurations apply, in order.</summary>
public sealed class TwiceConfiguredServer : GrpcTestServer
{
    public TwiceConfiguredServer()
    {
        ConfigureServices = services =>
        {
            services.AddSingleton<InterceptionLog>();
            services.AddGrpcServer(options => options.AddInterceptor<GuardInterceptor>());
        };
        Configure = options => options.AddInterceptor<OuterInterceptor>();
    }
}

public sealed class CombinedConfigurationTests(TwiceConfiguredServer server) : IClassFixture<TwiceConfiguredServer>
{
    [Fact]
    public async Task Every_AddGrpcServer_configuration_applies()
    {
        var log = server.Services.GetRequiredService<InterceptionLog>();
        log.Entries.Clear();
        var error = await Wait.ForRpcException(() => new RuntimeTest.RuntimeTestClient(server.Channel).EchoAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode); // the guard from the second call
        Assert.Contains(log.Entries, e => e.StartsWith("outer:before", StringComparison.Ordinal)); // the interceptor from the first
    }
}
