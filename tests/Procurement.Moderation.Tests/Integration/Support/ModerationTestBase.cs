using Procurement.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Bids;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Procurement.Contracts.Moderation.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Moderation.Persistence;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Moderation.Tests.Integration.Support;

/// <summary>
/// Per test class: the bid service and the moderation service (which reads bid content from it), each on
/// its own database, sharing a broker prefix and a manual clock. The test announces the Kent + Essex
/// tender and its closing on the broker, as the tender service would; the bids are real submissions.
/// </summary>
public abstract class ModerationTestBase : IAsyncLifetime
{
    public static readonly DateTimeOffset PublishedAt = new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SubmissionDeadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<LotSummary> Lots { get; } =
    [
        new("kent", "kent", "Kent victims' advocacy and support",
            [new("Q1", "quality", 30), new("Q2", "quality", 20), new("Q3", "quality", 10), new("SV1", "social_value", 10), new("PRICE", "price", 30)],
            0, 5, 50),
        new("essex", "essex", "Essex victims' support and coordination", [new("Q1", "quality", 60), new("PRICE", "price", 40)], 0, 5, null),
    ];

    private readonly TestDatabase _bidDb = new("procurement_mod_bids");
    private readonly TestDatabase _moderationDb = new("procurement_moderation");
    private readonly TestBroker _broker = new("procurement-moderation-test");
    private TestService? _bidService;
    private TestService? _moderationService;

    protected ManualTimeProvider Clock { get; } = new(PublishedAt.AddDays(1));
    /// <summary>Every EvaluationCompleted that came back from the broker, as the award service would receive it.</summary>
    protected Received<EvaluationCompleted> Completed { get; } = new();

    protected IReadOnlyList<EvaluationCompleted> CompletedFor(Guid tenderId) => Completed.Where(e => e.TenderId == tenderId);
    protected BidService.BidServiceClient Bids { get; private set; } = null!;
    protected ModerationService.ModerationServiceClient Moderation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _bidService = await TestService.StartAsync("Bids", new Dictionary<string, string?> { ["ConnectionStrings:bids"] = _bidDb.ConnectionString }, Clock,
            builder => builder.AddBidServices(messaging => _broker.Apply(messaging.Options)),
            app => app.MapBidServices(),
            services => BidMigrations.MigrateAsync(services));
        Bids = new BidService.BidServiceClient(_bidService.Channel.WithDeadlinesRequired());

