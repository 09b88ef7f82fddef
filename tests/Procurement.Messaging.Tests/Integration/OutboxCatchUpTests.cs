using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>
/// Overdue work resumes at once after a restart (decision 0024): rows an earlier run of the service left unpublished,
/// with a backoff that runs far past now, are published by the first pass of the next run, without any clock moving.
/// </summary>
public sealed class OutboxCatchUpTests : MessagingTestBase
{
    [Fact]
    public async Task Rows_left_by_an_earlier_run_go_at_the_start_whatever_their_backoff()
    {
        var waiting = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await using (var earlierRun = OutboxServices())
        {
            await using var scope = earlierRun.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox<TestDb>>();
            foreach (var id in waiting) outbox.Add(new TenderPublished(id, "left behind"));
            await scope.ServiceProvider.GetRequiredService<TestDb>().SaveChangesAsync();
        }
        // As the earlier run left them after failed attempts: next attempt a day from now.
        await using (var db = Database.NewContext())
            await db.Set<OutboxMessage>().ExecuteUpdateAsync(rows => rows
                .SetProperty(m => m.AttemptCount, 7)
                .SetProperty(m => m.LastError, "TimeoutException: The broker did not confirm the publish within 00:00:10.")
                .SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddDays(1)));

        await StartHostAsync(typeof(TenderPublishedConsumer));

        await Eventually.True(() => waiting.All(id => Deliveries.CountOf(id) == 1), "both waiting events arrived at the start");
        await Eventually.True(async () => (await OutboxRowsAsync()).All(r => r.PublishedAt is not null), "both rows marked published");
        Assert.All(await OutboxRowsAsync(), r => Assert.Null(r.LastError));
    }
}
