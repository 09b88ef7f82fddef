using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>
/// The outbox publishes in the order of its sequence column, which is the order rows were inserted: events added in one
/// SaveChanges must get it in the order they were added, also when they are added in the same millisecond.
/// </summary>
public sealed class OutboxOrderTests : MessagingTestBase
{
    [Fact]
    public async Task Events_added_in_one_save_are_sequenced_in_the_order_they_were_added()
    {
        // A clock standing still: every event in the same millisecond.
        await using var provider = OutboxServices(new ManualTimeProvider());
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox<TestDb>>();

        var added = Enumerable.Range(0, 200).Select(i => outbox.Add(new TenderPublished(Guid.NewGuid(), $"event {i}")).Id).ToList();
        await db.SaveChangesAsync();

        var sequenced = await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).Select(m => m.Id).ToListAsync();
        Assert.Equal(added, sequenced);
        Assert.All(added, id => Assert.Equal(7, id.Version));
    }
}