        _moderationService = await TestService.StartAsync("Moderation",
            new Dictionary<string, string?> { ["ConnectionStrings:moderation"] = _moderationDb.ConnectionString, ["Services:Bids"] = _bidService.Address.ToString() }, Clock,
            builder =>
            {
                builder.Services.AddSingleton(Completed);
                builder.AddModerationServices(messaging =>
                {
                    _broker.Apply(messaging.Options);
                    messaging.Consumers(bus => bus.AddConsumer<Recorder<EvaluationCompleted>>().Endpoint(e => e.Temporary = true));
                });
            },
            app => app.MapModerationServices(),
            services => ModerationMigrations.MigrateAsync(services));
        Moderation = new ModerationService.ModerationServiceClient(_moderationService.Channel.WithDeadlinesRequired());
    }

    protected CallOptions As(Caller caller) => TestCalls.As(caller, Clock);

    protected IServiceProvider ModerationServices => _moderationService!.Services;

    /// <summary>Stops the bid service (as a crash or a redeployment would) for the rest of the test.</summary>
    protected async Task StopBidServiceAsync()
    {
        await _bidService!.DisposeAsync();
        _bidService = null;
    }

    protected Task<T> QueryAsync<T>(Func<ModerationDb, Task<T>> query) =>
        _moderationService!.InScopeAsync(services => query(services.GetRequiredService<ModerationDb>()));

    /// <summary>Publishes a tender event on the broker, as the tender service's outbox would.</summary>
    protected async Task DeliverAsync<T>(T message) where T : class
    {
        using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _moderationService!.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = Guid.NewGuid(), timeout.Token);
    }

    /// <summary>The two evaluations of the seed case, opened after real submissions.</summary>
    protected sealed record OpenedTender(Guid TenderId, string Kent, string Essex, IReadOnlyDictionary<(string Supplier, string Lot), string> BidIds);

    /// <summary>
    /// Announces the Kent + Essex tender, lets Victim Support and Catch22 bid for both lots (at these annual
    /// prices, in pence), closes it, and waits until the moderation service has opened both evaluations.
    /// </summary>
    protected async Task<OpenedTender> OpenJointTenderAsync(
        (long Kent, long Essex)? victimSupportPrices = null, (long Kent, long Essex)? catch22Prices = null)
    {
        var tenderId = Guid.NewGuid();
        await DeliverAsync(new TenderPublished(tenderId, "7F-2022-VAS-001", "Victims' advocacy and support service", "7f-commercial", ["kent", "essex"],
            PublishedAt.AddDays(40), SubmissionDeadline, Lots, 1, PublishedAt));
        await Eventually.True(() => _bidService!.InScopeAsync(s => s.GetRequiredService<BidDb>().Tenders.AnyAsync(t => t.TenderId == tenderId)),
            "the bid service knows the tender");

        var bidIds = new Dictionary<(string, string), string>();
        foreach (var (supplier, prices) in new[] { (People.VictimSupport, victimSupportPrices ?? (1_000_000_00, 560_000_00)), (People.Catch22, catch22Prices ?? (1_080_000_00, 530_000_00)) })
        {
            var request = new SubmitBidRequest
            {
                TenderId = tenderId.ToString(),
                Declarations = new Declarations { AcceptsTerms = true, MeetsMandatoryRequirements = true, NoConflictsDeclared = true },
            };
            request.Offers.Add(Offer("kent", prices.Item1, "Q1", "Q2", "Q3", "SV1"));
            request.Offers.Add(Offer("essex", prices.Item2, "Q1"));
            var receipt = await Bids.SubmitBidAsync(request, As(supplier));
            bidIds[(supplier.Organisation, "kent")] = receipt.BidId;
            bidIds[(supplier.Organisation, "essex")] = receipt.BidId;
        }

        Clock.AdvanceTo(SubmissionDeadline);
        await DeliverAsync(new TenderClosed(tenderId, ["kent", "essex"], SubmissionDeadline));
        await Eventually.True(() => _moderationService!.InScopeAsync(s => s.GetRequiredService<ModerationDb>().Evaluations.CountAsync(e => e.TenderId == tenderId)
            .ContinueWith(count => count.Result == 2)), "both evaluations opened");
        var evaluations = await _moderationService!.InScopeAsync(s => s.GetRequiredService<ModerationDb>().Evaluations.AsNoTracking()
            .Where(e => e.TenderId == tenderId).ToDictionaryAsync(e => e.LotId, e => e.Id.ToString()));
        return new OpenedTender(tenderId, evaluations["kent"], evaluations["essex"], bidIds);
    }

    protected async Task<Evaluation> AppointAsync(string evaluationId, Caller officer, Caller chair, params Caller[] evaluators)
    {
        var request = new AppointPanelRequest { EvaluationId = evaluationId, Chair = People.Member(chair, Affiliation.Office) };
        request.Evaluators.AddRange(evaluators.Select((e, i) => People.Member(e, i % 2 == 0 ? Affiliation.Office : Affiliation.Force)));
        return await Moderation.AppointPanelAsync(request, As(officer));
    }

    protected async Task DeclareNoConflictsAsync(string evaluationId, params Caller[] members)
    {
        foreach (var member in members)
        {
            var request = new DeclareConflictsRequest { EvaluationId = evaluationId };
            request.Declarations.Add(new Contracts.Moderation.V1.ConflictDeclaration { Supplier = "victim-support" });
            request.Declarations.Add(new Contracts.Moderation.V1.ConflictDeclaration { Supplier = "catch-22" });
            await Moderation.DeclareConflictsAsync(request, As(member));
        }
    }

    /// <summary>Scores every criterion of the lot for one bid, all with the same score, and returns nothing: the evaluator submits separately.</summary>
    protected async Task ScoreAsync(string evaluationId, Caller evaluator, string bidId, IReadOnlyDictionary<string, int> scores)
    {
        foreach (var (criterion, score) in scores)
            await Moderation.RecordScoreAsync(new RecordScoreRequest
            {
                EvaluationId = evaluationId, BidId = bidId, CriterionId = criterion, Score = score,
                Justification = $"{criterion}: scored {score} on the evidence in the response",
            }, As(evaluator));
    }

    private static LotOffer Offer(string lot, long pence, params string[] criteria)
    {
        var offer = new LotOffer { LotId = lot, AnnualPrice = new Common.Money { MinorUnits = pence, Currency = "GBP" } };
        offer.Responses.AddRange(criteria.Select(c => new CriterionResponse { CriterionId = c, Text = $"Our response to {c} for {lot}." }));
        return offer;
    }

    public async Task DisposeAsync()
    {
        if (_moderationService is not null) await _moderationService.DisposeAsync();
        if (_bidService is not null) await _bidService.DisposeAsync();
        await _broker.DeleteAsync(
            ["TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed", "BidsOpened", "EvaluationCompleted"],
            [BidServiceExtensions.TenderEventsQueue, ModerationServiceExtensions.EventsQueue]);
        await _moderationDb.DropAsync();
        await _bidDb.DropAsync();
    }
}
