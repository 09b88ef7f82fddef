using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Tender.V1;
using Procurement.Grpc;
using Procurement.Tenders.Closing;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>One running instance (replica) of the tender service, and a client connected to it.</summary>
public sealed class TenderServiceInstance(WebApplication app, GrpcChannel channel) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;
    public TenderService.TenderServiceClient Client { get; } = new(channel);
    internal TenderClosingScheduler Scheduler => app.Services.GetRequiredService<TenderClosingScheduler>();

    /// <summary>Stops the host (its scheduler and outbox dispatcher included) as a shutdown would.</summary>
    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}
