using Procurement.Hosting.Persistence;
using Procurement.Hosting.Idempotency;
using Procurement.Hosting;
using Procurement.Hosting.DevelopmentClock;
using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Events;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging;
using Procurement.Observability;
using Procurement.Tenders.Closing;
using Procurement.Tenders.Grpc;
using Procurement.Tenders.Messaging;
using Procurement.Tenders.Persistence;

namespace Procurement.Tenders;

public static class TenderServiceExtensions
{
    public const int DefaultPort = 5101;

    /// <summary>
    /// The tender service: gRPC on Kestrel (Tenders:Address, Tenders:Port, default any:5101), TenderDb on
    /// ConnectionStrings:tenders, the outbox to RabbitMQ (see Procurement.Messaging), token checks
    /// (the "Identity" section) and the scheduler closing tenders at their deadline
    /// (Tenders:ClosingRescanInterval). <paramref name="messaging"/> lets a host add to the messaging set-up (tests).
    /// </summary>
    public static WebApplicationBuilder AddTenderServices(this WebApplicationBuilder builder, Action<MessagingBuilder>? messaging = null)
    {
        var address = IPAddress.Parse(builder.Configuration["Tenders:Address"] ?? IPAddress.Any.ToString());
        var port = builder.Configuration.GetValue("Tenders:Port", DefaultPort);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(address, port));

        builder.AddDevelopmentClock("tenders");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTenderDb(builder.Configuration);
        builder.Services.AddProcurementMessaging<TenderDb>(builder.Configuration, options =>
        {
            options.Events.Add<TenderPublished>().Add<TenderAmended>().Add<TenderCancelled>().Add<LotCancelled>().Add<TenderClosed>();
            options.Consumers(bus => bus.AddConsumer<ContractAwardedConsumer>());
            messaging?.Invoke(options);
        });
        builder.Services.AddTenderClosing(builder.Configuration);
        builder.AddProcurementTelemetry("tenders");
        builder.AddProcurementIdentity();
        builder.Services.AddProcurementGrpc();
        builder.Services.AddIdempotentCalls<TenderDb>(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddTenderDb(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDb<TenderDb>(configuration, "tenders", "tender service");

    /// <summary>One scheduler per process; its <see cref="TenderClosingScheduler.LastScan"/> is readable from DI.</summary>
    private static IServiceCollection AddTenderClosing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ClosingOptions.From(configuration));
        services.AddSingleton<ClosingSignal>();
        services.AddSingleton<TenderClosingScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<TenderClosingScheduler>());
        return services;
    }

    public static WebApplication MapTenderServices(this WebApplication app)
    {
        app.MapGrpcServiceWithDeclaredAccess<TenderGrpcService>();
        app.MapProcurementGrpc();
        app.MapDevelopmentClock();
        return app;
    }
}
