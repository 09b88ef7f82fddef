using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Procurement.Contracts.Bid.V1;

namespace Procurement.Moderation.Grpc;

/// <summary>
/// The moderation service's client of the bid service (Services:Bids, default http://localhost:5102), from the gRPC
/// client factory: the deadline and cancellation of the call being served go with each call, and a call the bid
/// service could not take (UNAVAILABLE: restarting, or not yet up) is retried a few times with backoff.
/// </summary>
internal static class BidServiceClient
{
    /// <summary>The most a call may take when the call being served has no sooner deadline.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddBidServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpcClient<BidService.BidServiceClient>(client =>
                client.Address = new Uri(configuration["Services:Bids"] ?? "http://localhost:5102"))
            .EnableCallContextPropagation()
            .ConfigureChannel(channel => channel.ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 4,
                            InitialBackoff = TimeSpan.FromMilliseconds(200),
                            MaxBackoff = TimeSpan.FromSeconds(2),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            });
        return services;
    }
}
