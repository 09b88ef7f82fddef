using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Procurement.Messaging.Events;
using Procurement.Messaging.Outbox;

namespace Procurement.Messaging;

/// <summary>What a service configures inside <c>AddProcurementMessaging</c>.</summary>
public sealed class MessagingBuilder
{
    private readonly List<Action<IBusRegistrationConfigurator>> _consumers = [];

    internal MessagingBuilder(IServiceCollection services, MessagingOptions options)
    {
        Services = services;
        Options = options;
    }

    public IServiceCollection Services { get; }
    public MessagingOptions Options { get; }

    /// <summary>The events this service may enqueue; the outbox refuses anything else.</summary>
    public EventTypeRegistry Events { get; } = new();

    internal IReadOnlyList<Action<IBusRegistrationConfigurator>> ConsumerRegistrations => _consumers;

    /// <summary>Registers consumers (and anything else) with MassTransit, e.g. <c>x => x.AddConsumer&lt;BidSubmittedConsumer&gt;()</c>.</summary>
    public MessagingBuilder Consumers(Action<IBusRegistrationConfigurator> register)
    {
        _consumers.Add(register);
        return this;
    }

    /// <summary>
    /// Consumers that share one queue (<paramref name="queue"/>, under the entity-name prefix), taken one
    /// message at a time: a service's incoming events are then applied in the order they were published,
    /// which spares most of the retries an event overtaking the one it depends on would need. For event
    /// streams of modest volume (tender life-cycle events), not for high-throughput ones.
    /// </summary>
    public MessagingBuilder ConsumeInOrder(string queue, params Type[] consumers)
    {
        _consumers.Add(bus =>
        {
            var name = Options.EntityNamePrefix + queue;
            foreach (var consumer in consumers)
                bus.AddConsumer(consumer).Endpoint(endpoint =>
                {
                    endpoint.Name = name;
                    endpoint.ConcurrentMessageLimit = 1;
                });
        });
        return this;
    }

    /// <summary>
    /// An outbox and its dispatcher for another DbContext of the same service (the one given to
    /// AddProcurementMessaging already has one).
    /// </summary>
    public MessagingBuilder AddOutbox<TDbContext>() where TDbContext : DbContext
    {
        Services.TryAddSingleton<OutboxSignal<TDbContext>>();
        Services.TryAddSingleton<OutboxCommitInterceptor<TDbContext>>();
        Services.ConfigureDbContext<TDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor<TDbContext>>()));
        Services.TryAddScoped<IOutbox<TDbContext>, Outbox<TDbContext>>();
        Services.AddHostedService<OutboxDispatcher<TDbContext>>();
        return this;
    }
}
