using System.Diagnostics;

namespace Procurement.Testing;

/// <summary>Bounded polling for what happens asynchronously (a consumer ran, a row changed, an event arrived).</summary>
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

    /// <summary>Waits until <paramref name="find"/> returns something, and returns it.</summary>
    public static async Task<T> Single<T>(Func<T?> find, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await True(() => (found = find()) is not null, what, timeout);
        return found!;
    }
}
