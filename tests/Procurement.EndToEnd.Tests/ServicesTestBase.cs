using Procurement.Testing;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Procurement.Awards;
using Procurement.Awards.Persistence;
using Procurement.Bids;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Gateway;
using Procurement.Contracts.Events;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Contracts.Moderation.V1;
using Procurement.Identity;
using Procurement.Moderation;
using Procurement.Moderation.Persistence;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Outbox;
using Procurement.Tenders;
using Procurement.Tenders.Persistence;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// The tender, bid, moderation and award services, each on its own database, sharing one broker prefix and
/// one manual clock, behind the gateway: what one announces over RabbitMQ the others act on, and the test's
/// clients reach them only through the gateway. BidsOpened is also recorded by the test.
/// </summary>
public abstract class ServicesTestBase : IAsyncLifetime
{
    private readonly TestDatabase _tenderDb = new("procurement_e2e_tenders");
    private readonly TestDatabase _bidDb = new("procurement_e2e_bids");
    private readonly TestDatabase _moderationDb = new("procurement_e2e_moderation");
    private readonly TestDatabase _awardDb = new("procurement_e2e_awards");
    private readonly TestBroker _broker = new("procurement-e2e-test");
    private TestService? _tenderService;
    private TestService? _bidService;
    private TestService? _moderationService;
    private TestService? _awardService;
    private WebApplication? _gateway;
    private GrpcChannel? _gatewayChannel;
    private int _tenderPort;

    /// <param name="start">Where the shared clock starts (the seed case's 1 September 2022 unless a test class says).</param>
    protected ServicesTestBase(DateTimeOffset? start = null) => Clock = new ManualTimeProvider(start ?? KentAndEssex.Now);

    /// <summary>
    /// The clock of every service and the gateway; its development clock control is on (procurement.dev.v1.DevelopmentClock
    /// through the gateway moves it).
    /// </summary>
    protected ManualTimeProvider Clock { get; }

    /// <summary>
    /// The clock token lifetimes are judged by, everywhere: <see cref="Clock"/>, unless a test class's clients mint
    /// their tokens by the real clock (a CLI run as a separate process) — then TimeProvider.System.
    /// </summary>
    protected virtual TimeProvider TokenClock => Clock;
    protected Received<BidsOpened> Opened { get; } = new();

    protected IReadOnlyList<BidsOpened> OpenedFor(string tenderId) => Opened.Where(e => e.TenderId.ToString() == tenderId);
    protected TenderService.TenderServiceClient Tenders { get; private set; } = null!;
    protected BidService.BidServiceClient Bids { get; private set; } = null!;
    protected ModerationService.ModerationServiceClient Moderation { get; private set; } = null!;
    protected AwardService.AwardServiceClient Awards { get; private set; } = null!;
    /// <summary>The gateway's gRPC listener: for clients beyond the four above (the development clock, a CLI).</summary>
    protected GrpcChannel GatewayChannel => _gatewayChannel ?? throw new InvalidOperationException("The gateway is not started.");
    protected Uri GatewayAddress { get; private set; } = null!;
    /// <summary>The gateway's HTTP/1.1 listener (/healthz, /ocds/…).</summary>
    protected HttpClient GatewayHttp { get; private set; } = null!;

    /// <summary>The bid service's own listener, past the gateway: what a caller holding a valid token could reach inside the network.</summary>
    protected CallInvoker DirectToBids => _bidService!.Channel.WithDeadlinesRequired();

    /// <summary>The tender service's own listener, past the gateway.</summary>
    protected CallInvoker DirectToTenders => _tenderService!.Channel.WithDeadlinesRequired();

    /// <summary>The award service's own listener, past the gateway.</summary>
    protected CallInvoker DirectToAwards => _awardService!.Channel.WithDeadlinesRequired();

    /// <summary>The moderation service's own listener, past the gateway.</summary>
    protected CallInvoker DirectToModeration => _moderationService!.Channel.WithDeadlinesRequired();

    /// <summary>What the services' gRPC layer logged about a handler that threw (an exception that reached a caller as UNKNOWN).</summary>
    protected HandlerFailureLog HandlerFailures { get; } = new();

    /// <summary>The RabbitMQ both services use; a test class may bring a node of its own.</summary>
    protected virtual Uri Broker => TestInfrastructure.RabbitMqUri;

