using System.Diagnostics;

namespace Procurement.Messaging.Tests.Support;

/// <summary>Bounded polling for things that happen asynchronously (a consumer ran, a row changed).</summary>
public static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);

    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var bound = timeout ?? TestInfrastructure.Timeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > bound) throw new TimeoutException($"Not within {bound}: {what}");
            await Task.Delay(PollEvery);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        True(() => Task.FromResult(condition()), what, timeout);
}
