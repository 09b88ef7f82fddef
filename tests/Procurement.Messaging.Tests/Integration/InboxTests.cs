using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

public sealed class InboxTests : MessagingTestBase
{
    [Fact]
    public async Task Message_delivered_twice_with_the_same_MessageId_has_one_effect()
    {
        var host = await StartHostAsync(typeof(BidSubmittedConsumer));
        var counter = new ConsumeCounter();
        var bus = host.Services.GetRequiredService<IBus>();
        using var observer = bus.ConnectConsumeObserver(counter);

        var bid = new BidSubmitted(Guid.NewGuid(), Guid.NewGuid());
        var messageId = NewId.NextGuid();
        // A redelivery as the broker or a re-sending outbox would produce it: same message, same id.
        await bus.Publish(bid, context => context.MessageId = messageId);
        await bus.Publish(bid, context => context.MessageId = messageId);

        await Eventually.True(() => counter.Consumed == 2, "both deliveries reached the consumer");

        await using var db = Database.NewContext();
        Assert.Equal(1, await db.BidReceipts.CountAsync(r => r.BidId == bid.BidId));
        var inbox = await db.Set<InboxMessage>().SingleAsync();
        Assert.Equal(messageId, inbox.MessageId);
        Assert.Equal(typeof(BidSubmittedConsumer).FullName, inbox.ConsumerName);
    }

    [Fact]
    public async Task Distinct_messages_each_have_their_effect()
    {
        var host = await StartHostAsync(typeof(BidSubmittedConsumer));
        var bids = Enumerable.Range(0, 3).Select(_ => new BidSubmitted(Guid.NewGuid(), Guid.NewGuid())).ToArray();

        await host.InScopeAsync(async (db, outbox) =>
        {
            foreach (var bid in bids) outbox.Add(bid);
            await db.SaveChangesAsync();
        });

        await Eventually.True(async () =>
        {
            await using var db = Database.NewContext();
            return await db.BidReceipts.CountAsync() == bids.Length;
        }, "every bid has a receipt");
        await using var check = Database.NewContext();
        Assert.Equal(bids.Length, await check.Set<InboxMessage>().CountAsync());
    }
}
