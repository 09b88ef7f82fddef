using Grpc.Core;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Identity;
using Procurement.Testing;
using static Procurement.EndToEnd.Tests.KentAndEssex;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// One gate to bid content (issue 12, decision 0021): every path that returns an opened bid's content × every kind of
/// caller who must not see it, called through the gateway and directly at the service with a valid token. Only a member
/// of the lot's panel who has declared sees the offers, and never the offer of a supplier they declared a conflict with.
/// </summary>
public sealed class BidContentGateTests : ServicesTestBase
{
    private static readonly Caller KentOnNoPanel = new("p-ken", "Ken Evaluator", "kent-opcc", "kent", new HashSet<Role> { Role.Evaluator });

    /// <summary>The callers of the matrix, with what each may see of Kent's lot (null: refused with that status).</summary>
    private static readonly (string Who, Caller Caller, string[]? Sees, StatusCode Refusal)[] Callers =
    [
        ("declared member", KentEvaluator, ["catch-22", "victim-support"], StatusCode.OK),
        ("conflicted member", KentForce, ["victim-support"], StatusCode.OK),
        ("undeclared member (the chair)", KentChair, null, StatusCode.FailedPrecondition),
        ("member of Essex's panel", EssexEvaluator, null, StatusCode.NotFound),
        ("evaluator on no panel", KentOnNoPanel, null, StatusCode.PermissionDenied),
        ("commissioning officer", KentOfficer, null, StatusCode.PermissionDenied),
        ("supplier", VictimSupport, null, StatusCode.PermissionDenied),
    ];

    [Fact]
    public async Task Only_a_declared_member_of_the_lots_panel_sees_its_offers_and_never_a_conflicted_bidders_on_any_path()
    {
        var tender = await PublishJointTenderAsync();
        Clock.Advance(TimeSpan.FromDays(20));
        var victimSupport = await Bids.SubmitBidAsync(Bid(tender.Id, ("kent", 1_000_000_00), ("essex", 560_000_00)), As(VictimSupport));
        var catch22 = await Bids.SubmitBidAsync(Bid(tender.Id, ("kent", 1_080_000_00), ("essex", 530_000_00)), As(Catch22));
        Clock.AdvanceTo(SubmissionDeadline);
        var kent = await EvaluationAsync(tender.Id, KentOfficer);
        var essex = await EvaluationAsync(tender.Id, EssexOfficer);

        // Kent's panel: Kim declares no conflict, Kerry a conflict with Catch22, Kate (the chair) has not declared yet.
        var appointKent = new AppointPanelRequest { EvaluationId = kent, Chair = Member(KentChair) };
        appointKent.Evaluators.AddRange([Member(KentEvaluator), Member(KentForce)]);
        await Moderation.AppointPanelAsync(appointKent, As(KentOfficer));
        await DeclareAsync(kent, KentEvaluator, conflictedWith: null);
        await DeclareAsync(kent, KentForce, conflictedWith: "catch-22");
        // Essex's panel: Eve declared, on Essex's lot.
        var appointEssex = new AppointPanelRequest { EvaluationId = essex, Chair = Member(EssexChair) };
        appointEssex.Evaluators.Add(Member(EssexEvaluator));
        await Moderation.AppointPanelAsync(appointEssex, As(EssexOfficer));
        await DeclareAsync(essex, EssexEvaluator, conflictedWith: null);

        var results = new List<string>();
        var entryPoints = new (string Name, ModerationService.ModerationServiceClient Moderation, OpenedBidService.OpenedBidServiceClient OpenedBids, BidService.BidServiceClient Bids)[]
        {
            ("gateway", Moderation, new OpenedBidService.OpenedBidServiceClient(GatewayChannel.WithDeadlinesRequired()), Bids),
            ("direct", new ModerationService.ModerationServiceClient(DirectToModeration), new OpenedBidService.OpenedBidServiceClient(DirectToBids),
                new BidService.BidServiceClient(DirectToBids)),
        };
        foreach (var entry in entryPoints)
        foreach (var (who, caller, sees, refusal) in Callers)
        {
            // Path 1: the moderation service's ListBidsToScore, the one gate.
            var toScore = await Outcome(async () => (await entry.Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = kent }, As(caller)))
                .Offers.Select(o => o.Supplier).Order().ToArray());
            results.Add($"{entry.Name,-7} ListBidsToScore       {who,-30} {toScore.Describe()}");
            if (sees is not null)
            {
                Assert.Equal(StatusCode.OK, toScore.Status);
                Assert.Equal(sees, toScore.Value);
            }
            else
            {
                Assert.Equal(refusal, toScore.Status);
            }

