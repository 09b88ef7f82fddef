using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Procurement.Contracts.Tender.V1;
using Procurement.Grpc;
using Procurement.Identity;
using Procurement.Messaging.Outbox;
using Procurement.Testing;
using Procurement.Tenders.Persistence;
using Procurement.Tenders.Tests.Domain;
using RabbitMQ.Client;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>
/// Per test class: the tender service as Program wires it (AddTenderServices, MapTenderServices) on a
/// Kestrel loopback port, its own database with the migrations applied, its own exchange/queue prefix
/// on the shared RabbitMQ, and a consumer recording the events. The service clock is manual,
/// starting at the seed case's "now". A test may restart the service or start another replica of it.
/// </summary>
public abstract class TenderServiceTestBase : IAsyncLifetime
{
    private readonly string _prefix = TestInfrastructure.UniqueName("procurement-tenders-test") + ".";
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString)
    {
        Database = TestInfrastructure.UniqueName("procurement_tenders"),
    }.ConnectionString;
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
    protected async Task<TenderServiceInstance> StartInstanceAsync(bool recordEvents = false)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:tenders"] = _connectionString,
            ["Tenders:Address"] = "127.0.0.1",
            ["Tenders:Port"] = "0",
            ["Messaging:RabbitMq"] = TestInfrastructure.RabbitMqUri.ToString(),
            ["Identity:AllowDevelopmentKey"] = "true",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton(Events);
        builder.AddTenderServices(messaging =>
        {
            messaging.Options.EntityNamePrefix = _prefix;
            messaging.Options.OutboxPollInterval = TimeSpan.FromMilliseconds(50);
            // The consumer's queue must be bound before the first publish.
            messaging.Options.WaitUntilBusStarted = true;
            if (recordEvents) messaging.Consumers(bus => bus.AddConsumer<RecordingConsumer>().Endpoint(e => e.Temporary = true));
        });

        var app = builder.Build();
        app.MapTenderServices();
        await TenderMigrations.MigrateAsync(app.Services);   // creates the database too; a no-op the second time
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await app.StartAsync(starting.Token);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TenderServiceInstance(app, GrpcChannel.ForAddress(new Uri(address)));
    }

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
    protected CallOptions As(Caller caller) => new(
        headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Issue(caller, TimeSpan.FromHours(1), Clock) } },
        deadline: DateTime.UtcNow + TestInfrastructure.Timeout);

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
        await DeleteExchangesAsync();
        await using var db = new TenderDb(new DbContextOptionsBuilder<TenderDb>().UseNpgsql(_connectionString).Options);
        NpgsqlConnection.ClearAllPools();
        await db.Database.EnsureDeletedAsync();
    }

    /// <summary>Best effort: the durable exchanges MassTransit declared under this class's prefix (the queue is temporary).</summary>
    private async Task DeleteExchangesAsync()
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = TestInfrastructure.RabbitMqUri }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var endpoint = new KebabCaseEndpointNameFormatter(_prefix, false).Consumer<RecordingConsumer>();
            await channel.ExchangeDeleteAsync(endpoint);
            foreach (var contract in new[] { "TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed" })
                await channel.ExchangeDeleteAsync(_prefix + "Procurement.Contracts.Events:" + contract);
        }
        catch (Exception)
        {
            // Leftovers under a unique prefix harm no other test; don't hide the test's own result.
        }
    }
}
