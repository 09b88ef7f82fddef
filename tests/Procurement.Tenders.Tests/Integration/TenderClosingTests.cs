using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Events;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Tenders.Tests.Integration.Support;

namespace Procurement.Tenders.Tests.Integration;

/// <summary>
/// The scheduler closes tenders at their submission deadline on the service's (manual) clock. After
/// moving the clock the tests poll: the scheduler works on the thread pool.
/// </summary>
public sealed class TenderClosingTests : TenderServiceTestBase
{
    private static readonly DateTimeOffset Deadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private async Task<Tender> ReadAsync(Tender tender) =>
        await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(People.SevenFOfficer));

    private async Task<Tender> EventuallyClosedAsync(Tender tender)
    {
        Tender? read = null;
        await Eventually.True(async () => (read = await ReadAsync(tender)).Status == TenderStatus.Closed, $"tender {tender.Reference} closed");
        return read!;
    }

    /// <summary>Waits until the scheduler of <paramref name="instance"/> has scanned at or after <paramref name="moment"/>.</summary>
    private static Task ScannedSinceAsync(TenderServiceInstance instance, DateTimeOffset moment) =>
        Eventually.True(() => instance.Scheduler.LastScan?.At >= moment, $"the closing scheduler scanned at or after {moment:u}");

    private static Task AwaitingAsync(TenderServiceInstance instance, DateTimeOffset deadline) =>
        Eventually.True(() => instance.Scheduler.LastScan?.NextDeadline == deadline, $"the closing scheduler waits for {deadline:u}");

    private async Task<TenderClosed> ClosedOnceAsync(Tender tender)
    {
        var announced = await Eventually.Single(() => Events.Find<TenderClosed>(e => e.TenderId.ToString() == tender.Id), "TenderClosed consumed");
        Assert.Equal(1, await OutboxCountAsync(nameof(TenderClosed), tender.Id));
        Assert.Single(Events.All<TenderClosed>(), e => e.TenderId.ToString() == tender.Id);
        return announced;
    }

    [Fact]
    public async Task A_published_tender_closes_by_itself_at_its_submission_deadline_and_is_announced_once()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        await AwaitingAsync(Service, Deadline);

        Clock.AdvanceTo(Deadline - TimeSpan.FromMinutes(1));
        await ScannedSinceAsync(Service, Deadline - TimeSpan.FromMinutes(1));
        Assert.Equal(TenderStatus.Published, (await ReadAsync(tender)).Status);

        Clock.AdvanceTo(Deadline + TimeSpan.FromMinutes(1));
        var closed = await EventuallyClosedAsync(tender);

        Assert.InRange(closed.ClosedAt.ToDateTimeOffset(), Deadline, Deadline + TimeSpan.FromMinutes(1));
        var announced = await ClosedOnceAsync(tender);
        Assert.Equal(["essex", "kent"], announced.ActiveLotIds.Order());
        Assert.Equal(closed.ClosedAt.ToDateTimeOffset(), announced.ClosedAt);
    }

    [Fact]
    public async Task A_deadline_that_passed_while_the_service_was_down_is_closed_when_it_starts_again()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());

        await RestartAsync(whileDown: () => Clock.AdvanceTo(Deadline + TimeSpan.FromHours(3)));

        var closed = await EventuallyClosedAsync(tender);
        Assert.Equal(Deadline + TimeSpan.FromHours(3), closed.ClosedAt.ToDateTimeOffset());
        await ClosedOnceAsync(tender);
    }

    [Fact]
    public async Task Two_replicas_close_each_tender_once()
    {
        var tenders = new List<Tender>();
        for (var i = 1; i <= 3; i++) tenders.Add(await CreatePublishedAsync(Drafts.JointTender($"REPLICA-{i}", $"Replica {i}", "kent", "essex")));
        await using var replica = await StartInstanceAsync();
        await AwaitingAsync(Service, Deadline);
        await AwaitingAsync(replica, Deadline);

        Clock.AdvanceTo(Deadline + TimeSpan.FromMinutes(1));

        foreach (var tender in tenders) await EventuallyClosedAsync(tender);
        await ScannedSinceAsync(Service, Deadline);
        await ScannedSinceAsync(replica, Deadline);
        foreach (var tender in tenders) await ClosedOnceAsync(tender);
    }

    [Fact]
    public async Task An_amendment_extending_the_deadline_moves_the_closing_with_it()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        Clock.Advance(TimeSpan.FromDays(1));
        var content = Drafts.JointTender();
        content.Timetable.SubmissionDeadline = Timestamp.FromDateTimeOffset(Deadline.AddDays(7));
        await Tenders.AmendAsync(new AmendRequest { TenderId = tender.Id, ExpectedVersion = tender.Version, Content = content, Summary = "Deadline extended by a week" },
            As(People.SevenFOfficer));
        await AwaitingAsync(Service, Deadline.AddDays(7));

        Clock.AdvanceTo(Deadline + TimeSpan.FromMinutes(1));
        await ScannedSinceAsync(Service, Deadline + TimeSpan.FromMinutes(1));
        Assert.Equal(TenderStatus.Published, (await ReadAsync(tender)).Status);

        Clock.AdvanceTo(Deadline.AddDays(7) + TimeSpan.FromMinutes(1));
        var closed = await EventuallyClosedAsync(tender);

        Assert.True(closed.ClosedAt.ToDateTimeOffset() >= Deadline.AddDays(7));
        await ClosedOnceAsync(tender);
    }

    [Fact]
    public async Task A_cancelled_tender_is_never_closed()
    {
        var cancelled = await CreatePublishedAsync(Drafts.JointTender("CANCELLED-1", "Cancelled", "kent"));
        var goesOn = await CreatePublishedAsync(Drafts.JointTender("GOES-ON-1", "Goes on", "kent"));
        await Tenders.CancelTenderAsync(new CancelTenderRequest { TenderId = cancelled.Id, Reason = "Requirement withdrawn" }, As(People.SevenFOfficer));

        Clock.AdvanceTo(Deadline + TimeSpan.FromMinutes(1));
        await EventuallyClosedAsync(goesOn);
        await ScannedSinceAsync(Service, Deadline);

        Assert.Equal(TenderStatus.Cancelled, (await ReadAsync(cancelled)).Status);
        Assert.Equal(0, await OutboxCountAsync(nameof(TenderClosed), cancelled.Id));
    }

    [Fact]
    public async Task Closing_by_hand_waits_for_the_deadline_and_is_for_the_procuring_entitys_officers()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        var close = new CloseTenderRequest { TenderId = tender.Id };

        var early = await Assert.ThrowsAsync<RpcException>(async () => await Tenders.CloseTenderAsync(close, As(People.SevenFOfficer)));
        var supplier = await Assert.ThrowsAsync<RpcException>(async () => await Tenders.CloseTenderAsync(close, As(People.Supplier)));
        var otherUnit = await Assert.ThrowsAsync<RpcException>(async () => await Tenders.CloseTenderAsync(close, As(People.OtherUnitOfficer)));

        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("2022-10-31 12:00:00Z", early.Status.Detail);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (supplier.StatusCode, otherUnit.StatusCode));
        Assert.Equal(TenderStatus.Published, (await ReadAsync(tender)).Status);
    }

    [Fact]
    public async Task Closing_by_hand_while_the_scheduler_closes_too_announces_once_and_repeating_it_changes_nothing()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        await AwaitingAsync(Service, Deadline);

        Clock.AdvanceTo(Deadline + TimeSpan.FromMinutes(1));
        var byHand = await Tenders.CloseTenderAsync(new CloseTenderRequest { TenderId = tender.Id }, As(People.SevenFOfficer));
        var again = await Tenders.CloseTenderAsync(new CloseTenderRequest { TenderId = tender.Id }, As(People.SevenFOfficer));

        Assert.Equal(TenderStatus.Closed, byHand.Status);
        Assert.Equal((byHand.ClosedAt, byHand.Version), (again.ClosedAt, again.Version));
        await ScannedSinceAsync(Service, Deadline);
        await ClosedOnceAsync(tender);
    }
}
