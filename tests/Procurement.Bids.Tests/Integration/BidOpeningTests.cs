using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Tests.Integration.Support;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Procurement.Bids.Messaging;
using Grpc.Core;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Outbox;

namespace Procurement.Bids.Tests.Integration;

public sealed class BidOpeningTests : BidServiceTestBase
{
    [Fact]
    public async Task At_TenderClosed_each_lot_is_opened_for_its_own_commissioner_with_the_receipts_digests()
    {
        var tenderId = await PublishTenderAsync();
        var victimSupport = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00), JointTender.Offer("essex", 540_000_00));
        var catch22 = await SubmitAsync(People.Catch22, tenderId, JointTender.Offer("essex", 520_000_00));

        var opened = await CloseAsync(tenderId);

        var kent = Assert.Single(opened, e => e.LotId == "kent");
        var essex = Assert.Single(opened, e => e.LotId == "essex");
        Assert.Equal(("kent", "essex"), (kent.Commissioner, essex.Commissioner));
        Assert.Equal([(victimSupport.BidId, victimSupport.DigestSha256)], kent.Bids.Select(b => (b.BidId.ToString(), b.DigestSha256)));
        Assert.Equal(
            new[] { (catch22.BidId, catch22.DigestSha256, 520_000_00L), (victimSupport.BidId, victimSupport.DigestSha256, 540_000_00L) }.Order(),
            essex.Bids.Select(b => (b.BidId.ToString(), b.DigestSha256, b.AnnualPrice.MinorUnits)).Order());
        Assert.All(kent.Bids.Concat(essex.Bids), b => Assert.True(b.Compliant));

        // The moderation service reads each lot's opened offers (for the panel members it admits); a person may not.
        var kentOffers = await OpenedBids.ListOpenedBidsAsync(new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "kent" }, As(People.ModerationService));
        var offer = Assert.Single(kentOffers.Offers);
        Assert.Equal((victimSupport.BidId, "victim-support", victimSupport.DigestSha256), (offer.BidId, offer.Supplier, offer.DigestSha256));
        Assert.Equal(4, offer.Offer.Responses.Count);
        var evaluator = await Assert.ThrowsAsync<RpcException>(async () =>
            await OpenedBids.ListOpenedBidsAsync(new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "kent" }, As(People.KentEvaluator)));
        Assert.Equal(StatusCode.PermissionDenied, evaluator.StatusCode);
        Assert.Equal(2, (await OpenedBids.ListOpenedBidsAsync(new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "essex" }, As(People.ModerationService))).Offers.Count);
        var onlyOne = new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "essex", BidIds = { catch22.BidId } };
        Assert.Equal([catch22.BidId], (await OpenedBids.ListOpenedBidsAsync(onlyOne, As(People.ModerationService))).Offers.Select(o => o.BidId));

        // The supplier proves that what was opened is what it sent.
        var verified = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = victimSupport }, As(People.VictimSupport));
        Assert.True(verified.Matches);
        Assert.Contains("was opened with exactly this digest", verified.Explanation);
        var forged = victimSupport.Clone();
        forged.DigestSha256 = new string('0', 64);
        var refuted = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = forged }, As(People.VictimSupport));
        Assert.False(refuted.Matches);
        Assert.Equal(victimSupport.DigestSha256, refuted.HeldDigestSha256);
        Assert.Equal(BidStatus.Opened, (await Bids.GetBidAsync(new GetBidRequest { BidId = victimSupport.BidId }, As(People.VictimSupport))).Status);
    }

    [Fact]
    public async Task Incomplete_offers_are_opened_but_marked_non_compliant_with_every_reason()
    {
        var tenderId = await PublishTenderAsync();
        var incomplete = JointTender.Offer("kent", 990_000_00);
        incomplete.Responses.RemoveAt(0);   // no answer to Q1
        var request = JointTender.Bid(tenderId, incomplete);
        request.Declarations.NoConflictsDeclared = false;
        var receipt = await Bids.SubmitBidAsync(request, As(People.VictimSupport));

        var opened = await CloseAsync(tenderId);

        var bid = Assert.Single(Assert.Single(opened, e => e.LotId == "kent").Bids);
        Assert.Equal(receipt.BidId, bid.BidId.ToString());
        Assert.False(bid.Compliant);
        Assert.Equal(["No response to criterion Q1.", "The supplier did not complete the conflict-of-interest declaration."], bid.NonComplianceReasons);
        Assert.Empty(Assert.Single(opened, e => e.LotId == "essex").Bids);
    }

    [Fact]
    public async Task A_redelivered_TenderClosed_opens_nothing_twice()
    {
        var tenderId = await PublishTenderAsync();
        await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        var messageId = Guid.NewGuid();
        Clock.AdvanceTo(JointTender.SubmissionDeadline);

        await DeliverAsync(JointTender.Closed(tenderId), messageId);
        await DeliverAsync(JointTender.Closed(tenderId), messageId);
        // A different message for the same closing (e.g. a manual close racing the scheduler) is harmless too.
        await DeliverAsync(JointTender.Closed(tenderId));
        // A later event on the same queue (consumed in order, one at a time): once it is in the inbox,
        // the three before it have been handled.
        await DeliverAsync(new LotCancelled(tenderId, "essex", "essex", "Re-procured", Clock.GetUtcNow()));
        await Eventually.True(async () => await QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.ConsumerName.EndsWith(nameof(LotCancelledConsumer)))) == 1,
            "LotCancelled handled");

        // Published, the closing (once for its two deliveries), the other closing, the lot cancellation.
        Assert.Equal(4, await QueryAsync(db => db.Set<InboxMessage>().CountAsync()));
        Assert.Equal(2, await QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));   // one BidsOpened per lot, once
        await Eventually.True(() => OpenedFor(tenderId).Count == 2, "both BidsOpened delivered");
        Assert.Equal(1, await QueryAsync(db => db.OpenedOffers.CountAsync()));
        Assert.Equal(2, await QueryAsync(db => db.OpenedLots.CountAsync()));
    }

    [Fact]
    public async Task A_cancelled_lots_bids_are_void_and_only_the_other_lot_is_opened()
    {
        var tenderId = await PublishTenderAsync();
        var both = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00), JointTender.Offer("essex", 540_000_00));
        var essexOnly = await SubmitAsync(People.Catch22, tenderId, JointTender.Offer("essex", 520_000_00));

        await DeliverAsync(new LotCancelled(tenderId, "essex", "essex", "Essex extends its current contract", Clock.GetUtcNow()));
        await Eventually.True(async () => (await Bids.GetBidAsync(new GetBidRequest { BidId = essexOnly.BidId }, As(People.Catch22))).Status == BidStatus.Void,
            "Catch22's Essex-only bid is void");
        var partly = await Bids.GetBidAsync(new GetBidRequest { BidId = both.BidId }, As(People.VictimSupport));
        Assert.Equal(BidStatus.Submitted, partly.Status);
        Assert.Equal(["essex"], partly.VoidLotIds);
        var toCancelledLot = await Assert.ThrowsAsync<RpcException>(async () =>
            await SubmitAsync(People.Supplier("new-supplier"), tenderId, JointTender.Offer("essex", 1)));
        Assert.Equal(StatusCode.InvalidArgument, toCancelledLot.StatusCode);

        var opened = await CloseAsync(tenderId, "kent");

        var kent = Assert.Single(opened);
        Assert.Equal("kent", kent.LotId);
        Assert.Equal([both.BidId], kent.Bids.Select(b => b.BidId.ToString()));
        var essexLot = await Assert.ThrowsAsync<RpcException>(async () =>
            await OpenedBids.ListOpenedBidsAsync(new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "essex" }, As(People.ModerationService)));
        Assert.Equal(StatusCode.FailedPrecondition, essexLot.StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_bid_and_one_not_reconfirmed_after_an_amendment_are_handled_at_opening()
    {
        var tenderId = await PublishTenderAsync();
        var withdrawn = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        await Bids.WithdrawBidAsync(new WithdrawBidRequest { BidId = withdrawn.BidId, Reason = "Capacity" }, As(People.VictimSupport));
        var stale = await SubmitAsync(People.Catch22, tenderId, JointTender.Offer("kent", 900_000_00));
        await DeliverAsync(new TenderAmended(tenderId, 2, "Corrected TUPE information", JointTender.ClarificationDeadline,
            JointTender.SubmissionDeadline, JointTender.Lots, Clock.GetUtcNow()));
        await Eventually.True(async () => (await Bids.GetBidAsync(new GetBidRequest { BidId = stale.BidId }, As(People.Catch22))).Status == BidStatus.NeedsReconfirmation,
            "the bid needs reconfirmation");

        var opened = await CloseAsync(tenderId);

        var kent = Assert.Single(Assert.Single(opened, e => e.LotId == "kent").Bids);
        Assert.Equal(stale.BidId, kent.BidId.ToString());
        Assert.False(kent.Compliant);
        Assert.Contains("The bid was not reconfirmed after the tender was amended.", kent.NonComplianceReasons);
        Assert.Equal(BidStatus.Withdrawn, (await Bids.GetBidAsync(new GetBidRequest { BidId = withdrawn.BidId }, As(People.VictimSupport))).Status);
    }
}
