using Procurement.Hosting.Persistence;
using Procurement.Hosting.Idempotency;
using Procurement.Hosting;
using Procurement.Hosting.DevelopmentClock;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Procurement.Contracts.Moderation.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging;
using Procurement.Observability;
using Procurement.Moderation.Grpc;
using Procurement.Moderation.Messaging;
using Procurement.Moderation.Persistence;

namespace Procurement.Moderation;

public static class ModerationServiceExtensions
{
    public const int DefaultPort = 5103;

    /// <summary>The queue of tender and bid events, consumed one at a time (in the order announced).</summary>
    public const string EventsQueue = "moderation-events";

    /// <summary>
    /// The moderation service: gRPC on Kestrel (Moderation:Address, Moderation:Port, default any:5103),
    /// ModerationDb on ConnectionStrings:moderation, the bid service at Services:Bids (default
    /// http://localhost:5102) for bid content, events over RabbitMQ (Procurement.Messaging), token checks
    /// (the "Identity" section). <paramref name="messaging"/> lets a host add to the messaging set-up (tests).
    /// </summary>
    public static WebApplicationBuilder AddModerationServices(this WebApplicationBuilder builder, Action<MessagingBuilder>? messaging = null)
    {
        var address = IPAddress.Parse(builder.Configuration["Moderation:Address"] ?? IPAddress.Any.ToString());
        var port = builder.Configuration.GetValue("Moderation:Port", DefaultPort);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(address, port));

        builder.AddDevelopmentClock("moderation");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddModerationDb(builder.Configuration);
        builder.Services.AddBidServiceClient(builder.Configuration);
        builder.Services.AddProcurementMessaging<ModerationDb>(builder.Configuration, options =>
        {
            options.Events.Add<EvaluationCompleted>();
            options.ConsumeInOrder(EventsQueue, typeof(TenderPublishedConsumer), typeof(TenderAmendedConsumer), typeof(BidsOpenedConsumer), typeof(LotCancelledConsumer), typeof(TenderCancelledConsumer));
            messaging?.Invoke(options);
        });
        builder.AddProcurementTelemetry("moderation");
        builder.AddProcurementIdentity();
        builder.AddServiceTokens("moderation");
        builder.Services.AddProcurementGrpc();
        builder.Services.AddIdempotentCalls<ModerationDb>(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddModerationDb(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDb<ModerationDb>(configuration, "moderation", "moderation service");

    /// <summary>Every method needs a commissioning officer or an evaluator; what each may do is then decided by the data.</summary>
    public static WebApplication MapModerationServices(this WebApplication app)
    {
        app.MapGrpcServiceWithDeclaredAccess<ModerationGrpcService>();
        app.MapProcurementGrpc();
        app.MapDevelopmentClock();
        return app;
    }
}
