using Procurement.Testing;
using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Dev.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// The development clock control as a demonstration uses it: one call to the gateway moves every service's clock to the
/// same moment, and what falls due on the way happens (the tender closes, the bids open).
/// </summary>
public sealed class DevelopmentClockThroughGatewayTests : ServicesTestBase
{
    private DevelopmentClock.DevelopmentClockClient ClockControl => new(GatewayChannel.WithDeadlinesRequired());

    /// <summary>
    /// Here tokens are judged by the test's clock, the one being moved (a suite run for a demonstration judges them by the
    /// real clock): the officer's token must outlast the jump for the services the gateway asks after the first has moved it.
    /// </summary>
    private CallOptions AsOfficerForMonths() => new(
        headers: new Metadata { { "authorization", "Bearer " + Procurement.Identity.DevelopmentTokens.Issue(KentAndEssex.Officer, TimeSpan.FromDays(120), Clock) } },
        deadline: DateTime.UtcNow + TestInfrastructure.Timeout);

    [Fact]
    public async Task One_call_moves_all_four_services_past_the_deadline_together()
    {
        var tender = await PublishJointTenderAsync();
        await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("kent", 1_000_000_00), ("essex", 540_000_00)), As(KentAndEssex.VictimSupport));

        var read = await ClockControl.GetClockAsync(new GetClockRequest(), As(KentAndEssex.Officer));
        Assert.Equal(["awards", "bids", "moderation", "tenders"], read.Clocks.Select(c => c.Service).Order());
        Assert.All(read.Clocks, c => Assert.Equal(KentAndEssex.Now, c.Now.ToDateTimeOffset()));

        var by = KentAndEssex.SubmissionDeadline - KentAndEssex.Now + TimeSpan.FromHours(1);
        var moved = await ClockControl.AdvanceClockAsync(new AdvanceClockRequest { By = Duration.FromTimeSpan(by) }, AsOfficerForMonths());

        // The four services share this test's clock: moved to one moment, not four times over.
        Assert.Equal(4, moved.Clocks.Count);
        Assert.All(moved.Clocks, c => Assert.Equal(KentAndEssex.Now + by, c.Now.ToDateTimeOffset()));
        Assert.Equal(KentAndEssex.Now + by, Clock.GetUtcNow());

        await Eventually.True(() => OpenedFor(tender.Id).Count == 2, "the bids opened for both lots after the clock passed the deadline");
        var closed = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(KentAndEssex.Officer));
        Assert.Equal(TenderStatus.Closed, closed.Status);
        Assert.InRange(closed.ClosedAt.ToDateTimeOffset(), KentAndEssex.SubmissionDeadline, KentAndEssex.Now + by);
    }

    [Fact]
    public async Task Only_a_procurement_officer_moves_it_and_never_backwards()
    {
        var supplier = await Assert.ThrowsAsync<RpcException>(() => ClockControl.AdvanceClockAsync(
            new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(1)) }, As(KentAndEssex.VictimSupport)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, supplier.StatusCode);

        var backwards = await Assert.ThrowsAsync<RpcException>(() => ClockControl.AdvanceClockAsync(
            new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(-1)) }, As(KentAndEssex.Officer)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, backwards.StatusCode);

        // To the year 10000: refused at the gateway by the same rules as every request, naming the field.
        var tooFar = await Assert.ThrowsAsync<RpcException>(() => ClockControl.AdvanceClockAsync(
            new AdvanceClockRequest { To = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 253_402_300_800 } }, As(KentAndEssex.Officer)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooFar.StatusCode);
        Assert.Equal("to", Assert.Single(Procurement.Contracts.Common.V1.FieldViolations.Of(tooFar)).Field);
        Assert.Equal(KentAndEssex.Now, Clock.GetUtcNow());
    }
}
