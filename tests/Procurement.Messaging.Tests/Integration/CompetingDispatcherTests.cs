using Microsoft.Extensions.Logging;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

public sealed class CompetingDispatcherTests : MessagingTestBase
{
    [Fact]
    public async Task Two_dispatchers_on_one_database_publish_each_row_once()
    {
        // Two replicas of one service: same database, same broker topology, a dispatcher each.
        var replicaA = await StartHostAsync(typeof(TenderPublishedConsumer));
        var replicaB = await StartHostAsync();
        var tenders = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();

        // In several transactions, from both replicas, so both are signalled as well as polling.
        foreach (var (chunk, index) in tenders.Chunk(20).Select((c, i) => (c, i)))
        {
            await (index % 2 == 0 ? replicaA : replicaB).InScopeAsync(async (db, outbox) =>
            {
                foreach (var id in chunk) outbox.Add(new TenderPublished(id, $"lot {id}"));
                await db.SaveChangesAsync();
            });
        }

        await Eventually.True(() => Deliveries.Distinct == tenders.Length, "every event was consumed",
            TimeSpan.FromSeconds(60));
        // A marker published after all of them: any duplicate publish would have arrived before it.
        var marker = Guid.NewGuid();
        await replicaA.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(marker, "marker"));
            await db.SaveChangesAsync();
        });
        await Eventually.True(() => Deliveries.CountOf(marker) == 1, "the marker arrived");
        // A row is marked published when its dispatcher's batch commits, which can be just after the consumer has it.
        await Eventually.True(async () => (await OutboxRowsAsync()).All(row => row.PublishedAt is not null), "every row marked published");

        Assert.All(tenders, id => Assert.Equal(1, Deliveries.CountOf(id)));
        var rows = await OutboxRowsAsync();
        Assert.Equal(tenders.Length + 1, rows.Length);
        Assert.All(rows, row => Assert.Equal(1, row.AttemptCount));
        Assert.All(rows, row => Assert.NotNull(row.PublishedAt));

        // Both replicas took part, so the test did exercise the locking.
        var publishedByA = replicaA.Logs.Count(LogLevel.Debug, "Published outbox message");
        var publishedByB = replicaB.Logs.Count(LogLevel.Debug, "Published outbox message");
        Assert.Equal(tenders.Length + 1, publishedByA + publishedByB);
        Assert.True(publishedByA > 0 && publishedByB > 0, $"A published {publishedByA}, B {publishedByB}");
    }
}
