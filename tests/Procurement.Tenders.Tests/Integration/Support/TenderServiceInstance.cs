using Procurement.Testing;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Tender.V1;
using Procurement.Tenders.Closing;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>One running instance (replica) of the tender service, and a client connected to it.</summary>
public sealed class TenderServiceInstance(TestService service) : IAsyncDisposable
{
    public IServiceProvider Services => service.Services;
    public TenderService.TenderServiceClient Client { get; } = new(service.Channel.WithDeadlinesRequired());
    public global::Grpc.Health.V1.Health.HealthClient Health { get; } = new(service.Channel.WithDeadlinesRequired());
    internal TenderClosingScheduler Scheduler => service.Services.GetRequiredService<TenderClosingScheduler>();

    /// <summary>Stops the host (its scheduler and outbox dispatcher included) as a shutdown would.</summary>
    public ValueTask DisposeAsync() => service.DisposeAsync();
}
