using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging.Outbox;
using Procurement.Testing;
using Procurement.Tenders.Persistence;
using Procurement.Tenders.Tests.Domain;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>
/// Per test class: the tender service as Program wires it (AddTenderServices, MapTenderServices) on a
/// Kestrel loopback port, its own database with the migrations applied, its own exchange/queue prefix
/// on the shared RabbitMQ, and a consumer recording the events. The service clock is manual,
/// starting at the seed case's "now". A test may restart the service or start another replica of it.
/// </summary>
public abstract class TenderServiceTestBase : IAsyncLifetime
{
    private readonly TestDatabase _database = new("procurement_tenders");

    /// <summary>This class's database (a test may take it away from the service).</summary>
    protected TestDatabase Database => _database;
    private readonly TestBroker _broker = new("procurement-tenders-test");
    private TenderServiceInstance? _service;

    protected ManualTimeProvider Clock { get; } = new(SeedCase.Now);
    protected ReceivedEvents Events { get; } = new();
    protected TenderServiceInstance Service => _service ?? throw new InvalidOperationException("The service is stopped.");
    protected TenderService.TenderServiceClient Tenders => Service.Client;

    public async Task InitializeAsync() => _service = await StartInstanceAsync(recordEvents: true);

    /// <summary>
    /// Starts an instance of the service on this class's database, clock and broker prefix (another
    /// replica, or the service again after a restart). Only the instance that records events binds the
    /// test's consumer queue: its queue is temporary and goes when that instance stops.
    /// </summary>
    protected async Task<TenderServiceInstance> StartInstanceAsync(bool recordEvents = false) => new(await TestService.StartAsync(
        "Tenders", new Dictionary<string, string?> { ["ConnectionStrings:tenders"] = _database.ConnectionString }, Clock,
        builder =>
        {
            builder.Services.AddSingleton(Events);
            builder.AddTenderServices(messaging =>
            {
                _broker.Apply(messaging.Options);
                if (recordEvents) messaging.Consumers(bus => bus.AddConsumer<RecordingConsumer>().Endpoint(e => e.Temporary = true));
            });
        },
        app => app.MapTenderServices(),
        services => TenderMigrations.MigrateAsync(services)));   // creates the database too; a no-op the second time

    /// <summary>Stops the service, lets <paramref name="whileDown"/> happen (e.g. the clock passing a deadline), and starts it again on the same database.</summary>
    protected async Task RestartAsync(Action whileDown)
    {
        await Service.DisposeAsync();
        _service = null;
        whileDown();
        _service = await StartInstanceAsync(recordEvents: true);
    }

    /// <summary>The outbox rows of one event type that mention <paramref name="tenderId"/>: what was (or will be) announced.</summary>
    protected async Task<int> OutboxCountAsync(string eventName, string tenderId)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<TenderDb>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.Contains(eventName)).Select(m => m.Payload).ToListAsync();
        return rows.Count(payload => payload.Contains(tenderId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Call options carrying a development token for this person, from the service's clock.</summary>
    protected CallOptions As(Caller caller) => TestCalls.As(caller, Clock);

    protected async Task<Tender> CreateDraftAsync(TenderContent content, Caller? by = null) =>
        await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = content }, As(by ?? People.SevenFOfficer));

    protected async Task<Tender> CreatePublishedAsync(TenderContent content, Caller? by = null)
    {
        var draft = await CreateDraftAsync(content, by);
        return await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(by ?? People.SevenFOfficer));
    }

    /// <summary>Applying the migrations again changes nothing.</summary>
    protected Task MigrateAgainAsync() => TenderMigrations.MigrateAsync(Service.Services);

    protected async Task<IReadOnlyList<string>> AppliedMigrationsAsync()
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return [.. await scope.ServiceProvider.GetRequiredService<TenderDb>().Database.GetAppliedMigrationsAsync()];
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        // The recording consumer's queue is temporary; its exchange is not.
        await _broker.DeleteAsync(
            ["TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed"],
            [new KebabCaseEndpointNameFormatter(_broker.Prefix, false).Consumer<RecordingConsumer>()]);
        await _database.DropAsync();
    }
}
