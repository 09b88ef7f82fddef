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

    [Fact]
    public async Task The_first_pass_catches_up_and_the_broker_coming_back_asks_for_another_at_once()
    {
        var wakeUps = new OutboxWakeUps();
        var signal = new OutboxSignal<TestDb>(wakeUps);
        Assert.True(signal.TakeCatchUp());    // the start of a process
        Assert.False(signal.TakeCatchUp());

        var wait = signal.WaitAsync(Poll, new ManualTimeProvider(), CancellationToken.None);
        wakeUps.CatchUpAll();                 // a receive endpoint is connected again
        await wait.WaitAsync(TestInfrastructure.Timeout);
        Assert.True(signal.TakeCatchUp());
        Assert.False(signal.TakeCatchUp());
    }

    [Fact]
    public void A_catch_up_left_for_later_does_not_cut_the_wait_short()
    {
        var signal = new OutboxSignal<TestDb>();
        Assert.True(signal.TakeCatchUp());
        signal.CatchUpLater();
        Assert.False(signal.Pending);
        Assert.True(signal.TakeCatchUp());
    }
}
