using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Procurement.Messaging.Events;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Transport;

namespace Procurement.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ with publisher confirms, consumer retry then <c>_error</c> queue, and a
    /// transactional outbox (plus its dispatcher) in <typeparamref name="TDbContext"/>. The DbContext
    /// must be registered by the service and call <c>modelBuilder.AddMessagingTables()</c>. Health checks: the
    /// database ("database") and the bus (MassTransit's own).
    /// </summary>
    public static IServiceCollection AddProcurementMessaging<TDbContext>(
        this IServiceCollection services, IConfiguration? configuration, Action<MessagingBuilder> configure)
        where TDbContext : DbContext
    {
        var options = new MessagingOptions { RabbitMqUri = RabbitMqAddress.From(configuration) };
        QueueTypeSettings.Apply(configuration, options);
        // Messaging:BusStartStopTimeout: how long the bus may take to start or stop (e.g. to fit a pod's grace period).
        if (configuration?["Messaging:BusStartStopTimeout"] is { Length: > 0 } busTimeout)
            options.BusStartStopTimeout = TimeSpan.TryParse(busTimeout, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new InvalidOperationException($"Messaging:BusStartStopTimeout must be a positive time span such as 00:00:30, not '{busTimeout}'.");
        var builder = new MessagingBuilder(services, options);
        configure(builder);
        var broker = options.RabbitMqUri ?? throw new InvalidOperationException(
            $"No RabbitMQ address: set {RabbitMqAddress.ConfigurationKey}, ConnectionStrings:{RabbitMqAddress.ConnectionStringName} or {RabbitMqAddress.EnvironmentVariable}.");

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(builder.Events);
        services.AddSingleton<EventSerializer>();
        services.AddSingleton<OutboxPublisher>();
        services.TryAddSingleton<OutboxWakeUps>();
        // Each time a receive endpoint is (again) connected, the outbox publishes what waits, backoff or not.
        services.AddReceiveEndpointObserver<BrokerReadyObserver>();
        services.TryAddSingleton<MessagingDiagnostics>();
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = options.WaitUntilBusStarted;
            // Bounded, so that a broker that is down or gone cannot hold the host's start or shutdown forever.
            o.StartTimeout = options.BusStartStopTimeout;
            o.StopTimeout = options.BusStartStopTimeout;
            o.ConsumerStopTimeout = options.BusStartStopTimeout;
        });

        // MassTransit's hosted service is registered here, before the dispatcher's, so the bus starts first.
        services.AddMassTransit(bus =>
        {
            // MassTransit 8 reports usage to its vendor over the internet unless told not to; the suite sends nothing out.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EntityNamePrefix, false));
            foreach (var register in builder.ConsumerRegistrations) register(bus);

            // Every endpoint: a few quick in-process retries, then MassTransit moves the message to
            // <queue>_error (with the exception in its headers) rather than acknowledging it.
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry => retry.Intervals(options.ConsumerRetryIntervals));
                if (options.QuorumQueues) QuorumQueues.Apply(endpoint, options.QuorumReplicationFactor);
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                ConfigureHost(rabbit, broker);
                if (options.BrokerReconnectMaxDelay is { } maxDelay) BrokerReconnect.Apply(rabbit, maxDelay);
                if (options.EntityNamePrefix.Length > 0)
                    rabbit.MessageTopology.SetEntityNameFormatter(
                        new PrefixedEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, options.EntityNamePrefix));
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.AddOutbox<TDbContext>();
        // Health: MassTransit reports its bus (connected to the broker or not) by itself; the outbox needs the database too.
        services.AddHealthChecks().AddDbContextCheck<TDbContext>("database");
        return services;
    }

    private static void ConfigureHost(IRabbitMqBusFactoryConfigurator rabbit, Uri broker)
    {
        var port = broker.IsDefaultPort ? (broker.Scheme == "amqps" ? 5671 : 5672) : broker.Port;
        var virtualHost = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        rabbit.Host(broker.Host, (ushort)port, virtualHost.Length == 0 ? "/" : virtualHost, host =>
        {
            var credentials = broker.UserInfo.Split(':', 2);
            if (credentials[0].Length > 0) host.Username(Uri.UnescapeDataString(credentials[0]));
            if (credentials.Length == 2) host.Password(Uri.UnescapeDataString(credentials[1]));
            if (broker.Scheme == "amqps") host.UseSsl(ssl => ssl.ServerName = broker.Host);
            // On by default in MassTransit 8, set explicitly because the outbox relies on it: a
            // Publish completes only once the broker has acknowledged the message.
            host.PublisherConfirmation = true;
        });
    }
}