    public virtual async Task InitializeAsync()
    {
        // The bid service first: its queue must be bound before the tender service announces anything. It learns the
        // tender service's address once that has started (below), before any call: its client reads it when first made.
        _bidService = await TestService.StartAsync("Bids",
            new Dictionary<string, string?> { ["ConnectionStrings:bids"] = _bidDb.ConnectionString, ["Messaging:RabbitMq"] = Broker.ToString() }, Clock,
            builder =>
            {
                AddClocks(builder, "bids");
                builder.Services.AddSingleton(Opened);
                builder.AddBidServices(messaging =>
                {
                    _broker.Apply(messaging.Options);
                    messaging.Consumers(bus => bus.AddConsumer<Recorder<BidsOpened>>().Endpoint(e => e.Temporary = true));
                });
            },
            app => app.MapBidServices(),
            services => BidMigrations.MigrateAsync(services));
        _moderationService = await TestService.StartAsync("Moderation",
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:moderation"] = _moderationDb.ConnectionString, ["Messaging:RabbitMq"] = Broker.ToString(),
                ["Services:Bids"] = _bidService.Address.ToString(),
            }, Clock,
            builder =>
            {
                AddClocks(builder, "moderation");
                builder.AddModerationServices(messaging => _broker.Apply(messaging.Options));
            },
            app => app.MapModerationServices(),
            services => ModerationMigrations.MigrateAsync(services));
        _awardService = await TestService.StartAsync("Awards",
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:awards"] = _awardDb.ConnectionString, ["Messaging:RabbitMq"] = Broker.ToString(),
                // The organisations register (as the award service's appsettings.json has it for the demo's suppliers).
                ["Ocds:Organisations:victim-support:Name"] = "Victim Support",
                ["Ocds:Organisations:victim-support:Identifier:Scheme"] = "GB-CHC",
                ["Ocds:Organisations:victim-support:Identifier:Id"] = "298028",
                ["Ocds:Organisations:catch-22:Name"] = "Catch22",
                ["Ocds:Organisations:catch-22:Identifier:Scheme"] = "GB-CHC",
                ["Ocds:Organisations:catch-22:Identifier:Id"] = "1124127",
            }, Clock,
            builder =>
            {
                AddClocks(builder, "awards");
                builder.AddAwardServices(messaging => _broker.Apply(messaging.Options));
            },
            app => app.MapAwardServices(),
            services => AwardMigrations.MigrateAsync(services));
        await StartTenderServiceAsync();
        _bidService.Services.GetRequiredService<IConfiguration>()["Services:Tenders"] = $"http://127.0.0.1:{_tenderPort}";
        await StartGatewayAsync();
    }

    /// <summary>The gateway, in front of the four services: the only address the test's clients use.</summary>
    private async Task StartGatewayAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Address"] = "127.0.0.1",
            ["Gateway:Port"] = "0",
            ["Gateway:HttpPort"] = "0",
            ["Gateway:ManagementPort"] = "0",
            ["Gateway:Services:Tenders"] = $"http://127.0.0.1:{_tenderPort}",
            ["Gateway:Services:Bids"] = _bidService!.Address.ToString(),
            ["Gateway:Services:Moderation"] = _moderationService!.Address.ToString(),
            ["Gateway:Services:Awards"] = _awardService!.Address.ToString(),
            ["Gateway:RateLimit:PermitLimit"] = "10000",
            ["Identity:AllowDevelopmentKey"] = "true",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        AddClocks(builder, "gateway");
        builder.AddGateway();
        _gateway = builder.Build();
        _gateway.MapGateway();
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _gateway.StartAsync(starting.Token);

        var listeners = _gateway.Services.GetRequiredService<GatewayListeners>();
        GatewayHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{listeners.HttpEndPoint!.Port}"), Timeout = TestInfrastructure.Timeout };
        var port = listeners.GrpcEndPoint.Port;
        GatewayAddress = new Uri($"http://127.0.0.1:{port}");
        _gatewayChannel = GrpcChannel.ForAddress(GatewayAddress);
        Tenders = new TenderService.TenderServiceClient(_gatewayChannel.WithDeadlinesRequired());
        Bids = new BidService.BidServiceClient(_gatewayChannel.WithDeadlinesRequired());
        Moderation = new ModerationService.ModerationServiceClient(_gatewayChannel.WithDeadlinesRequired());
        Awards = new AwardService.AwardServiceClient(_gatewayChannel.WithDeadlinesRequired());
    }

    protected CallOptions As(Caller caller) => TestCalls.As(caller, TokenClock);

    /// <summary>What every host of the suite gets here: the clock control over <see cref="Clock"/>, and the token clock.</summary>
    private void AddClocks(WebApplicationBuilder builder, string service)
    {
        builder.Logging.AddProvider(HandlerFailures);
        ManualClockControl.AddTo(builder, service, Clock);
        if (!ReferenceEquals(TokenClock, Clock)) builder.Services.AddKeyedSingleton(Procurement.Identity.TokenClock.Key, TokenClock);
    }

    /// <summary>Starts the tender service; after an outage, again on the port the gateway routes to.</summary>
    protected async Task StartTenderServiceAsync()
    {
        _tenderService = await TestService.StartAsync("Tenders",
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:tenders"] = _tenderDb.ConnectionString, ["Messaging:RabbitMq"] = Broker.ToString(), ["Tenders:Port"] = _tenderPort.ToString(),
            }, Clock,
            builder =>
            {
                AddClocks(builder, "tenders");
                builder.AddTenderServices(messaging => _broker.Apply(messaging.Options));
            },
            app => app.MapTenderServices(),
            services => TenderMigrations.MigrateAsync(services));
        _tenderPort = _tenderService.Address.Port;
    }

    /// <summary>Stops the tender service, as an outage would.</summary>
    protected async Task StopTenderServiceAsync()
    {
        await _tenderService!.DisposeAsync();
        _tenderService = null;
    }

    protected async Task<Tender> PublishJointTenderAsync()
    {
        var draft = await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = KentAndEssex.Tender() }, As(KentAndEssex.Officer));
        var published = await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(KentAndEssex.Officer));
        await BidServiceKnowsAsync(published.Id, revision: 1);
        return published;
    }

    /// <summary>Waits until the bid service has applied the tender's events up to this revision.</summary>
    protected Task BidServiceKnowsAsync(string tenderId, int revision) =>
        Eventually.True(() => BidServiceKnowsNowAsync(tenderId, revision), $"the bid service knows revision {revision} of tender {tenderId}");

    protected Task<bool> BidServiceKnowsNowAsync(string tenderId, int revision) => _bidService!.InScopeAsync(services =>
        services.GetRequiredService<BidDb>().Tenders.AnyAsync(t => t.TenderId == Guid.Parse(tenderId) && t.Revision >= revision));

    /// <summary>How many changes the bid service recorded under an idempotency key.</summary>
    protected Task<int> BidIdempotencyKeysAsync() => _bidService!.InScopeAsync(services =>
        services.GetRequiredService<BidDb>().Set<Procurement.Hosting.Idempotency.IdempotentRequest>().CountAsync());

    /// <summary>How many events of this type the bid service's consumers have handled (its inbox).</summary>
    protected Task<int> BidInboxCountAsync(string consumerName) => _bidService!.InScopeAsync(services =>
        services.GetRequiredService<BidDb>().Set<InboxMessage>().CountAsync(m => m.ConsumerName.EndsWith(consumerName)));

    /// <summary>The tender service's outbox rows (what it announced, or is still trying to).</summary>
    protected Task<List<OutboxMessage>> TenderOutboxAsync() => _tenderService!.InScopeAsync(services =>
        services.GetRequiredService<TenderDb>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());

    public virtual async Task DisposeAsync()
    {
        GatewayHttp?.Dispose();
        _gatewayChannel?.Dispose();
        if (_gateway is not null) await Bounded.StopAndDisposeAsync(_gateway, "gateway");
        if (_tenderService is not null) await _tenderService.DisposeAsync();
        if (_awardService is not null) await _awardService.DisposeAsync();
        if (_moderationService is not null) await _moderationService.DisposeAsync();
        if (_bidService is not null) await _bidService.DisposeAsync();
        await _broker.DeleteAsync(
            ["TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed", "BidsOpened", "EvaluationCompleted", "ContractAwarded"],
            [BidServiceExtensions.TenderEventsQueue, ModerationServiceExtensions.EventsQueue, AwardServiceExtensions.EventsQueue,
             new KebabCaseEndpointNameFormatter(_broker.Prefix, false).Consumer<Procurement.Tenders.Messaging.ContractAwardedConsumer>()]);
        await _tenderDb.DropAsync();
        await _bidDb.DropAsync();
        await _moderationDb.DropAsync();
        await _awardDb.DropAsync();
    }
}
