using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Contracts;

namespace Procurement.Messaging.Tests.Support;

/// <summary>
/// Per test class: its own database and its own exchange/queue prefix, so test classes (and other
/// test projects) can run in parallel against the shared PostgreSQL and RabbitMQ.
/// </summary>
public abstract class MessagingTestBase : IAsyncLifetime
{
    private readonly List<MessagingTestHost> _hosts = [];
    private readonly HashSet<string> _queues = [];

    protected string Prefix { get; } = TestInfrastructure.UniqueName("procurement-test") + ".";
    protected Deliveries Deliveries { get; } = new();
    protected TestDatabase Database { get; private set; } = null!;
    protected virtual Uri Broker => TestInfrastructure.RabbitMqUri;

    public virtual async Task InitializeAsync() => Database = await TestDatabase.CreateAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await BrokerEntities.DeleteAsync(Broker, _queues, MessageExchanges());
        await Database.DisposeAsync();
    }

    /// <summary>Starts a service host with the given consumers (none: a publisher only).</summary>
    protected Task<MessagingTestHost> StartHostAsync(params Type[] consumers) => StartHostAsync(null, consumers);

    /// <summary>A host whose messaging options <paramref name="tune"/> adjusts after the test defaults.</summary>
    protected async Task<MessagingTestHost> StartHostAsync(Action<MessagingOptions>? tune, params Type[] consumers)
    {
        foreach (var consumer in consumers) _queues.Add(QueueOf(consumer));
        var host = await MessagingTestHost.StartAsync(Database, Prefix, Deliveries,
            bus => { foreach (var consumer in consumers) bus.AddConsumer(consumer); }, Broker, tune);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A host whose consumers share the ordered queue <paramref name="queue"/> (MessagingBuilder.ConsumeInOrder).</summary>
    protected async Task<MessagingTestHost> StartOrderedHostAsync(Action<MessagingOptions>? tune, string queue, params Type[] consumers)
    {
        _queues.Add(Prefix + queue);
        var host = await MessagingTestHost.StartAsync(Database, Prefix, Deliveries, broker: Broker, tune: tune,
            messaging: messaging => messaging.ConsumeInOrder(queue, consumers));
        _hosts.Add(host);
        return host;
    }

    /// <summary>What MassTransit may have declared for the contracts: their exchanges and Fault&lt;T&gt; exchanges.</summary>
    private IEnumerable<string> MessageExchanges()
    {
        yield return Prefix + "MassTransit:Fault";
        foreach (var contract in new[] { nameof(TenderPublished), nameof(BidSubmitted), nameof(TenderWithdrawn) })
        {
            var name = "Procurement.Messaging.Tests.Contracts:" + contract;
            yield return Prefix + name;
            yield return Prefix + "MassTransit:Fault--" + name + "--";
        }
    }

    /// <summary>The queue MassTransit names for a consumer's endpoint under this test's prefix.</summary>
    /// <summary>
    /// The messaging services on this class's database, built but with no host started: no dispatcher runs, so a test
    /// can look at the outbox (its rows, its signal) before anything publishes. <paramref name="clock"/>: the outbox's clock.
    /// </summary>
    protected ServiceProvider OutboxServices(TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddDbContext<TestDb>(o => o.UseNpgsql(Database.ConnectionString));
        services.AddProcurementMessaging<TestDb>(null, messaging =>
        {
            messaging.Events.AddNamespaceOf<TenderPublished>();
            messaging.Options.RabbitMqUri = TestInfrastructure.RabbitMqUri;
        });
        return services.BuildServiceProvider();
    }

    protected string QueueOf(Type consumer) =>
        (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!
            .MakeGenericMethod(consumer).Invoke(new KebabCaseEndpointNameFormatter(Prefix, false), null)!;

    protected async Task<OutboxMessage[]> OutboxRowsAsync()
    {
        await using var db = Database.NewContext();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToArrayAsync();
    }
}
