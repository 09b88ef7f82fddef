using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Events;
using Procurement.Contracts.Tender.V1;
using Procurement.Tenders.Tests.Integration.Support;

namespace Procurement.Tenders.Tests.Integration;

public sealed class ContractAwardedTests : TenderServiceTestBase
{
    private async Task AnnounceContractAsync(Tender tender, string lotId, Guid? messageId = null)
    {
        using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
        await Service.Services.GetRequiredService<IBus>().Publish(
            new ContractAwarded(Guid.NewGuid(), Guid.Parse(tender.Id), lotId, lotId, "victim-support", new Money(1_000_000_00, "GBP"),
                new DateOnly(2023, 4, 1), new DateOnly(2027, 3, 31), 36, 12, Clock.GetUtcNow()),
            c => c.MessageId = messageId ?? Guid.NewGuid(), timeout.Token);
    }

    private async Task<Tender> ClosedJointTenderAsync()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());
        Clock.AdvanceTo(published.Timetable.SubmissionDeadline.ToDateTimeOffset());
        await Eventually.True(async () => (await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = published.Id }, As(People.SevenFOfficer))).Status == TenderStatus.Closed,
            "the tender closed at its deadline");
        return published;
    }

    [Fact]
    public async Task Each_lot_is_marked_awarded_by_its_contract_and_the_tender_completes_with_the_last()
    {
        var tender = await ClosedJointTenderAsync();

        await AnnounceContractAsync(tender, "kent");
        await Eventually.True(async () => (await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(People.SevenFOfficer)))
            .Lots.Single(l => l.Id == "kent").Status == LotStatus.Awarded, "Kent's lot awarded");
        var afterKent = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(People.SevenFOfficer));
        Assert.Equal((TenderStatus.Closed, LotStatus.Active), (afterKent.Status, afterKent.Lots.Single(l => l.Id == "essex").Status));

        // Announced twice (two messages for the same award): no second effect, no failure.
        await AnnounceContractAsync(tender, "kent");
        await AnnounceContractAsync(tender, "essex");
        await Eventually.True(async () => (await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(People.SevenFOfficer))).Status == TenderStatus.Complete,
            "the tender is complete once every lot is awarded");
    }
}
