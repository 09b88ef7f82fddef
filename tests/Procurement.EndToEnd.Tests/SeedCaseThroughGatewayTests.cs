using System.Diagnostics;
using System.Text.Json.Nodes;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;
using Xunit.Abstractions;
using static Procurement.EndToEnd.Tests.KentAndEssex;
using Common = Procurement.Contracts.Common.V1;
using TenderStatus = Procurement.Contracts.Tender.V1.TenderStatus;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// The seed case through the gateway only: 7F Commercial's joint tender for Kent and Essex, two bidders,
/// each commissioner's panel, each commissioner's Record of Decision, standstill and contract — Kent's
/// for 48 months from 1 April 2023 at £1,000,000 a year with up to 36 months of extensions in 12-month
/// steps — then Essex's 12-month extension at £550,000, and the OCDS package; with the refusals on the way.
/// </summary>
public sealed class SeedCaseThroughGatewayTests(ITestOutputHelper output) : ServicesTestBase
{
    [Fact]
    public async Task From_the_joint_tender_to_both_contracts_and_an_Essex_extension()
    {
        var tender = await PublishJointTenderAsync();
        var flow = Stopwatch.StartNew();

        // Two organisations bid for both lots.
        Clock.Advance(TimeSpan.FromDays(20));
        await Bids.SubmitBidAsync(Bid(tender.Id, ("kent", 1_000_000_00), ("essex", 560_000_00)), As(VictimSupport));
        await Bids.SubmitBidAsync(Bid(tender.Id, ("kent", 1_080_000_00), ("essex", 530_000_00)), As(Catch22));

        // The deadline passes: closed by the tender service, opened lot by lot, an evaluation for each.
        Clock.AdvanceTo(SubmissionDeadline);
        var kentEvaluation = await EvaluationAsync(tender.Id, KentOfficer);
        var essexEvaluation = await EvaluationAsync(tender.Id, EssexOfficer);

        // Each panel moderates separately and reaches its own ranking.
        await ModerateAsync(kentEvaluation, KentOfficer, KentChair, [KentEvaluator, KentForce],
            new() { ["victim-support"] = 4, ["catch-22"] = 3 });
        await ModerateAsync(essexEvaluation, EssexOfficer, EssexChair, [EssexEvaluator],
            new() { ["victim-support"] = 3, ["catch-22"] = 4 });

        // Each commissioner's award, recommended from its own evaluation.
        var kentAward = await AwardAsync(tender.Id, KentOfficer);
        var essexAward = await AwardAsync(tender.Id, EssexOfficer);
        Assert.Equal(("victim-support", "catch-22"), (kentAward.PreferredSupplier, essexAward.PreferredSupplier));

        // Kent's Record of Decision OPCC.D.032.23, signed in order on 23 January 2023.
        Clock.AdvanceTo(new DateTimeOffset(2023, 1, 23, 10, 0, 0, TimeSpan.Zero));
        await Awards.DraftDecisionAsync(new DraftDecisionRequest { AwardId = kentAward.Id, Decision = Decision("OPCC.D.032.23", "Victim Support") }, As(KentOfficer));
        var outOfOrder = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kentAward.Id, Comments = "Satisfied" }, As(KentCommissioner)));
        Assert.Equal(StatusCode.FailedPrecondition, outOfOrder.StatusCode);
        await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kentAward.Id, Comments = "Funding set aside across the life of the contract." }, As(KentFinance));
        await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kentAward.Id, Comments = "A competitive tendering process." }, As(KentChiefExecutive));
        var kentDecided = await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = kentAward.Id, Comments = "Satisfied." }, As(KentCommissioner));
        Assert.Equal(Procurement.Contracts.Award.V1.Stage.Standstill, kentDecided.Stage);

        // Essex's decision is its own: a Kent signatory cannot even see it.
        await Awards.DraftDecisionAsync(new DraftDecisionRequest { AwardId = essexAward.Id, Decision = Decision("PFCC-2023-001", "Catch22") }, As(EssexOfficer));
        var kentSigningEssex = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = essexAward.Id, Comments = "Funded" }, As(KentFinance)));
        Assert.Equal(StatusCode.NotFound, kentSigningEssex.StatusCode);
        // A supplier is refused at the gateway for a moderation call.
        var supplierAtModeration = await Assert.ThrowsAsync<RpcException>(async () =>
            await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = kentEvaluation }, As(VictimSupport)));
        Assert.Equal(StatusCode.PermissionDenied, supplierAtModeration.StatusCode);
        foreach (var signatory in new[] { EssexFinance, EssexChiefExecutive, EssexCommissioner })
            await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = essexAward.Id, Comments = "Agreed" }, As(signatory));

        // During standstill the contract is refused; the bidders read their assessment summaries.
        var duringStandstill = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.EnterContractAsync(new EnterContractRequest { AwardId = kentAward.Id }, As(KentOfficer)));
        Assert.Equal(StatusCode.FailedPrecondition, duringStandstill.StatusCode);
        var summary = await Awards.GetAssessmentSummaryAsync(new GetAssessmentSummaryRequest { AwardId = kentAward.Id }, As(Catch22));
        Assert.Equal((false, "victim-support"), (summary.Successful, summary.Winner.Supplier));

        // After standstill, each commissioner enters its contract.
        Clock.AdvanceTo(kentDecided.StandstillEnds.ToDateTimeOffset());
        var kentContract = await Awards.EnterContractAsync(new EnterContractRequest { AwardId = kentAward.Id }, As(KentOfficer));
        var essexContract = await Awards.EnterContractAsync(new EnterContractRequest { AwardId = essexAward.Id }, As(EssexOfficer));
        flow.Stop();

        Assert.Equal(("victim-support", "kent", 1_000_000_00L, "GBP"), (kentContract.Supplier, kentContract.Commissioner, kentContract.AnnualValue.MinorUnits, kentContract.AnnualValue.Currency));
        Assert.Equal(((2023, 4, 1), (2027, 3, 31)), (Ymd(kentContract.Start), Ymd(kentContract.InitialEnd)));
        Assert.Equal((36, 12), (kentContract.ExtensionAllowanceMonths, kentContract.ExtensionStepMonths));
        Assert.Equal(("catch-22", "essex", 530_000_00L), (essexContract.Supplier, essexContract.Commissioner, essexContract.AnnualValue.MinorUnits));
        Assert.Equal(((2023, 4, 1), (2026, 3, 31)), (Ymd(essexContract.Start), Ymd(essexContract.InitialEnd)));

        // The tender service learns both contracts: every lot awarded, the tender complete.
        await Eventually.True(async () =>
            (await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, As(Officer))).Status == TenderStatus.Complete, "the tender is complete");

        // Essex extends by one year at £550,000 — a decision of the commissioner alone.
        Clock.AdvanceTo(new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero));
        var officerExtending = await Assert.ThrowsAsync<RpcException>(async () => await Awards.ExtendContractAsync(Extension(essexAward.Id), As(EssexOfficer)));
        Assert.Equal(StatusCode.PermissionDenied, officerExtending.StatusCode);
        var extended = await Awards.ExtendContractAsync(Extension(essexAward.Id), As(EssexCommissioner));
        Assert.Equal(((2027, 3, 31), 12, 550_000_00L), (Ymd(extended.CurrentEnd), extended.RemainingAllowanceMonths, extended.Extensions.Single().AnnualValue.MinorUnits));

        // The OCDS package, field by field.
        var package = JsonNode.Parse((await Awards.GetReleasePackageAsync(new GetReleasePackageRequest { TenderId = tender.Id }, As(Officer))).Json)!;
        Assert.Equal("1.1", (string?)package["version"]);
        var releases = package["releases"]!.AsArray();
        Assert.Equal(["tender", "award", "contract", "contractAmendment"], releases.Select(r => (string?)r!["tag"]![0]));
        Assert.All(releases, r => Assert.Equal($"ocds-procurement-dev-{tender.Id}", (string?)r!["ocid"]));
        var tenderRelease = releases[0]!;
        var lots = tenderRelease["tender"]!["lots"]!.AsArray();
        Assert.Equal(["kent", "essex"], lots.Select(l => (string?)l!["id"]));
        Assert.Equal("complete", (string?)tenderRelease["tender"]!["status"]);
        // A lot's value is its maximum estimated value: £1m a year over 48 + 36 months; £550,000 over 36 + 24.
        Assert.Equal([(7_000_000m, 1_000_000m), (2_750_000m, 550_000m)],
            lots.Select(l => ((decimal)l!["value"]!["amount"]!, (decimal)l["annualValue"]!["amount"]!)));
        Assert.Equal("Advocacy and support for victims of crime in kent.", (string?)lots[0]!["description"]);
        var parties = releases[2]!["parties"]!.AsArray().ToDictionary(p => (string)p!["id"]!, p => p!["roles"]!.AsArray().Select(r => (string)r!).Order().ToList());
        Assert.Equal(["buyer"], parties["kent"]);
        Assert.Equal(["buyer"], parties["essex"]);
        Assert.Equal(["supplier", "tenderer"], parties["GB-CHC-298028"]);   // Victim Support: one party, every role it holds
        Assert.Equal(["supplier", "tenderer"], parties["GB-CHC-1124127"]);  // Catch22
        Assert.Equal(["procuringEntity"], parties["7f-commercial"]);
        var awards = releases[1]!["awards"]!.AsArray();
        var kentOcdsAward = awards.Single(a => (string?)a!["relatedLots"]![0] == "kent")!;
        // An award's value is the total over the initial term (4 years at £1m); the annual price is beside it.
        Assert.Equal(("kent", "GB-CHC-298028", 4_000_000m, 1_000_000m, "GBP"), ((string?)kentOcdsAward["buyers"]![0]!["id"], (string?)kentOcdsAward["suppliers"]![0]!["id"],
            (decimal)kentOcdsAward["value"]!["amount"]!, (decimal)kentOcdsAward["annualValue"]!["amount"]!, (string?)kentOcdsAward["value"]!["currency"]));
        var contracts = releases[2]!["contracts"]!.AsArray();
        var kentOcdsContract = contracts.Single(c => (string?)c!["buyer"]!["id"] == "kent")!;
        Assert.Equal((kentAward.Id, "2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", 4_000_000m),
            ((string?)kentOcdsContract["awardID"], (string?)kentOcdsContract["period"]!["startDate"], (string?)kentOcdsContract["period"]!["endDate"],
            (decimal)kentOcdsContract["value"]!["amount"]!));
        // Essex's contract as entered (3 years at £530,000), then its extension as a contract amendment.
        var essexOcdsContract = contracts.Single(c => (string?)c!["buyer"]!["id"] == "essex")!;
        Assert.Equal(("2026-03-31T23:59:59Z", 1_590_000m), ((string?)essexOcdsContract["period"]!["endDate"], (decimal)essexOcdsContract["value"]!["amount"]!));
        var essexAmended = Assert.Single(releases[3]!["contracts"]!.AsArray())!;
        Assert.Equal(("2027-03-31T23:59:59Z", 2_140_000m), ((string?)essexAmended["period"]!["endDate"], (decimal)essexAmended["value"]!["amount"]!));
        var extensionAmendment = Assert.Single(essexAmended["amendments"]!.AsArray())!;
        Assert.Equal(("PFCC-2026-004", "2026-04-01T00:00:00Z", "2027-03-31T23:59:59Z", 550_000m), ((string?)extensionAmendment["id"],
            (string?)extensionAmendment["period"]!["startDate"], (string?)extensionAmendment["period"]!["endDate"], (decimal)extensionAmendment["value"]!["amount"]!));

        // The same package over plain HTTP at the gateway, for JSON tools: signed in, or 401.
        using var anonymous = await GatewayHttp.GetAsync($"/ocds/tenders/{tender.Id}");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ocds/tenders/{tender.Id}");
        request.Headers.Authorization = new("Bearer", DevelopmentTokens.Issue(VictimSupport, TimeSpan.FromHours(1), Clock));
        using var overHttp = await GatewayHttp.SendAsync(request);
        Assert.Equal("application/json", overHttp.Content.Headers.ContentType?.MediaType);
        var httpPackage = JsonNode.Parse(await overHttp.Content.ReadAsStringAsync())!;
        Assert.Equal(4, httpPackage["releases"]!.AsArray().Count);
        Assert.Equal((string?)package["releases"]![2]!["contracts"]![0]!["id"], (string?)httpPackage["releases"]![2]!["contracts"]![0]!["id"]);

        output.WriteLine($"From publication to the last contract: {flow.Elapsed.TotalSeconds:0.00} s of wall time (calls through the gateway, events over RabbitMQ).");
    }

    private async Task<string> EvaluationAsync(string tenderId, Caller officer)
    {
        Procurement.Contracts.Moderation.V1.Evaluation? found = null;
        await Eventually.True(async () => (found = (await Moderation.ListEvaluationsAsync(
            new ListEvaluationsRequest { TenderId = tenderId }, As(officer))).Evaluations.SingleOrDefault()) is not null, $"{officer.Commissioner}'s evaluation opened");
        return found!.Id;
    }

    private async Task<Award> AwardAsync(string tenderId, Caller officer)
    {
        Award? found = null;
        await Eventually.True(async () => (found = (await Awards.ListAwardsAsync(
            new ListAwardsRequest { TenderId = tenderId }, As(officer))).Awards.SingleOrDefault(a => a.Commissioner == officer.Commissioner)) is not null,
            $"{officer.Commissioner}'s award recommended");
        return found!;
    }

    /// <summary>Appoints the panel, declares no conflicts, scores every criterion of each supplier's bid with its score, submits, moderates to the same scores and completes.</summary>
    private async Task ModerateAsync(string evaluationId, Caller officer, Caller chair, Caller[] evaluators, Dictionary<string, int> scoreFor)
    {
        var appoint = new AppointPanelRequest { EvaluationId = evaluationId, Chair = Member(chair) };
        appoint.Evaluators.AddRange(evaluators.Select(Member));
        var evaluation = await Moderation.AppointPanelAsync(appoint, As(officer));
        foreach (var member in evaluators.Append(chair))
        {
            var declare = new DeclareConflictsRequest { EvaluationId = evaluationId };
            declare.Declarations.AddRange(evaluation.Bids.Select(b => new ConflictDeclaration { Supplier = b.Supplier }));
            await Moderation.DeclareConflictsAsync(declare, As(member));
        }
        var criteria = evaluation.Criteria.Where(c => c.Kind != "price").Select(c => c.CriterionId).ToList();
        foreach (var evaluator in evaluators)
        {
            var offers = await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = evaluationId }, As(evaluator));
            foreach (var offer in offers.Offers)
            foreach (var criterion in criteria)
                await Moderation.RecordScoreAsync(new RecordScoreRequest
                {
                    EvaluationId = evaluationId, BidId = offer.BidId, CriterionId = criterion, Score = scoreFor[offer.Supplier],
                    Justification = $"{criterion}: {offer.Offer.Responses.Single(r => r.CriterionId == criterion).Text}",
                }, As(evaluator));
            await Moderation.SubmitScoresAsync(new SubmitScoresRequest { EvaluationId = evaluationId }, As(evaluator));
        }
        foreach (var bid in evaluation.Bids)
        foreach (var criterion in criteria)
            await Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
            {
                EvaluationId = evaluationId, BidId = bid.BidId, CriterionId = criterion, Score = scoreFor[bid.Supplier], Rationale = "Agreed by the panel",
            }, As(chair));
        await Moderation.CompleteEvaluationAsync(new CompleteEvaluationRequest { EvaluationId = evaluationId }, As(chair));
    }

    private static PanelMember Member(Caller person) => new()
    {
        PersonId = person.PersonId, Name = person.Name, Commissioner = person.Commissioner!,
        Affiliation = person.Organisation.EndsWith("-police", StringComparison.Ordinal) ? Affiliation.Force : Affiliation.Office,
    };

    private static DecisionText Decision(string reference, string supplier) => new()
    {
        Reference = reference, Title = "Victim's Advocacy & Support Service – Contract Award",
        ExecutiveSummary = "PCCs have a statutory responsibility to commission support services for victims of crime.",
        Recommendation = $"Award the contract to {supplier}.", Decision = $"To award the contract to {supplier} commencing 1 April 2023.",
    };

    private static ExtendContractRequest Extension(string awardId) => new()
    {
        AwardId = awardId, Reference = "PFCC-2026-004", Months = 12,
        AnnualValue = new Common.Money { MinorUnits = 550_000_00, Currency = "GBP" }, Comments = "One year, while the service is re-procured.",
    };

    private static (int, int, int) Ymd(Common.Date date) => (date.Year, date.Month, date.Day);
}
