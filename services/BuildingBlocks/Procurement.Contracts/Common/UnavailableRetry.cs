using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace Procurement.Contracts.Common.V1;

/// <summary>
/// The retry every client inside the suite uses (decision 0024): UNAVAILABLE alone, the one status that says the call
/// was not taken and the same call may succeed shortly, retried by Grpc.Net.Client with exponential backoff within
/// the call's own deadline. Changes carry an idempotency key, so a retry never applies one twice (decision 0026).
/// </summary>
public static class UnavailableRetry
{
    public static RetryPolicy Policy(int maxAttempts, TimeSpan initialBackoff, TimeSpan maxBackoff) => new()
    {
        MaxAttempts = maxAttempts,
        InitialBackoff = initialBackoff,
        MaxBackoff = maxBackoff,
        BackoffMultiplier = 2,
        RetryableStatusCodes = { StatusCode.Unavailable },
    };

    /// <summary>A channel's service config applying <see cref="Policy"/> to every method.</summary>
    public static ServiceConfig ServiceConfig(int maxAttempts, TimeSpan initialBackoff, TimeSpan maxBackoff) => new()
    {
        MethodConfigs = { new MethodConfig { Names = { MethodName.Default }, RetryPolicy = Policy(maxAttempts, initialBackoff, maxBackoff) } },
    };
}
