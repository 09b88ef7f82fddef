using Procurement.Testing;
using Google.Protobuf;
using Procurement.Gateway.Tests.Probe;
using Grpc.Core;

namespace Procurement.Gateway.Tests.Support;

/// <summary>
/// Per test: a probe server behind every route of a fresh gateway, on a manual clock at the real "now".
/// <see cref="GatewayConfiguration"/> lets a test class change the gateway's settings.
/// </summary>
public abstract class ProbeGatewayTestBase : IAsyncLifetime
{
    protected ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    protected ProbeServer Probe { get; private set; } = null!;
    protected GatewayHost Gateway { get; private set; } = null!;
    protected ProbeService.ProbeServiceClient Awards { get; private set; } = null!;

    protected virtual IDictionary<string, string?> GatewayConfiguration => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Probe = await ProbeServer.StartAsync();
        Gateway = await GatewayHost.StartAsync(Probe.Address, Clock, GatewayConfiguration);
        Awards = new ProbeService.ProbeServiceClient(Gateway.Channel.WithDeadlinesRequired());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Probe.DisposeAsync();
    }

    /// <summary>A call of any path through the gateway, for methods no generated client of ours has.</summary>
    protected async Task<EchoReply> CallPathAsync(string service, string method, CallOptions options)
    {
        var path = new Method<EchoRequest, EchoReply>(MethodType.Unary, service, method,
            Marshallers.Create(m => m.ToByteArray(), EchoRequest.Parser.ParseFrom), Marshallers.Create(m => m.ToByteArray(), EchoReply.Parser.ParseFrom));
        return await Gateway.Channel.WithDeadlinesRequired().AsyncUnaryCall(path, null, options, new EchoRequest { Text = "probe" });
    }

    protected static CallOptions Anonymous => new(deadline: DateTime.UtcNow + TestInfrastructure.Timeout);

    protected static CallOptions WithAuthorization(string value) =>
        new(new Metadata { { "authorization", value } }, DateTime.UtcNow + TestInfrastructure.Timeout);
}