            // Path 2: the bid service's opened offers: internal, so not routed by the gateway and refused to any person directly.
            var opened = await Outcome(async () => (await entry.OpenedBids.ListOpenedBidsAsync(
                new ListOpenedBidsRequest { TenderId = tender.Id, LotId = "kent" }, As(caller))).Offers.Count);
            results.Add($"{entry.Name,-7} OpenedBids.ListOpened {who,-30} {opened.Describe()}");
            Assert.Equal(entry.Name == "gateway" ? StatusCode.Unimplemented : StatusCode.PermissionDenied, opened.Status);

            // Path 3: the bid service's GetBid: a bid's content to its own supplier only (here Victim Support's bid).
            var bid = await Outcome(async () => (await entry.Bids.GetBidAsync(new GetBidRequest { BidId = victimSupport.BidId }, As(caller))).Offers.Count);
            results.Add($"{entry.Name,-7} BidService.GetBid     {who,-30} {bid.Describe()}");
            Assert.Equal(caller == VictimSupport ? StatusCode.OK : StatusCode.PermissionDenied, bid.Status);
        }

        // Another supplier gets nothing of Victim Support's bid, on either entry point.
        foreach (var entry in entryPoints)
        {
            var other = await Outcome(async () => (await entry.Bids.GetBidAsync(new GetBidRequest { BidId = victimSupport.BidId }, As(Catch22))).Offers.Count);
            results.Add($"{entry.Name,-7} BidService.GetBid     {"another supplier (Catch22)",-30} {other.Describe()}");
            Assert.Equal(StatusCode.NotFound, other.Status);
        }

        // Once the chair declares, she sees them too; the opened content is what was sent.
        await DeclareAsync(kent, KentChair, conflictedWith: null);
        var chairSees = await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = kent }, As(KentChair));
        Assert.Equal([catch22.DigestSha256, victimSupport.DigestSha256], chairSees.Offers.OrderBy(o => o.Supplier).Select(o => o.DigestSha256));
        foreach (var line in results) Console.WriteLine(line);
    }

    private async Task DeclareAsync(string evaluationId, Caller member, string? conflictedWith)
    {
        var declare = new DeclareConflictsRequest { EvaluationId = evaluationId };
        declare.Declarations.AddRange(new[] { "victim-support", "catch-22" }.Select(s => new ConflictDeclaration
            { Supplier = s, Conflicted = s == conflictedWith, Note = s == conflictedWith ? "A former trustee of this charity." : "" }));
        await Moderation.DeclareConflictsAsync(declare, As(member));
    }

    private async Task<string> EvaluationAsync(string tenderId, Caller officer)
    {
        Evaluation? found = null;
        await Eventually.True(async () => (found = (await Moderation.ListEvaluationsAsync(
            new ListEvaluationsRequest { TenderId = tenderId }, As(officer))).Evaluations.SingleOrDefault()) is not null, $"{officer.Commissioner}'s evaluation opened");
        return found!.Id;
    }

    private static PanelMember Member(Caller person) => new()
    {
        PersonId = person.PersonId, Name = person.Name, Commissioner = person.Commissioner!,
        Affiliation = person.Organisation.EndsWith("-police", StringComparison.Ordinal) ? Affiliation.Force : Affiliation.Office,
    };

    private static async Task<CallOutcome<T>> Outcome<T>(Func<Task<T>> call)
    {
        try
        {
            return new CallOutcome<T>(StatusCode.OK, await call(), "");
        }
        catch (RpcException e)
        {
            return new CallOutcome<T>(e.StatusCode, default, e.Status.Detail);
        }
    }

    private sealed record CallOutcome<T>(StatusCode Status, T? Value, string Detail)
    {
        public string Describe() => Status == StatusCode.OK
            ? $"OK {(Value is string[] names ? "[" + string.Join(", ", names) + "]" : Value)}"
            : $"{Status}: {Detail}";
    }
}
