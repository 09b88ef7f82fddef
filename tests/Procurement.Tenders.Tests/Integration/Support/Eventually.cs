using System.Diagnostics;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>Bounded polling for what happens asynchronously (an event arriving through the broker).</summary>
public static class Eventually
{
    public static async Task<T> Single<T>(Func<T?> find, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (find() is { } found) return found;
            if (clock.Elapsed > TestInfrastructure.Timeout) throw new TimeoutException($"Not within {TestInfrastructure.Timeout}: {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
