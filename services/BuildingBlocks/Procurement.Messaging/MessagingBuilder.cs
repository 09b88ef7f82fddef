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
