using Grpc.Net.ClientFactory;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Gateway;

/// <summary>
/// The gRPC clients of the gateway (Grpc.Net.ClientFactory), one per service. Every call carries the signed-in
/// person's token and a deadline (<see cref="PersonCallInterceptor"/>); UNAVAILABLE is retried with backoff within that
/// deadline, as the CLI does (decision 0024).
/// </summary>
public static class GatewayClients
{
    public static IServiceCollection AddGatewayClients(this IServiceCollection services, PortalOptions options)
    {
        services.AddScoped<PersonCallInterceptor>();
        services.AddSingleton(options);
        Add<TenderService.TenderServiceClient>(services, options);
        Add<BidService.BidServiceClient>(services, options);
        Add<ModerationService.ModerationServiceClient>(services, options);
        Add<AwardService.AwardServiceClient>(services, options);
        return services;
    }

    private static void Add<TClient>(IServiceCollection services, PortalOptions options) where TClient : class =>
        services.AddGrpcClient<TClient>(client => client.Address = options.GatewayAddress)
            .ConfigureChannel(channel => channel.ServiceConfig = UnavailableRetry.ServiceConfig(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)))
            .AddInterceptor<PersonCallInterceptor>(InterceptorScope.Client);
}
