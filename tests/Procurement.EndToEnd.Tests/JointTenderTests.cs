using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;

namespace Procurement.EndToEnd.Tests;

public sealed class JointTenderTests : ServicesTestBase
{
    [Fact]
    public async Task Kent_and_Essex_tender_from_publication_to_bids_opened_lot_by_lot()
    {
        var tender = await PublishJointTenderAsync();

        // Suppliers bid, sealed: Victim Support for both lots, Catch22 for Essex only.
        Clock.Advance(TimeSpan.FromDays(10));
        var victimSupport = await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("kent", 1_000_000_00), ("essex", 540_000_00)), As(KentAndEssex.VictimSupport));
        var catch22 = await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("essex", 520_000_00)), As(KentAndEssex.Catch22));

        // A clarification, asked by one supplier and answered for all.
        var question = await Tenders.AskClarificationAsync(new AskClarificationRequest { TenderId = tender.Id, Question = "Is TUPE expected to apply?" }, As(KentAndEssex.Catch22));
        await Tenders.AnswerClarificationAsync(new AnswerClarificationRequest { ClarificationId = question.Id, Answer = "Yes; see the TUPE annex." }, As(KentAndEssex.Officer));
        var seenByOther = Assert.Single((await Tenders.ListClarificationsAsync(new ListClarificationsRequest { TenderId = tender.Id }, As(KentAndEssex.VictimSupport))).Clarifications);
        Assert.Equal(("Yes; see the TUPE annex.", ""), (seenByOther.Answer, seenByOther.AskedByOrganisation));

        // The officer amends the tender: both bids need reconfirmation; Victim Support reconfirms, Catch22 does not.
        Clock.Advance(TimeSpan.FromDays(20));
        var current = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(KentAndEssex.Officer));
        var amendedContent = KentAndEssex.Tender();
        amendedContent.Lots[0].Specification += " Includes the TUPE annex.";
        var amended = await Tenders.AmendAsync(new AmendRequest { TenderId = tender.Id, ExpectedVersion = current.Version, Content = amendedContent, Summary = "TUPE annex added" },
            As(KentAndEssex.Officer));
        await BidServiceKnowsAsync(tender.Id, amended.Revision);
        var needing = await Bids.GetBidAsync(new GetBidRequest { BidId = victimSupport.BidId }, As(KentAndEssex.VictimSupport));
        Assert.Equal((BidStatus.NeedsReconfirmation, "TUPE annex added"), (needing.Status, needing.AmendmentSummary));
        await Bids.ReconfirmBidAsync(new ReconfirmBidRequest { BidId = victimSupport.BidId, TenderRevision = amended.Revision }, As(KentAndEssex.VictimSupport));

        // The deadline passes: the tender service closes the tender by itself, the bid service opens the bids.
        Clock.AdvanceTo(KentAndEssex.SubmissionDeadline);
        await Eventually.True(() => OpenedFor(tender.Id).Count == 2, "BidsOpened for both lots");
        var closed = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(KentAndEssex.Officer));
        Assert.Equal(TenderStatus.Closed, closed.Status);
        Assert.Equal(KentAndEssex.SubmissionDeadline, closed.ClosedAt.ToDateTimeOffset());

        var kent = OpenedFor(tender.Id).Single(e => e.LotId == "kent");
        var essex = OpenedFor(tender.Id).Single(e => e.LotId == "essex");
        Assert.Equal([(victimSupport.BidId, victimSupport.DigestSha256, true)], kent.Bids.Select(b => (b.BidId.ToString(), b.DigestSha256, b.Compliant)));
        Assert.Equal(
            new[] { (catch22.BidId, false), (victimSupport.BidId, true) }.OrderBy(b => b.Item1),
            essex.Bids.Select(b => (b.BidId.ToString(), b.Compliant)).OrderBy(b => b.Item1));
        Assert.Contains("The bid was not reconfirmed after the tender was amended.", essex.Bids.Single(b => b.BidId.ToString() == catch22.BidId).NonComplianceReasons);

        // The supplier proves its bid was opened as sent (who reads the content: BidContentGateTests).
        Assert.True((await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = victimSupport }, As(KentAndEssex.VictimSupport))).Matches);

        // Each commissioner's evaluation opens in the moderation service, scored as the tender said.
        Evaluation? kentEvaluation = null;
        await Eventually.True(async () => (kentEvaluation = (await Moderation.ListEvaluationsAsync(
                new ListEvaluationsRequest { TenderId = tender.Id }, As(KentAndEssex.KentOfficer))).Evaluations.SingleOrDefault()) is not null,
            "Kent's evaluation opened");
        Assert.Equal(("kent", 50, 5), (kentEvaluation!.LotId, kentEvaluation.MinimumQualityPercent, kentEvaluation.Criteria.Count));
        Assert.Equal(["victim-support"], kentEvaluation.Bids.Select(b => b.Supplier));
    }

    [Fact]
    public async Task While_the_tender_service_is_down_the_bid_service_still_takes_bids_until_the_deadline_and_refuses_them_after()
    {
        var tender = await PublishJointTenderAsync();
        await StopTenderServiceAsync();

        Clock.AdvanceTo(KentAndEssex.SubmissionDeadline.AddMinutes(-5));
        var inTime = await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("kent", 990_000_00)), As(KentAndEssex.VictimSupport));
        Clock.AdvanceTo(KentAndEssex.SubmissionDeadline.AddHours(2));
        var late = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("essex", 500_000_00)), As(KentAndEssex.Catch22)));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);

        // Back up two hours late, the tender service closes what fell due while it was down.
        await StartTenderServiceAsync();
        await Eventually.True(() => OpenedFor(tender.Id).Count == 2, "BidsOpened for both lots");
        var kent = OpenedFor(tender.Id).Single(e => e.LotId == "kent");
        Assert.Equal([inTime.DigestSha256], kent.Bids.Select(b => b.DigestSha256));
        Assert.Empty(OpenedFor(tender.Id).Single(e => e.LotId == "essex").Bids);
        var closed = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(KentAndEssex.Officer));
        Assert.Equal((TenderStatus.Closed, KentAndEssex.SubmissionDeadline.AddHours(2)), (closed.Status, closed.ClosedAt.ToDateTimeOffset()));
    }
}
