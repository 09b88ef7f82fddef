using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Tests.Integration.Support;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Grpc.Core;
using Procurement.Contracts.Common.V1;

namespace Procurement.Bids.Tests.Integration;

public sealed class BidSubmissionTests : BidServiceTestBase
{
    [Fact]
    public async Task Submission_returns_a_receipt_whose_digest_the_supplier_can_read_back_and_verify()
    {
        var tenderId = await PublishTenderAsync();

        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00), JointTender.Offer("essex", 540_000_00));

        Assert.Equal((1, tenderId.ToString(), "victim-support"), (receipt.Version, receipt.TenderId, receipt.Supplier));
        Assert.Matches("^[0-9a-f]{64}$", receipt.DigestSha256);
        Assert.Equal(Clock.GetUtcNow(), receipt.ReceivedAt.ToDateTimeOffset());
        var bid = await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.VictimSupport));
        Assert.Equal(BidStatus.Submitted, bid.Status);
        Assert.Equal(receipt.DigestSha256, bid.DigestSha256);
        Assert.Equal(["essex", "kent"], bid.Offers.Select(o => o.LotId).Order());
        var verified = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = receipt }, As(People.VictimSupport));
        Assert.True(verified.Matches, verified.Explanation);
        Assert.Contains("will be opened", verified.Explanation);
    }

    [Fact]
    public async Task Before_the_deadline_no_one_but_the_supplier_reads_any_part_of_a_bid()
    {
        var tenderId = await PublishTenderAsync();
        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));

        // Another supplier: not even told the bid exists.
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.Catch22)));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
        Assert.Empty((await Bids.ListMyBidsAsync(new ListMyBidsRequest { TenderId = tenderId.ToString() }, As(People.Catch22))).Bids);

        // Even the moderation service: the lot is sealed until opening.
        var sealedLot = await Assert.ThrowsAsync<RpcException>(async () =>
            await OpenedBids.ListOpenedBidsAsync(new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "kent" }, As(People.ModerationService)));
        Assert.Equal(StatusCode.FailedPrecondition, sealedLot.StatusCode);
        Assert.Contains("sealed until", sealedLot.Status.Detail);

        // An evaluator may not call the supplier's methods at all, nor a supplier the moderation service's.
        var evaluator = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.KentEvaluator)));
        Assert.Equal(StatusCode.PermissionDenied, evaluator.StatusCode);
        var supplier = await Assert.ThrowsAsync<RpcException>(async () =>
            await OpenedBids.ListOpenedBidsAsync(new ListOpenedBidsRequest { TenderId = tenderId.ToString(), LotId = "kent" }, As(People.VictimSupport)));
        Assert.Equal(StatusCode.PermissionDenied, supplier.StatusCode);
    }

    [Fact]
    public async Task Revision_replaces_the_bid_and_a_stale_revision_is_aborted()
    {
        var tenderId = await PublishTenderAsync();
        var first = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        Clock.Advance(TimeSpan.FromHours(1));

        var revise = new ReviseBidRequest { BidId = first.BidId, ExpectedVersion = 1, Declarations = JointTender.AllDeclared() };
        revise.Offers.Add(JointTender.Offer("kent", 950_000_00));
        var second = await Bids.ReviseBidAsync(revise, As(People.VictimSupport));
        var stale = await Assert.ThrowsAsync<RpcException>(async () => await Bids.ReviseBidAsync(revise, As(People.VictimSupport)));

        Assert.Equal((first.BidId, 2), (second.BidId, second.Version));
        Assert.NotEqual(first.DigestSha256, second.DigestSha256);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var bid = await Bids.GetBidAsync(new GetBidRequest { BidId = first.BidId }, As(People.VictimSupport));
        Assert.Equal((2, 950_000_00L), (bid.Version, bid.Offers.Single().AnnualPrice.MinorUnits));
        // The first receipt still verifies, and says it no longer counts.
        var verified = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = first }, As(People.VictimSupport));
        Assert.True(verified.Matches);
        Assert.Equal(second.DigestSha256, verified.HeldDigestSha256);
        Assert.Contains("replaced it", verified.Explanation);
    }

    [Fact]
    public async Task A_second_bid_by_the_same_supplier_is_refused_until_the_first_is_withdrawn()
    {
        var tenderId = await PublishTenderAsync();
        var first = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));

        var twice = await Assert.ThrowsAsync<RpcException>(async () => await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("essex", 500_000_00)));
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        Assert.Contains(first.BidId, twice.Status.Detail);

        var withdrawn = await Bids.WithdrawBidAsync(new WithdrawBidRequest { BidId = first.BidId, Reason = "Partnering instead" }, As(People.VictimSupport));
        Assert.Equal(BidStatus.Withdrawn, withdrawn.Status);
        var again = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("essex", 500_000_00));
        Assert.NotEqual(first.BidId, again.BidId);
    }

    [Fact]
    public async Task After_the_deadline_submission_revision_and_withdrawal_are_refused_by_the_bid_services_own_clock()
    {
        // No TenderClosed is ever delivered (as if the tender service were down): the deadline alone decides.
        var tenderId = await PublishTenderAsync();
        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        Clock.AdvanceTo(JointTender.SubmissionDeadline);

        var late = await Assert.ThrowsAsync<RpcException>(async () => await SubmitAsync(People.Catch22, tenderId, JointTender.Offer("kent", 900_000_00)));
        var revise = new ReviseBidRequest { BidId = receipt.BidId, ExpectedVersion = 1, Declarations = JointTender.AllDeclared() };
        revise.Offers.Add(JointTender.Offer("kent", 1));
        var lateRevision = await Assert.ThrowsAsync<RpcException>(async () => await Bids.ReviseBidAsync(revise, As(People.VictimSupport)));
        var lateWithdrawal = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.WithdrawBidAsync(new WithdrawBidRequest { BidId = receipt.BidId }, As(People.VictimSupport)));

        Assert.All([late, lateRevision, lateWithdrawal], e => Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode));
        Assert.Contains("submission deadline passed at 2022-10-31 12:00:00 UTC", late.Status.Detail);
        var bid = await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.VictimSupport));
        Assert.Equal((1, BidStatus.Submitted), (bid.Version, bid.Status));
        Assert.Equal(1, await QueryAsync(db => db.Bids.CountAsync()));
    }

    [Fact]
    public async Task Bad_requests_are_refused_field_by_field_and_nothing_is_stored()
    {
        var tenderId = await PublishTenderAsync();
        var request = JointTender.Bid(tenderId, JointTender.Offer("kent", 1_000_000_00), new LotOffer { LotId = "" });
        request.Offers[0].AnnualPrice.Currency = "pounds";

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Bids.SubmitBidAsync(request, As(People.VictimSupport)));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var fields = FieldViolations.Of(refused).Select(v => v.Field).ToList();
        // What the .proto declares required is refused first, before the handler; then what the handler checks.
        Assert.Equal(["offers[1].lot_id", "offers[1].annual_price"], fields);
        request.Offers.RemoveAt(1);
        var badCurrency = await Assert.ThrowsAsync<RpcException>(async () => await Bids.SubmitBidAsync(request, As(People.VictimSupport)));
        Assert.Equal(["offers[0].annual_price.currency"], FieldViolations.Of(badCurrency).Select(v => v.Field));
        Assert.Equal(0, await QueryAsync(db => db.Bids.CountAsync()));

        var devon = JointTender.Offer("kent", 1);
        devon.LotId = "devon";
        var unknownLot = await Assert.ThrowsAsync<RpcException>(async () => await SubmitAsync(People.VictimSupport, tenderId, devon));
        Assert.Equal(StatusCode.InvalidArgument, unknownLot.StatusCode);
        Assert.Contains("no lot 'devon'", unknownLot.Status.Detail);

        var unknownTender = await Assert.ThrowsAsync<RpcException>(async () => await SubmitAsync(People.VictimSupport, Guid.NewGuid(), JointTender.Offer("kent", 1)));
        Assert.Equal(StatusCode.NotFound, unknownTender.StatusCode);
        var notAnId = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.GetBidAsync(new GetBidRequest { BidId = "bid-1" }, As(People.VictimSupport)));
        Assert.Equal(StatusCode.InvalidArgument, notAnId.StatusCode);
    }

    [Fact]
    public async Task An_amendment_asks_for_reconfirmation_which_restores_the_bid()
    {
        var tenderId = await PublishTenderAsync();
        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));

        await DeliverAsync(new TenderAmended(tenderId, 2, "Clarified the mobilisation period", JointTender.ClarificationDeadline,
            JointTender.SubmissionDeadline.AddDays(7), JointTender.Lots, Clock.GetUtcNow()));
        await Eventually.True(async () => (await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.VictimSupport))).Status == BidStatus.NeedsReconfirmation,
            "the bid needs reconfirmation");

        var bid = await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.VictimSupport));
        Assert.Equal((1, 2, "Clarified the mobilisation period"), (bid.ConfirmedTenderRevision, bid.TenderRevision, bid.AmendmentSummary));
        var wrongRevision = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.ReconfirmBidAsync(new ReconfirmBidRequest { BidId = receipt.BidId, TenderRevision = 1 }, As(People.VictimSupport)));
        Assert.Equal(StatusCode.Aborted, wrongRevision.StatusCode);

        var reconfirmed = await Bids.ReconfirmBidAsync(new ReconfirmBidRequest { BidId = receipt.BidId, TenderRevision = 2 }, As(People.VictimSupport));
        Assert.Equal(receipt.DigestSha256, reconfirmed.DigestSha256);
        bid = await Bids.GetBidAsync(new GetBidRequest { BidId = receipt.BidId }, As(People.VictimSupport));
        Assert.Equal((BidStatus.Submitted, 2), (bid.Status, bid.ConfirmedTenderRevision));
        // The amended deadline counts: a week after the original one, bids are still taken.
        Clock.AdvanceTo(JointTender.SubmissionDeadline.AddDays(1));
        await SubmitAsync(People.Catch22, tenderId, JointTender.Offer("essex", 500_000_00));
    }
}
