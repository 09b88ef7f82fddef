using Procurement.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Awards.Persistence;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Events;
using Grpc.Core;
using Procurement.Identity;
using Common = Procurement.Contracts.Common.V1;
using Money = Procurement.Contracts.Events.Money;

namespace Procurement.Awards.Tests.Integration;

/// <summary>
/// The award service on its own database and broker prefix; the test announces the tender and the
/// completed evaluations as the tender and moderation services would, and records ContractAwarded.
/// </summary>
public sealed class AwardServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset PublishedAt = new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AmendedAt = new(2022, 9, 20, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SignedAt = new(2023, 1, 23, 10, 0, 0, TimeSpan.Zero);

    private static Caller Person(string id, string commissioner, params Role[] roles) =>
        new(id, id, $"{commissioner}-opcc", commissioner, roles.ToHashSet());

    private static readonly Caller KentOfficer = Person("p-kit", "kent", Role.CommissioningOfficer);
    private static readonly Caller KentFinance = Person("p-kcfo", "kent", Role.FinanceOfficer);
    private static readonly Caller KentChiefExecutive = Person("p-kceo", "kent", Role.ChiefExecutive);
    private static readonly Caller KentCommissioner = Person("p-kpcc", "kent", Role.Commissioner);
    private static readonly Caller EssexFinance = Person("p-ecfo", "essex", Role.FinanceOfficer);
    private static readonly Caller EssexOfficer = Person("p-eo", "essex", Role.CommissioningOfficer);
    private static readonly Caller EssexCommissioner = Person("p-epfcc", "essex", Role.Commissioner);
    private static readonly Caller VictimSupport = new("p-vs", "Bidder", "victim-support", null, new HashSet<Role> { Role.Supplier });
    private static readonly Caller Catch22 = new("p-c22", "Bidder", "catch-22", null, new HashSet<Role> { Role.Supplier });
    private static readonly Caller Officer7F = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    private readonly TestDatabase _database = new("procurement_awards");
    private readonly TestBroker _broker = new("procurement-awards-test");
    private readonly Received<ContractAwarded> _contracts = new();
    private readonly ManualTimeProvider _clock = new(PublishedAt);
    private TestService? _service;
    private AwardService.AwardServiceClient _awards = null!;

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync("Awards", new Dictionary<string, string?>
            {
                ["ConnectionStrings:awards"] = _database.ConnectionString,
                ["Ocds:Organisations:victim-support:Name"] = "Victim Support",
                ["Ocds:Organisations:victim-support:Identifier:Scheme"] = "GB-CHC",
                ["Ocds:Organisations:victim-support:Identifier:Id"] = "298028",
                ["Ocds:Organisations:kent:Name"] = "Police and Crime Commissioner for Kent",
                ["Ocds:Organisations:essex:Name"] = "",   // as if the register did not list Essex
            }, _clock,
            builder =>
            {
                builder.Services.AddSingleton(_contracts);
                builder.AddAwardServices(messaging =>
                {
                    _broker.Apply(messaging.Options);
                    messaging.Consumers(bus => bus.AddConsumer<Recorder<ContractAwarded>>().Endpoint(e => e.Temporary = true));
                });
            },
            app => app.MapAwardServices(),
            services => AwardMigrations.MigrateAsync(services));
        _awards = new AwardService.AwardServiceClient(_service.Channel.WithDeadlinesRequired());
    }

    private CallOptions As(Caller caller) => TestCalls.As(caller, _clock);

    private async Task DeliverAsync<T>(T message) where T : class
    {
        using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _service!.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = Guid.NewGuid(), timeout.Token);
    }

    /// <summary>Announces the joint tender (PCR 2015) and both lots' completed evaluations; returns the two awards' ids.</summary>
    private async Task<(Guid TenderId, string Kent, string Essex)> RecommendedAsync()
    {
        var tenderId = Guid.NewGuid();
        List<LotSummary> lots =
        [
            new LotSummary("kent", "kent", "Kent", [new("Q1", "quality", 70), new("PRICE", "price", 30)], ContractStart: new DateOnly(2023, 4, 1),
                InitialTermMonths: 48, ExtensionAllowanceMonths: 36, ExtensionStepMonths: 12, EstimatedAnnualValue: new Money(1_000_000_00, "GBP"),
                Specification: "Advocacy and support for victims of crime in Kent."),
            new LotSummary("essex", "essex", "Essex", [new("Q1", "quality", 60), new("PRICE", "price", 40)], ContractStart: new DateOnly(2023, 4, 1),
                InitialTermMonths: 36, ExtensionAllowanceMonths: 24, ExtensionStepMonths: 12, Specification: "Advocacy and support for victims of crime in Essex."),
        ];
        await DeliverAsync(new TenderPublished(tenderId, "7F-2022-VAS-001", "Victims' advocacy and support service", "7f-commercial", ["kent", "essex"],
            PublishedAt.AddDays(40), PublishedAt.AddDays(60), lots, 1, PublishedAt, "pcr_2015", "One procurement for Kent PCC and Essex PFCC."));
        await DeliverAsync(new TenderAmended(tenderId, 2, "TUPE annex added", PublishedAt.AddDays(40), PublishedAt.AddDays(60), lots, AmendedAt));
        foreach (var (lot, winner, runnerUp, price) in new[] { ("kent", "victim-support", "catch-22", 1_000_000_00L), ("essex", "catch-22", "victim-support", 530_000_00L) })
            await DeliverAsync(new EvaluationCompleted(Guid.NewGuid(), tenderId, lot, lot,
            [
                new RankedBid(Guid.NewGuid(), winner, new Money(price, "GBP"), 1, null, 56m, 0m, 30m, 86m, [new("Q1", "quality", 70, 4, 56m), new("PRICE", "price", 30, null, 30m)]),
                new RankedBid(Guid.NewGuid(), runnerUp, new Money(price + 80_000_00, "GBP"), 2, null, 42m, 0m, 27.8m, 69.8m, [new("Q1", "quality", 70, 3, 42m), new("PRICE", "price", 30, null, 27.8m)]),
            ], PublishedAt.AddDays(80)));
        Dictionary<string, string> ids = [];
        await Eventually.True(async () =>
        {
            ids = await _service!.InScopeAsync(s => s.GetRequiredService<AwardDb>().Awards.AsNoTracking().Where(a => a.TenderId == tenderId)
                .ToDictionaryAsync(a => a.LotId, a => a.Id.ToString()));
            return ids.Count == 2;
        }, "both awards recommended");
        return (tenderId, ids["kent"], ids["essex"]);
    }

    private static DecisionText Decision(string reference) => new()
    {
        Reference = reference, Title = "Victim's Advocacy & Support Service – Contract Award", ExecutiveSummary = "A statutory service.",
        Recommendation = "Award the contract to the preferred bidder.", Decision = "To award the contract for 4 years from 1 April 2023.",
    };

    [Fact]
    public async Task Kents_decision_is_signed_in_order_by_Kents_people_and_its_contract_entered_after_standstill()
    {
        var (tenderId, kent, essex) = await RecommendedAsync();
        _clock.AdvanceTo(SignedAt);
        var recommended = await _awards.GetAwardAsync(new GetAwardRequest { AwardId = kent }, As(KentOfficer));
        Assert.Equal(("victim-support", Stage.Recommended, "pcr_2015"), (recommended.PreferredSupplier, recommended.Stage, recommended.Regime));

        await _awards.DraftDecisionAsync(new DraftDecisionRequest { AwardId = kent, Decision = Decision("OPCC.D.032.23") }, As(KentOfficer));
        var outOfOrder = await Assert.ThrowsAsync<RpcException>(async () =>
            await _awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kent, Comments = "Satisfied" }, As(KentCommissioner)));
        Assert.Equal(StatusCode.FailedPrecondition, outOfOrder.StatusCode);
        var essexSigningKent = await Assert.ThrowsAsync<RpcException>(async () =>
            await _awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kent, Comments = "Funded" }, As(EssexFinance)));
        Assert.Equal(StatusCode.NotFound, essexSigningKent.StatusCode);

        await _awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kent, Comments = "Funding set aside" }, As(KentFinance));
        await _awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kent, Comments = "Competitive process" }, As(KentChiefExecutive));
        var decided = await _awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kent, Comments = "Satisfied" }, As(KentCommissioner));

        Assert.Equal(Stage.Standstill, decided.Stage);
        Assert.Equal(["p-kcfo", "p-kceo", "p-kpcc"], decided.Signatures.Select(s => s.PersonId));
        // PCR 2015: ten days after 23 January 2023, ending at midnight (UK) at the end of 2 February.
        Assert.Equal(new DateTimeOffset(2023, 2, 3, 0, 0, 0, TimeSpan.Zero), decided.StandstillEnds.ToDateTimeOffset());

        // Each bidder reads its own assessment summary, beside the winner's; nobody else's.
        var summary = await _awards.GetAssessmentSummaryAsync(new GetAssessmentSummaryRequest { AwardId = kent }, As(Catch22));
        Assert.Equal((false, "victim-support", 3, 4), (summary.Successful, summary.Winner.Supplier, summary.Own.Criteria[0].ModeratedScore, summary.Winner.Criteria[0].ModeratedScore));
        var notABidder = new Caller("p-x", "X", "devon-support", null, new HashSet<Role> { Role.Supplier });
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _awards.GetAssessmentSummaryAsync(new GetAssessmentSummaryRequest { AwardId = kent }, As(notABidder)))).StatusCode);
        // Kent's commissioning officer reads any bidder's, naming it; without naming one, the field is named back.
        var forOfficer = await _awards.GetAssessmentSummaryAsync(new GetAssessmentSummaryRequest { AwardId = kent, Supplier = "catch-22" }, As(KentOfficer));
        Assert.Equal("catch-22", forOfficer.Supplier);
        var unnamed = await Assert.ThrowsAsync<RpcException>(async () =>
            await _awards.GetAssessmentSummaryAsync(new GetAssessmentSummaryRequest { AwardId = kent }, As(KentOfficer)));
        Assert.Equal(StatusCode.InvalidArgument, unnamed.StatusCode);
        Assert.Equal("supplier", Assert.Single(Procurement.Contracts.Common.V1.FieldViolations.Of(unnamed)).Field);
        // A supplier holds none of the roles GetAward declares (award.proto), so the service refuses before any data is read.
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _awards.GetAwardAsync(new GetAwardRequest { AwardId = kent }, As(VictimSupport)))).StatusCode);

        var early = await Assert.ThrowsAsync<RpcException>(async () => await _awards.EnterContractAsync(new EnterContractRequest { AwardId = kent }, As(KentOfficer)));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("Standstill runs until", early.Status.Detail);

        _clock.AdvanceTo(decided.StandstillEnds.ToDateTimeOffset());
        var contract = await _awards.EnterContractAsync(new EnterContractRequest { AwardId = kent }, As(KentOfficer));

        Assert.Equal(("victim-support", "kent", 100_000_000L), (contract.Supplier, contract.Commissioner, contract.AnnualValue.MinorUnits));
        Assert.Equal((2023, 4, 1), (contract.Start.Year, contract.Start.Month, contract.Start.Day));
        Assert.Equal((2027, 3, 31), (contract.InitialEnd.Year, contract.InitialEnd.Month, contract.InitialEnd.Day));
        Assert.Equal((36, 12), (contract.ExtensionAllowanceMonths, contract.ExtensionStepMonths));
        var announced = await Eventually.Single(() => _contracts.Where(c => c.TenderId == tenderId).FirstOrDefault(), "ContractAwarded");
        Assert.Equal(("kent", new DateOnly(2027, 3, 31)), (announced.LotId, announced.InitialEnd));

        // Essex's award is untouched by Kent's and invisible to Kent's people.
        Assert.Equal(Stage.Recommended, (await _awards.GetAwardAsync(new GetAwardRequest { AwardId = essex }, As(EssexOfficer))).Stage);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _awards.GetAwardAsync(new GetAwardRequest { AwardId = essex }, As(KentOfficer)))).StatusCode);
        // The procurement team follows both.
        Assert.Equal(2, (await _awards.ListAwardsAsync(new ListAwardsRequest { TenderId = tenderId.ToString() }, As(Officer7F))).Awards.Count);

        // OCDS: Kent's notified award and its contract are public; Essex's unsigned recommendation is not.
        var package = await PackageAsync(tenderId);
        Assert.Empty(Domain.OcdsConformance.Problems(package));
        var releases = package["releases"]!.AsArray();
        Assert.Equal(["tenderAmendment", "award", "contract"], releases.Select(r => (string?)r!["tag"]![0]));
        var tender = releases[0]!["tender"]!;
        Assert.Equal(("revision-2", "TUPE annex added", "2022-09-20T14:00:00Z"), ((string?)tender["amendments"]![0]!["id"],
            (string?)tender["amendments"]![0]!["rationale"], (string?)tender["amendments"]![0]!["date"]));
        var kentLot = tender["lots"]![0]!;
        Assert.Equal(("Advocacy and support for victims of crime in Kent.", 7_000_000m, 1_000_000m),
            ((string?)kentLot["description"], (decimal)kentLot["value"]!["amount"]!, (decimal)kentLot["annualValue"]!["amount"]!));
        Assert.Null(tender["lots"]![1]!["value"]);   // Essex's lot published no estimate
        var award = Assert.Single(releases[1]!["awards"]!.AsArray());
        Assert.Equal(("kent", "kent", "GB-CHC-298028", 4_000_000m, 1_000_000m), ((string?)award!["relatedLots"]![0], (string?)award["buyers"]![0]!["id"],
            (string?)award["suppliers"]![0]!["id"], (decimal)award["value"]!["amount"]!, (decimal)award["annualValue"]!["amount"]!));
        var parties = releases[1]!["parties"]!.AsArray();
        var victimSupport = parties.Single(p => (string?)p!["id"] == "GB-CHC-298028")!;
        Assert.Equal(("Victim Support", "GB-CHC", "298028"), ((string?)victimSupport["name"], (string?)victimSupport["identifier"]!["scheme"],
            (string?)victimSupport["identifier"]!["id"]));
        Assert.Equal("Police and Crime Commissioner for Kent", (string?)parties.Single(p => (string?)p!["id"] == "kent")!["name"]);
        // An organisation the register does not list is published under its id, as its name.
        Assert.Equal("essex", (string?)parties.Single(p => (string?)p!["id"] == "essex")!["name"]);
        var published = Assert.Single(releases[2]!["contracts"]!.AsArray());
        Assert.Equal(("kent", "2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", "2030-03-31T23:59:59Z", 4_000_000m),
            ((string?)published!["buyer"]!["id"], (string?)published["period"]!["startDate"], (string?)published["period"]!["endDate"],
            (string?)published["period"]!["maxExtentDate"], (decimal)published["value"]!["amount"]!));
    }

    private async Task<System.Text.Json.Nodes.JsonObject> PackageAsync(Guid tenderId) =>
        System.Text.Json.Nodes.JsonNode.Parse((await _awards.GetReleasePackageAsync(
            new GetReleasePackageRequest { TenderId = tenderId.ToString() }, As(VictimSupport))).Json)!.AsObject();

    [Fact]
    public async Task Essex_extends_its_contract_by_one_12_month_step_at_550000_and_a_challenge_suspends_until_resolved()
    {
        var (tenderId, _, essex) = await RecommendedAsync();
        _clock.AdvanceTo(SignedAt);
        await _awards.DraftDecisionAsync(new DraftDecisionRequest { AwardId = essex, Decision = Decision("PFCC-2023-001") }, As(EssexOfficer));
        foreach (var signatory in new[] { Person("p-ecfo", "essex", Role.FinanceOfficer), Person("p-eceo", "essex", Role.ChiefExecutive), EssexCommissioner })
            await _awards.SignDecisionAsync(new SignDecisionRequest { AwardId = essex, Comments = "Agreed" }, As(signatory));

        var challenged = await _awards.RecordChallengeAsync(new RecordChallengeRequest { AwardId = essex, Supplier = "victim-support", Grounds = "Quality scoring" }, As(Officer7F));
        Assert.Equal(Stage.Suspended, challenged.Stage);
        _clock.AdvanceTo(challenged.StandstillEnds.ToDateTimeOffset().AddDays(2));
        var suspended = await Assert.ThrowsAsync<RpcException>(async () => await _awards.EnterContractAsync(new EnterContractRequest { AwardId = essex }, As(EssexOfficer)));
        Assert.Contains("suspended", suspended.Status.Detail);
        await _awards.ResolveChallengeAsync(new ResolveChallengeRequest { AwardId = essex, Resolution = "Dismissed" }, As(Officer7F));
        await _awards.EnterContractAsync(new EnterContractRequest { AwardId = essex }, As(EssexOfficer));

        _clock.AdvanceTo(new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero));
        var byOfficer = await Assert.ThrowsAsync<RpcException>(async () => await _awards.ExtendContractAsync(new ExtendContractRequest
            { AwardId = essex, Reference = "PFCC-2026-004", Months = 12, AnnualValue = new Common.Money { MinorUnits = 550_000_00, Currency = "GBP" } }, As(EssexOfficer)));
        Assert.Equal(StatusCode.PermissionDenied, byOfficer.StatusCode);
        var extended = await _awards.ExtendContractAsync(new ExtendContractRequest
        {
            AwardId = essex, Reference = "PFCC-2026-004", Months = 12, AnnualValue = new Common.Money { MinorUnits = 550_000_00, Currency = "GBP" },
            Comments = "One year while the service is re-procured",
        }, As(EssexCommissioner));

        var extension = Assert.Single(extended.Extensions);
        Assert.Equal((550_000_00L, 2026, 3, 31), (extension.AnnualValue.MinorUnits, extended.InitialEnd.Year, extended.InitialEnd.Month, extended.InitialEnd.Day));
        Assert.Equal((2027, 3, 31, 12), (extended.CurrentEnd.Year, extended.CurrentEnd.Month, extended.CurrentEnd.Day, extended.RemainingAllowanceMonths));

        // OCDS: the contract as entered (three years at £530,000), then the extension as a contract amendment.
        var package = await PackageAsync(tenderId);
        Assert.Empty(Domain.OcdsConformance.Problems(package));
        var releases = package["releases"]!.AsArray();
        Assert.Equal(["tenderAmendment", "award", "contract", "contractAmendment"], releases.Select(r => (string?)r!["tag"]![0]));
        var entered = releases[2]!["contracts"]![0]!;
        Assert.Equal((1_590_000m, 530_000m, "2026-03-31T23:59:59Z"),
            ((decimal)entered["value"]!["amount"]!, (decimal)entered["annualValue"]!["amount"]!, (string?)entered["period"]!["endDate"]));
        var amended = Assert.Single(releases[3]!["contracts"]!.AsArray())!;
        Assert.Equal((2_140_000m, "2027-03-31T23:59:59Z", "2028-03-31T23:59:59Z"),
            ((decimal)amended["value"]!["amount"]!, (string?)amended["period"]!["endDate"], (string?)amended["period"]!["maxExtentDate"]));
        var amendment = Assert.Single(amended["amendments"]!.AsArray())!;
        Assert.Equal(("PFCC-2026-004", "2026-01-20T10:00:00Z", "One year while the service is re-procured", "2026-04-01T00:00:00Z", "2027-03-31T23:59:59Z", 550_000m),
            ((string?)amendment["id"], (string?)amendment["date"], (string?)amendment["rationale"], (string?)amendment["period"]!["startDate"],
            (string?)amendment["period"]!["endDate"], (decimal)amendment["value"]!["amount"]!));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        await _broker.DeleteAsync(["TenderPublished", "TenderAmended", "LotCancelled", "EvaluationCompleted", "ContractAwarded"], [AwardServiceExtensions.EventsQueue]);
        await _database.DropAsync();
    }
}
