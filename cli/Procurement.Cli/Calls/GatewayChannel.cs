using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Procurement.Cli.Calls;

/// <summary>
/// The CLI's channel to the gateway. A call answered UNAVAILABLE (the gateway could not reach a service that is
/// restarting, or a service could not reach its database or broker for a moment) is tried again by Grpc.Net.Client's
/// retry policy with backoff, within the call's own deadline, before the person sees an error (decision 0024).
/// </summary>
public static class GatewayChannel
{
    /// <summary>Attempts of one call in all, the first included.</summary>
    public const int MaxAttempts = 5;

    /// <summary>UNAVAILABLE alone: the one status that says the call was not taken and the same call may succeed shortly.</summary>
    public static RetryPolicy RetryPolicy => new()
    {
        MaxAttempts = MaxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(500),
        MaxBackoff = TimeSpan.FromSeconds(4),
        BackoffMultiplier = 2,
        RetryableStatusCodes = { StatusCode.Unavailable },
    };

    public static GrpcChannel Create(Uri gateway) => GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
    {
        ServiceConfig = new ServiceConfig { MethodConfigs = { new MethodConfig { Names = { MethodName.Default }, RetryPolicy = RetryPolicy } } },
    });
}
