using Procurement.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Bids.Tests.Integration.Support;

/// <summary>
/// Per test class: the bid service as Program wires it (AddBidServices, MapBidServices), its own
/// database with the migrations applied, its own exchange/queue prefix on the shared RabbitMQ, and a
/// consumer recording BidsOpened. No tender service runs: the test publishes the tender events on the
/// broker, as the tender service would. The service clock is manual.
/// </summary>
public abstract class BidServiceTestBase : IAsyncLifetime
{
    private readonly TestDatabase _database = new("procurement_bids");
    private readonly TestBroker _broker = new("procurement-bids-test");
    private TestService? _service;

    protected ManualTimeProvider Clock { get; } = new(JointTender.PublishedAt.AddDays(1));
    protected Received<BidsOpened> Opened { get; } = new();

    protected IReadOnlyList<BidsOpened> OpenedFor(Guid tenderId) => Opened.Where(e => e.TenderId == tenderId);
    protected BidService.BidServiceClient Bids { get; private set; } = null!;
    /// <summary>The internal service the moderation service reads opened bids from.</summary>
    protected OpenedBidService.OpenedBidServiceClient OpenedBids { get; private set; } = null!;

    /// <summary>What the bid service is told when it asks the tender service about a tender it has not heard of.</summary>
    protected TenderServiceDouble TenderService { get; } = new();

    public async Task InitializeAsync()
    {
        await TenderService.StartAsync();
        _service = await TestService.StartAsync("Bids",
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:bids"] = _database.ConnectionString, ["Services:Tenders"] = $"http://127.0.0.1:{TenderService.Port}",
            }, Clock,
            builder =>
            {
                builder.Services.AddSingleton(Opened);
                ConfigureBidService(builder);
                builder.AddBidServices(messaging =>
                {
                    _broker.Apply(messaging.Options);
                    messaging.Consumers(bus => bus.AddConsumer<Recorder<BidsOpened>>().Endpoint(e => e.Temporary = true));
                });
            },
            app => app.MapBidServices(),
            services => BidMigrations.MigrateAsync(services));
        Bids = new BidService.BidServiceClient(_service.Channel.WithDeadlinesRequired());
        OpenedBids = new OpenedBidService.OpenedBidServiceClient(_service.Channel.WithDeadlinesRequired());
    }

    protected CallOptions As(Caller caller) => TestCalls.As(caller, Clock);

    /// <summary>What a test class adds to the bid service's host (a fault to inject, say).</summary>
    protected virtual void ConfigureBidService(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) { }

    /// <summary>Publishes a tender event on the broker, as the tender service's outbox would (the message id is what the inbox keys on).</summary>
    protected async Task DeliverAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var bus = _service!.Services.GetRequiredService<IBus>();
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

    /// <summary>Closes the tender and waits until its lots' BidsOpened came back from the broker.</summary>
    protected async Task<IReadOnlyList<BidsOpened>> CloseAsync(Guid tenderId, params string[] activeLots)
    {
        Clock.AdvanceTo(JointTender.SubmissionDeadline);
        await DeliverAsync(JointTender.Closed(tenderId, activeLots));
        var expected = activeLots.Length == 0 ? 2 : activeLots.Length;
        await Eventually.True(() => OpenedFor(tenderId).Count >= expected, $"{expected} BidsOpened received");
        return OpenedFor(tenderId);
    }

    protected Task<T> QueryAsync<T>(Func<BidDb, Task<T>> query) => _service!.InScopeAsync(services => query(services.GetRequiredService<BidDb>()));

    protected async Task<Receipt> SubmitAsync(Caller supplier, Guid tenderId, params LotOffer[] offers) =>
        await Bids.SubmitBidAsync(JointTender.Bid(tenderId, offers), As(supplier));

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        await TenderService.DisposeAsync();
        await _broker.DeleteAsync(
            ["TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed", "BidsOpened"],
            [BidServiceExtensions.TenderEventsQueue]);
        await _database.DropAsync();
    }
}
