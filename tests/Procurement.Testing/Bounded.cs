using Microsoft.AspNetCore.Builder;

namespace Procurement.Testing;

/// <summary>
/// A host's stop and dispose, bounded in time: a hosted service or a disposable that ignores its cancellation token
/// (a bus waiting for a broker that is gone) fails the test with a TimeoutException naming the host, never hangs it.
/// </summary>
public static class Bounded
{
    public static async Task StopAndDisposeAsync(WebApplication app, string name)
    {
        using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
        try
        {
            await app.StopAsync(stopping.Token).WaitAsync(TestInfrastructure.Timeout);
            await app.DisposeAsync().AsTask().WaitAsync(TestInfrastructure.Timeout);
        }
        catch (TimeoutException hung)
        {
            throw new TimeoutException($"The host {name} did not stop, or was not disposed, within {TestInfrastructure.Timeout}.", hung);
        }
    }
}
