using Grpc.Net.Client;
using Procurement.Contracts.Common.V1;

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

    public static GrpcChannel Create(Uri gateway) => GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
    {
        ServiceConfig = UnavailableRetry.ServiceConfig(MaxAttempts, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4)),
    });
}
