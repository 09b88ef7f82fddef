using Procurement.Hosting.Persistence;
using Procurement.Hosting.Idempotency;
using Procurement.Hosting;
using Procurement.Hosting.DevelopmentClock;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Procurement.Bids.Grpc;
using Procurement.Bids.Messaging;
using Procurement.Bids.Persistence;
using Procurement.Bids.Receipts;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Contracts.Events;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging;
using Procurement.Observability;

namespace Procurement.Bids;

public static class BidServiceExtensions
{
    public const int DefaultPort = 5102;

    /// <summary>The queue of tender events, consumed one at a time and so in the order the tender service announced them.</summary>
    public const string TenderEventsQueue = "bids-tender-events";

    /// <summary>
    /// The bid service: gRPC on Kestrel (Bids:Address, Bids:Port, default any:5102), BidDb on
    /// ConnectionStrings:bids, tender events in and BidsOpened out over RabbitMQ (Procurement.Messaging),
    /// token checks (the "Identity" section), receipts signed with the keys of the "Receipts" section (<see cref="ReceiptKeyOptions"/>),
    /// and the tender service (Services:Tenders, default http://localhost:5101) asked for a published tender whose
    /// events have not arrived yet (TenderLookup). <paramref name="messaging"/> lets a host add to the messaging set-up (tests).
    /// </summary>
    public static WebApplicationBuilder AddBidServices(this WebApplicationBuilder builder, Action<MessagingBuilder>? messaging = null)
    {
        var address = IPAddress.Parse(builder.Configuration["Bids:Address"] ?? IPAddress.Any.ToString());
        var port = builder.Configuration.GetValue("Bids:Port", DefaultPort);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(address, port));

        builder.AddDevelopmentClock("bids");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddBidDb(builder.Configuration);
        builder.Services.AddProcurementMessaging<BidDb>(builder.Configuration, options =>
        {
            options.Events.Add<BidsOpened>();
            options.ConsumeInOrder(TenderEventsQueue, typeof(TenderPublishedConsumer), typeof(TenderAmendedConsumer), typeof(LotCancelledConsumer), typeof(TenderCancelledConsumer), typeof(TenderClosedConsumer));
            messaging?.Invoke(options);
        });
        builder.AddProcurementTelemetry("bids", telemetry => telemetry.AddMeter(BidDiagnostics.MeterName));
        builder.AddProcurementIdentity();
        builder.AddServiceTokens("bids");
        builder.Services.AddSuiteClient<TenderService.TenderServiceClient>(builder.Configuration, "Services:Tenders", "http://localhost:5101");
        builder.Services.AddScoped<TenderLookup>();
        builder.Services.AddProcurementGrpc();
        builder.Services.AddIdempotentCalls<BidDb>(builder.Configuration);
        // Built now, so that a service without a usable receipt key stops at start-up, saying what to configure.
        var receiptKeys = new ReceiptKeyOptions();
        builder.Configuration.GetSection(ReceiptKeyOptions.SectionName).Bind(receiptKeys);
        builder.Services.AddSingleton(ReceiptKeyRing.Create(receiptKeys, builder.Environment.EnvironmentName));
        return builder;
    }

    public static IServiceCollection AddBidDb(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDb<BidDb>(configuration, "bids", "bid service");

    public static WebApplication MapBidServices(this WebApplication app)
    {
        app.MapGrpcServiceWithDeclaredAccess<BidGrpcService>();
        app.MapGrpcServiceWithDeclaredAccess<OpenedBidGrpcService>();
        app.MapProcurementGrpc();
        app.MapDevelopmentClock();
        return app;
    }
}
