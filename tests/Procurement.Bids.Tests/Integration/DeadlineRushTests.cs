using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Tests.Integration.Support;
using Procurement.Contracts.Bid.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Procurement.Bids.Tests.Integration;

/// <summary>
/// Many suppliers submit at once while the deadline passes (the service's clock is moved past it mid-flight)
/// and the closing arrives while later submissions are still in flight. Every submission must be either
/// acknowledged, stored and opened, or refused with FAILED_PRECONDITION and stored nowhere.
/// </summary>
public sealed class DeadlineRushTests(ITestOutputHelper output) : BidServiceTestBase
{
    private const int Submissions = 400;

    private sealed record Outcome(int Index, Receipt? Receipt, RpcException? Refusal);

    [Fact]
    public async Task Every_submission_straddling_the_deadline_is_opened_or_refused_none_lost_or_duplicated()
    {
        var tenderId = await PublishTenderAsync();
        Clock.AdvanceTo(JointTender.SubmissionDeadline.AddMinutes(-1));
        var acknowledged = 0;

        async Task<Outcome> SubmitAsync(int index)
        {
            // Alternate Kent, Essex and both lots, so both lots' openings are exercised.
            LotOffer[] offers = (index % 3) switch
            {
                0 => [JointTender.Offer("kent", 900_000_00 + index)],
                1 => [JointTender.Offer("essex", 500_000_00 + index)],
                _ => [JointTender.Offer("kent", 950_000_00 + index), JointTender.Offer("essex", 520_000_00 + index)],
            };
            try
            {
                var receipt = await Bids.SubmitBidAsync(JointTender.Bid(tenderId, offers), As(People.Supplier($"supplier-{index:D3}")));
                Interlocked.Increment(ref acknowledged);
                return new Outcome(index, receipt, null);
            }
            catch (RpcException refusal)
            {
                return new Outcome(index, null, refusal);
            }
        }

        // First wave before the deadline; once an eighth are acknowledged the clock passes the deadline
        // while the rest of the wave is in flight.
        var firstWave = Enumerable.Range(0, Submissions / 2).Select(SubmitAsync).ToList();
        await Eventually.True(() => Volatile.Read(ref acknowledged) >= Submissions / 8, "an eighth of the first wave acknowledged");
        Clock.AdvanceTo(JointTender.SubmissionDeadline);
        // Second wave after the deadline, with the closing delivered while it is in flight.
        var secondWave = Enumerable.Range(Submissions / 2, Submissions / 2).Select(SubmitAsync).ToList();
        await DeliverAsync(JointTender.Closed(tenderId));
        var outcomes = await Task.WhenAll(firstWave.Concat(secondWave));
        await Eventually.True(() => OpenedFor(tenderId).Count == 2, "both lots opened");

        var receipts = outcomes.Where(o => o.Receipt is not null).Select(o => o.Receipt!).ToList();
        var refusals = outcomes.Where(o => o.Refusal is not null).ToList();
        var openedOffers = OpenedFor(tenderId).SelectMany(e => e.Bids).ToList();
        var openedBids = openedOffers.Select(b => (b.BidId.ToString(), b.DigestSha256)).Distinct().ToList();
        output.WriteLine($"sent {outcomes.Length}, acknowledged {receipts.Count} (first wave {outcomes.Take(Submissions / 2).Count(o => o.Receipt is not null)}), " +
                         $"refused {refusals.Count}, opened {openedBids.Count} bids ({openedOffers.Count} lot offers)");

        // Every submission has exactly one outcome: an acknowledgement or a deadline refusal.
        Assert.All(refusals, r => Assert.Equal(StatusCode.FailedPrecondition, r.Refusal!.StatusCode));
        Assert.All(refusals, r => Assert.Contains("submission deadline passed", r.Refusal!.Status.Detail));
        Assert.Equal(Submissions, receipts.Count + refusals.Count);
        Assert.InRange(receipts.Count, Submissions / 8, Submissions / 2);
        Assert.All(outcomes.Skip(Submissions / 2), o => Assert.Null(o.Receipt));
        Assert.All(receipts, r => Assert.True(r.ReceivedAt.ToDateTimeOffset() < JointTender.SubmissionDeadline));

        // Every acknowledged bid was opened, with its receipt's digest, once; nothing else was.
        Assert.Equal(receipts.Select(r => (r.BidId, r.DigestSha256)).Order(), openedBids.Order());
        var expectedOffers = receipts.Sum(r => int.Parse(r.Supplier["supplier-".Length..]) % 3 == 2 ? 2 : 1);
        Assert.Equal(expectedOffers, openedOffers.Count);
        Assert.Equal(receipts.Count, await QueryAsync(db => db.Bids.CountAsync()));
        Assert.Equal(expectedOffers, await QueryAsync(db => db.OpenedOffers.CountAsync()));
    }
}
