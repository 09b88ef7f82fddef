using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Gateway.Tests.Probe;
using Grpc.Core;
using Procurement.Hosting;

namespace Procurement.Gateway.Tests.Support;

/// <summary>A real gRPC server (Grpc.AspNetCore on Kestrel, h2c) serving the probe service and grpc.health.v1; it records every call it gets.</summary>
public sealed class ProbeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeServer(WebApplication app, Uri address, ProbeCalls calls)
    {
        _app = app;
        Address = address;
        Calls = calls;
    }

    public Uri Address { get; }
    public ProbeCalls Calls { get; }

    /// <param name="port">The port to listen on; 0 (the default) for any free one.</param>
    public static async Task<ProbeServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, port));
        var calls = new ProbeCalls();
        builder.Services.AddSingleton(calls);
        builder.Services.AddProcurementGrpc();
        var app = builder.Build();
        app.MapGrpcService<ProbeImplementation>();
        app.MapProcurementGrpc();
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await app.StartAsync(starting.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProbeServer(app, new Uri(address), calls);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>The methods the probe was called with, in order.</summary>
public sealed class ProbeCalls
{
    private readonly ConcurrentQueue<string> _methods = new();

    public IReadOnlyCollection<string> Methods => _methods.ToArray();

    public void Record(string method) => _methods.Enqueue(method);

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the test lets every Stall call answer (<see cref="Release"/>).</summary>
    public Task Released => _released.Task;

    public void Release() => _released.TrySetResult();
}

internal sealed class ProbeImplementation(ProbeCalls calls) : Probe.ProbeService.ProbeServiceBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        calls.Record(context.Method);
        return Task.FromResult(new EchoReply { Text = request.Text, Authorization = context.RequestHeaders.GetValue("authorization") ?? "" });
    }

    public override async Task Count(CountRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        calls.Record(context.Method);
        for (var i = 1; i <= request.UpTo; i++)
            await responseStream.WriteAsync(new EchoReply { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, context.CancellationToken);
    }

    public override async Task<EchoReply> Stall(EchoRequest request, ServerCallContext context)
    {
        calls.Record(context.Method);
        await calls.Released.WaitAsync(context.CancellationToken);
        return new EchoReply { Text = request.Text };
    }

    public override async Task Fail(FailRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        calls.Record(context.Method);
        await responseStream.WriteAsync(new EchoReply { Text = "before the failure" }, context.CancellationToken);
        throw new RpcException(new Status((StatusCode)request.Status, request.Message));
    }
}
