using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Support;
using Procurement.Testing;

namespace Procurement.Messaging.Tests.Unit;

public sealed class OutboxSignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Notification_before_the_wait_is_not_lost()
    {
        var signal = new OutboxSignal<TestDb>();
        signal.Notify();
        // The manual clock never moves, so only the notification can complete this.
        await signal.WaitAsync(Poll, new ManualTimeProvider(), CancellationToken.None).WaitAsync(TestInfrastructure.Timeout);
    }

    [Fact]
    public async Task Without_a_notification_the_wait_ends_at_the_poll_interval()
    {
        var signal = new OutboxSignal<TestDb>();
        signal.Notify();
        var clock = new ManualTimeProvider();
        await signal.WaitAsync(Poll, clock, CancellationToken.None).WaitAsync(TestInfrastructure.Timeout);

        var wait = signal.WaitAsync(Poll, clock, CancellationToken.None); // the earlier notification was used up
        Assert.False(wait.IsCompleted);
        clock.Advance(Poll);
        await wait.WaitAsync(TestInfrastructure.Timeout);
    }

    [Fact]
    public async Task Notification_wakes_a_waiting_dispatcher()
    {
        var signal = new OutboxSignal<TestDb>();
        var wait = signal.WaitAsync(Poll, new ManualTimeProvider(), CancellationToken.None);
        Assert.False(wait.IsCompleted);
        signal.Notify();
        await wait.WaitAsync(TestInfrastructure.Timeout);
    }
}
