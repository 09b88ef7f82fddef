namespace Procurement.Grpc.Tests.Support;

/// <summary>Bounded waits: a test that would hang fails instead.</summary>
public static class Wait
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Bound);
    public static Task Bounded(this Task task) => task.WaitAsync(Bound);

    public static async Task<RpcException> ForRpcException(Func<Task> call)
    {
        try
        {
            await call().WaitAsync(Bound);
        }
        catch (RpcException ex)
        {
            return ex;
        }
        throw new Xunit.Sdk.XunitException("Expected the call to fail with an RpcException, but it succeeded.");
    }
}
