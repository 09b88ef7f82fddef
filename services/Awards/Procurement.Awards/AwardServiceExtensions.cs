using Procurement.Hosting.Persistence;
using Procurement.Hosting.Idempotency;
using Procurement.Hosting;
using Procurement.Hosting.DevelopmentClock;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Procurement.Awards.Grpc;
using Procurement.Awards.Messaging;
using Procurement.Awards.Persistence;
using Procurement.Contracts.Events;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging;
using Procurement.Observability;

namespace Procurement.Awards;

public static class AwardServiceExtensions
{
    public const int DefaultPort = 5104;

    /// <summary>The queue of tender and evaluation events, consumed one at a time (in the order announced).</summary>
    public const string EventsQueue = "awards-events";

    /// <summary>
    /// The award service: gRPC on Kestrel (Awards:Address, Awards:Port, default any:5104), AwardDb on
    /// ConnectionStrings:awards, events over RabbitMQ (Procurement.Messaging), token checks (the
    /// "Identity" section). <paramref name="messaging"/> lets a host add to the messaging set-up (tests).
    /// </summary>
    public static WebApplicationBuilder AddAwardServices(this WebApplicationBuilder builder, Action<MessagingBuilder>? messaging = null)
    {
        var address = IPAddress.Parse(builder.Configuration["Awards:Address"] ?? IPAddress.Any.ToString());
        var port = builder.Configuration.GetValue("Awards:Port", DefaultPort);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(address, port));

        builder.AddDevelopmentClock("awards");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAwardDb(builder.Configuration);
        builder.Services.AddScoped<ReleasePackages>();
        builder.Services.AddSingleton<OrganisationRegister>();
        builder.Services.AddProcurementMessaging<AwardDb>(builder.Configuration, options =>
        {
            options.Events.Add<ContractAwarded>();
            options.ConsumeInOrder(EventsQueue, typeof(TenderPublishedConsumer), typeof(TenderAmendedConsumer), typeof(LotCancelledConsumer), typeof(EvaluationCompletedConsumer));
            messaging?.Invoke(options);
        });
        builder.AddProcurementTelemetry("awards");
        builder.AddProcurementIdentity();
        builder.Services.AddProcurementGrpc();
        builder.Services.AddIdempotentCalls<AwardDb>(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddAwardDb(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDb<AwardDb>(configuration, "awards", "award service");

    /// <summary>Any signed-in caller may reach the service; what each may see and do is decided by the data (AwardAccess).</summary>
    public static WebApplication MapAwardServices(this WebApplication app)
    {
        app.MapGrpcServiceWithDeclaredAccess<AwardGrpcService>();
        app.MapProcurementGrpc();
        app.MapDevelopmentClock();
        return app;
    }
}
