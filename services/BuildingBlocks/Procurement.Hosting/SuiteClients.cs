using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Common.V1;
using Procurement.Identity;

namespace Procurement.Hosting;

/// <summary>
/// A service's gRPC client of another service of the suite, from the gRPC client factory: the address from
/// configuration, the deadline and cancellation of the call being served passed on, the calling service's own token
/// (<see cref="ServiceTokens"/>; register it with AddServiceTokens), and a call the other service could not take
/// (UNAVAILABLE: restarting, or not yet up) retried with backoff within the deadline.
/// </summary>
public static class SuiteClients
{
    /// <summary>The most a call to another service may take when the call being served has no sooner deadline.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <param name="addressKey">The configuration key of the other service's address, e.g. "Services:Bids".</param>
    public static IHttpClientBuilder AddSuiteClient<TClient>(this IServiceCollection services, IConfiguration configuration, string addressKey, string defaultAddress)
        where TClient : ClientBase =>
        services.AddGrpcClient<TClient>(client => client.Address = new Uri(configuration[addressKey] ?? defaultAddress))
            .EnableCallContextPropagation(propagation => propagation.SuppressContextNotFoundErrors = true)
            .WithServiceToken()
            .ConfigureChannel(channel => channel.ServiceConfig = UnavailableRetry.ServiceConfig(4, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
}
