using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Procurement.Grpc;
using Procurement.Identity;
using RabbitMQ.Client;

namespace Procurement.Bids.Tests.Integration.Support;

/// <summary>
/// Per test class: the bid service as Program wires it (AddBidServices, MapBidServices) on a Kestrel
/// loopback port, its own database with the migrations applied, its own exchange/queue prefix on the
/// shared RabbitMQ, and a consumer recording BidsOpened. No tender service runs: the test publishes the
/// tender events on the broker, as the tender service would. The service clock is manual.
/// </summary>
public abstract class BidServiceTestBase : IAsyncLifetime
{
    private readonly string _prefix = TestInfrastructure.UniqueName("procurement-bids-test") + ".";
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString)
    {
        Database = TestInfrastructure.UniqueName("procurement_bids"),
        // Test classes (and test assemblies) run side by side on one PostgreSQL: keep each pool modest.
        MaxPoolSize = 30,
    }.ConnectionString;
    private WebApplication? _app;
    private GrpcChannel? _channel;

    protected ManualTimeProvider Clock { get; } = new(JointTender.PublishedAt.AddDays(1));
    protected OpenedEvents Opened { get; } = new();
    protected BidService.BidServiceClient Bids { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:bids"] = _connectionString,
            ["Bids:Address"] = "127.0.0.1",
            ["Bids:Port"] = "0",
            ["Messaging:RabbitMq"] = TestInfrastructure.RabbitMqUri.ToString(),
            ["Identity:AllowDevelopmentKey"] = "true",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton(Opened);
        builder.AddBidServices(messaging =>
        {
            messaging.Options.EntityNamePrefix = _prefix;
            messaging.Options.OutboxPollInterval = TimeSpan.FromMilliseconds(50);
            messaging.Options.ConsumerRetryIntervals = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)];
            messaging.Options.WaitUntilBusStarted = true;
            messaging.Consumers(bus => bus.AddConsumer<BidsOpenedRecorder>().Endpoint(e => e.Temporary = true));
        });

        _app = builder.Build();
        _app.MapBidServices();
        await BidMigrations.MigrateAsync(_app.Services);   // creates the database too
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _app.StartAsync(starting.Token);

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(new Uri(address));
        Bids = new BidService.BidServiceClient(_channel);
    }

    /// <summary>Call options carrying a development token for this person, from the service's clock.</summary>
    protected CallOptions As(Caller caller) => new(
        headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Issue(caller, TimeSpan.FromDays(365), Clock) } },
        deadline: DateTime.UtcNow + TestInfrastructure.Timeout);

    /// <summary>Publishes a tender event on the broker, as the tender service's outbox would (the message id is what its inbox keys on).</summary>
    protected async Task DeliverAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var bus = _app!.Services.GetRequiredService<IBus>();
        using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
        await bus.Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid(), timeout.Token);
    }

    /// <summary>Publishes the tender and waits until the bid service has applied it.</summary>
    protected async Task<Guid> PublishTenderAsync(DateTimeOffset? deadline = null)
    {
        var tenderId = Guid.NewGuid();
        await DeliverAsync(JointTender.Published(tenderId, deadline));
        await Eventually.True(() => QueryAsync(db => db.Tenders.AnyAsync(t => t.TenderId == tenderId)), "the bid service learned the tender");
        return tenderId;
    }

    /// <summary>Closes the tender and waits until both lots' BidsOpened came back from the broker.</summary>
    protected async Task<IReadOnlyList<BidsOpened>> CloseAsync(Guid tenderId, params string[] activeLots)
    {
        Clock.AdvanceTo(JointTender.SubmissionDeadline);
        await DeliverAsync(JointTender.Closed(tenderId, activeLots));
        var expected = activeLots.Length == 0 ? 2 : activeLots.Length;
        await Eventually.True(() => Opened.For(tenderId).Count >= expected, $"{expected} BidsOpened received");
        return Opened.For(tenderId);
    }

    protected async Task<T> QueryAsync<T>(Func<BidDb, Task<T>> query)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BidDb>());
    }

    protected async Task<Receipt> SubmitAsync(Caller supplier, Guid tenderId, params LotOffer[] offers) =>
        await Bids.SubmitBidAsync(JointTender.Bid(tenderId, offers), As(supplier));

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
        await DeleteBrokerEntitiesAsync();
        await using var db = new BidDb(new DbContextOptionsBuilder<BidDb>().UseNpgsql(_connectionString).Options);
        NpgsqlConnection.ClearAllPools();
        await db.Database.EnsureDeletedAsync();
    }

    /// <summary>Best effort: the durable queue and exchanges MassTransit declared under this class's prefix.</summary>
    private async Task DeleteBrokerEntitiesAsync()
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = TestInfrastructure.RabbitMqUri }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var queue = _prefix + BidServiceExtensions.TenderEventsQueue;
            foreach (var name in new[] { queue, queue + "_error", queue + "_skipped" })
            {
                await channel.QueueDeleteAsync(name);
                await channel.ExchangeDeleteAsync(name);
            }
            foreach (var contract in new[] { "TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed", "BidsOpened" })
                await channel.ExchangeDeleteAsync(_prefix + "Procurement.Contracts.Events:" + contract);
        }
        catch (Exception)
        {
            // Leftovers under a unique prefix harm no other test; don't hide the test's own result.
        }
    }
}
