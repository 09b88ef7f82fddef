using Procurement.Testing;
using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Dev.V1;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;

namespace Procurement.Gateway.Tests;

/// <summary>The gateway's own check of the development clock control, before it asks any service.</summary>
public sealed class DevelopmentClockTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ProbeServer _probe = null!;

    public async Task InitializeAsync() => _probe = await ProbeServer.StartAsync();

    [Fact]
    public async Task Without_the_setting_the_gateway_refuses_saying_how_to_turn_it_on()
    {
        await using var gateway = await GatewayHost.StartAsync(_probe.Address, _clock);
        var client = new DevelopmentClock.DevelopmentClockClient(gateway.Channel.WithDeadlinesRequired());

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.AdvanceClockAsync(
            new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(1)) }, gateway.As(People.Officer)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Development:ClockControl=true", refused.Status.Detail);
        Assert.Contains("'Production'", refused.Status.Detail);
    }

    [Fact]
    public async Task The_setting_outside_Development_stops_the_gateway_at_start_up()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayHost.StartAsync(_probe.Address, _clock,
            new Dictionary<string, string?> { ["Development:ClockControl"] = "true" }));
        Assert.Contains("refused in the 'Production' environment", failure.Message);
    }

    public async Task DisposeAsync() => await _probe.DisposeAsync();
}
