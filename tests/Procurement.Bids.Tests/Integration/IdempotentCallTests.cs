using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Bids.Tests.Integration.Support;
using Procurement.Contracts.Bid.V1;
using Procurement.Hosting.Idempotency;
using Procurement.Identity;
using Procurement.Testing;

namespace Procurement.Bids.Tests.Integration;

/// <summary>
/// A change whose answer is lost is safe to retry with its idempotency-key (decision 0026): the bid service commits a
/// bid, the answer never reaches the supplier (a fault injected between the commit and the response), and the retry
/// gets the receipt of that bid instead of ALREADY_EXISTS; the same key with another request is refused.
/// </summary>
public sealed class IdempotentCallTests : BidServiceTestBase
{
    private readonly LoseTheAnswer _fault = new();

    /// <summary>Real elapsed time as the keys' window sees it, apart from the business clock (<see cref="BidServiceTestBase.Clock"/>).</summary>
    private readonly ManualTimeProvider _elapsed = new(new DateTimeOffset(2031, 5, 6, 7, 0, 0, TimeSpan.Zero));

    protected override void ConfigureBidService(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_fault);
        builder.Services.AddKeyedSingleton<TimeProvider>(IdempotencyOptions.ClockKey, _elapsed);

        // Outermost: it sees the answer after the change was committed, and drops it.
        builder.Services.Configure<global::Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc =>
        {
            grpc.Interceptors.Add<LoseTheAnswer>();
            var registration = grpc.Interceptors[^1];
            grpc.Interceptors.RemoveAt(grpc.Interceptors.Count - 1);
            grpc.Interceptors.Insert(0, registration);
        });
    }

    private CallOptions WithKey(Caller caller, string key)
    {
        var options = As(caller);
        options.Headers!.Add(IdempotencyKeys.Header, key);
        return options;
    }

    [Fact]
    public async Task A_bid_whose_receipt_was_lost_is_not_made_twice_the_retry_gets_its_receipt()
    {
        var tenderId = await PublishTenderAsync();
        var request = JointTender.Bid(tenderId, JointTender.Offer("kent", 1_000_000_00));
        var key = Guid.NewGuid().ToString();

        _fault.DropNext();
        var lost = await Assert.ThrowsAsync<RpcException>(async () => await Bids.SubmitBidAsync(request, WithKey(People.VictimSupport, key)));
        Assert.Equal(StatusCode.Unavailable, lost.StatusCode);
        var stored = Assert.Single(await QueryAsync(db => db.Bids.AsNoTracking().ToListAsync()));

        // The retry: the receipt of the bid that was committed, signed, and the same however often it is asked for.
        var receipt = await Bids.SubmitBidAsync(request, WithKey(People.VictimSupport, key));
        Assert.Equal((stored.Id.ToString(), 1), (receipt.BidId, receipt.Version));
        Assert.True((await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = receipt }, As(People.VictimSupport))).Matches);
        Assert.Equal(receipt, await Bids.SubmitBidAsync(request, WithKey(People.VictimSupport, key)));
        Assert.Equal(1, await QueryAsync(db => db.Bids.CountAsync()));

        // The same key with another request is refused; without a key the supplier is told the bid exists.
        var changed = JointTender.Bid(tenderId, JointTender.Offer("kent", 990_000_00));
        var reused = await Assert.ThrowsAsync<RpcException>(async () => await Bids.SubmitBidAsync(changed, WithKey(People.VictimSupport, key)));
        Assert.Equal(StatusCode.FailedPrecondition, reused.StatusCode);
        Assert.Contains("already used for a different request", reused.Status.Detail);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await Bids.SubmitBidAsync(request, WithKey(People.VictimSupport, Guid.NewGuid().ToString())));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Equal(1, await QueryAsync(db => db.BidVersions.CountAsync()));

        // Keys belong to their caller: another supplier's identical key is a call of its own.
        var catch22 = await Bids.SubmitBidAsync(JointTender.Bid(tenderId, JointTender.Offer("kent", 1_080_000_00)), WithKey(People.Catch22, key));
        Assert.NotEqual(receipt.BidId, catch22.BidId);
    }

    [Fact]
    public async Task Concurrent_retries_of_a_revision_apply_it_once_and_all_get_its_receipt()
    {
        var tenderId = await PublishTenderAsync();
        var first = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        var revise = new ReviseBidRequest { BidId = first.BidId, ExpectedVersion = 1, Offers = { JointTender.Offer("kent", 950_000_00) }, Declarations = JointTender.AllDeclared() };
        var key = Guid.NewGuid().ToString();

        var receipts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => await Bids.ReviseBidAsync(revise, WithKey(People.VictimSupport, key))));

        Assert.All(receipts, r => Assert.Equal(receipts[0], r));
        Assert.Equal(2, receipts[0].Version);
        Assert.Equal(2, await QueryAsync(db => db.BidVersions.CountAsync(v => v.BidId == Guid.Parse(first.BidId))));
    }

    [Fact]
    public async Task Reads_record_nothing_and_keys_are_forgotten_after_the_window()
    {
        var tenderId = await PublishTenderAsync();
        await Bids.ListMyBidsAsync(new ListMyBidsRequest(), WithKey(People.VictimSupport, "read-1"));
        Assert.Equal(0, await QueryAsync(db => db.Set<IdempotentRequest>().CountAsync()));

        await Bids.SubmitBidAsync(JointTender.Bid(tenderId, JointTender.Offer("kent", 1_000_000_00)), WithKey(People.VictimSupport, "bid-1"));
        Assert.Equal(1, await QueryAsync(db => db.Set<IdempotentRequest>().CountAsync()));
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await Bids.SubmitBidAsync(JointTender.Bid(tenderId, JointTender.Offer("essex", 1)), WithKey(People.Catch22, "has space")));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);

        // Within the window the key is kept; after it, the clean-up forgets it.
        var now = _elapsed.GetUtcNow();
        Assert.Equal(0, await QueryAsync(db => IdempotencyCleanup.RemoveExpiredAsync(db, now + TimeSpan.FromHours(23), TimeSpan.FromHours(24), CancellationToken.None)));
        Assert.Equal(1, await QueryAsync(db => IdempotencyCleanup.RemoveExpiredAsync(db, now + TimeSpan.FromHours(25), TimeSpan.FromHours(24), CancellationToken.None)));
        Assert.Equal(0, await QueryAsync(db => db.Set<IdempotentRequest>().CountAsync()));
    }

    [Fact]
    public async Task Moving_the_business_clock_on_by_days_forgets_no_key_the_window_is_real_time()
    {
        var tenderId = await PublishTenderAsync();
        var submit = JointTender.Bid(tenderId, JointTender.Offer("kent", 1_000_000_00));
        var receipt = await Bids.SubmitBidAsync(submit, WithKey(People.VictimSupport, "bid-before-the-clock-moved"));
        var recorded = await QueryAsync(db => db.Set<IdempotentRequest>().SingleAsync());
        Assert.Equal(_elapsed.GetUtcNow(), recorded.CreatedAt);

        // Development moves the business clock past the window (and past the deadline): the key is still known.
        Clock.Advance(TimeSpan.FromDays(3));
        var retry = await Bids.SubmitBidAsync(submit, WithKey(People.VictimSupport, "bid-before-the-clock-moved"));
        Assert.Equal(receipt, retry);
        Assert.Equal(1, await QueryAsync(db => db.Set<IdempotentRequest>().CountAsync()));

        // Real time passes, an hour per look (the clean-up runs hourly on the same clock): the key goes after a day.
        await Eventually.True(async () =>
        {
            _elapsed.Advance(TimeSpan.FromHours(1));
            return await QueryAsync(db => db.Set<IdempotentRequest>().CountAsync()) == 0;
        }, "the key was forgotten");
        Assert.InRange(_elapsed.GetUtcNow() - recorded.CreatedAt, TimeSpan.FromHours(24), TimeSpan.FromHours(27));
    }

    /// <summary>Drops the answer of the next call after the handler (and its commit) ran, as a lost connection would.</summary>
    public sealed class LoseTheAnswer : Interceptor
    {
        private int _armed;

        public void DropNext() => Interlocked.Exchange(ref _armed, 1);

        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var response = await continuation(request, context);
            if (Interlocked.Exchange(ref _armed, 0) == 1)
                throw new RpcException(new Status(StatusCode.Unavailable, "The connection was lost before the answer was sent (injected)."));
            return response;
        }
    }
}
