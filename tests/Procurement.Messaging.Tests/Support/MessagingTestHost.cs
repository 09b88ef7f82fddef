using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Contracts;

namespace Procurement.Messaging.Tests.Support;

/// <summary>
/// A service host in miniature, registered the way a service does it (AddProcurementMessaging),
/// against the test's own database and an exchange/queue prefix unique to the test.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingTestHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;
    public CapturedLogs Logs { get; }

    public static async Task<MessagingTestHost> StartAsync(
        TestDatabase database, string prefix, Deliveries deliveries,
        Action<IBusRegistrationConfigurator>? consumers = null, Uri? broker = null, Action<MessagingOptions>? tune = null,
        Action<MessagingBuilder>? messaging = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(deliveries);
        builder.Services.AddDbContext<TestDb>(o => o.UseNpgsql(database.ConnectionString));
        builder.Services.AddProcurementMessaging<TestDb>(builder.Configuration, setup =>
        {
            setup.Events.AddNamespaceOf<TenderPublished>();
            var options = setup.Options;
            options.RabbitMqUri = broker ?? TestInfrastructure.RabbitMqUri;
            options.EntityNamePrefix = prefix;
            options.OutboxPollInterval = TimeSpan.FromMilliseconds(50);
            options.OutboxBatchSize = 10;
            options.PublishTimeout = TimeSpan.FromSeconds(2);
            options.OutboxBackoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
            options.ConsumerRetryIntervals = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)];
            // Queues must be bound before the first publish, or the test's event goes nowhere.
            options.WaitUntilBusStarted = true;
            if (consumers is not null) setup.Consumers(consumers);
            messaging?.Invoke(setup);
            tune?.Invoke(options);
        });

        var host = builder.Build();
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await host.StartAsync(starting.Token);
        return new MessagingTestHost(host, logs);
    }

    /// <summary>One unit of work, as a gRPC handler would do it: a scoped DbContext and outbox.</summary>
    public async Task InScopeAsync(Func<TestDb, IOutbox<TestDb>, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TestDb>(), scope.ServiceProvider.GetRequiredService<IOutbox<TestDb>>());
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _host.StopAsync(stopping.Token);
        _host.Dispose();
    }
}
