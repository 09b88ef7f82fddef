using Procurement.Contracts.Bid.V1;
using Procurement.Hosting;

namespace Procurement.Moderation.Grpc;

/// <summary>
/// The moderation service's client of the bid service's internal OpenedBidService (Services:Bids, default
/// http://localhost:5102): a suite client (<see cref="SuiteClients"/>), so each call carries the moderation service's
/// own token (the suite_service role; never the member's, whom this service has already admitted), the served call's
/// deadline and cancellation, and is retried on UNAVAILABLE.
/// </summary>
internal static class BidServiceClient
{
    public static IServiceCollection AddBidServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSuiteClient<OpenedBidService.OpenedBidServiceClient>(configuration, "Services:Bids", "http://localhost:5102");
        return services;
    }
}
