using Procurement.Contracts.Moderation.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Moderation.Tests.Integration.Support;
using Xunit.Abstractions;

namespace Procurement.Moderation.Tests.Integration;

/// <summary>
/// Every call of the moderation service × every kind of caller × Kent's and Essex's evaluation. People of
/// the other commissioner get NOT_FOUND (the evaluation does not exist for them); people without a
/// moderation role get PERMISSION_DENIED; within the commissioner, the table below says what each may do.
/// "Admitted" cells answer OK, or FAILED_PRECONDITION naming what the evaluation's stage still needs,
/// which shows the caller got past every access check.
/// </summary>
public sealed class IsolationMatrixTests(ITestOutputHelper output) : ModerationTestBase
{
    private enum Kind { Officer, Chair, Evaluator, Bystander }

    private const StatusCode Ok = StatusCode.OK;
    private const StatusCode Denied = StatusCode.PermissionDenied;
    private const StatusCode Stage = StatusCode.FailedPrecondition;

    /// <summary>What each kind of the evaluation's own commissioner's people gets, call by call (panel appointed, everyone declared, nobody submitted).</summary>
    private static readonly Dictionary<string, (StatusCode Officer, StatusCode Chair, StatusCode Evaluator, StatusCode Bystander)> OwnCommissioner = new()
    {
        ["GetEvaluation"] = (Ok, Ok, Ok, Denied),
        ["AppointPanel"] = (Ok, Denied, Denied, Denied),
        ["AddEvaluator"] = (Ok, Denied, Denied, Denied),
        ["ReplaceChair"] = (Ok, Denied, Denied, Denied),
        ["DeclareConflicts"] = (Denied, Stage, Stage, Denied),     // already declared
        ["ListBidsToScore"] = (Denied, Ok, Ok, Denied),
        ["RecordScore"] = (Denied, Denied, Ok, Denied),             // the chair moderates, it does not score
        ["SubmitScores"] = (Denied, Denied, Stage, Denied),         // scores still outstanding
        ["ListScores"] = (Denied, Ok, Ok, Denied),
        ["RecordModeratedScore"] = (Denied, Stage, Denied, Denied), // evaluators still scoring
        ["CompleteEvaluation"] = (Denied, Stage, Denied, Denied),
        ["GetResults"] = (Stage, Stage, Stage, Denied),             // not complete yet
    };

    [Fact]
    public async Task Every_call_by_every_kind_of_caller_on_both_commissioners_evaluations()
    {
        var tender = await OpenJointTenderAsync();
        await AppointAsync(tender.Kent, People.KentOfficer, People.KentChair, People.KentOffice, People.KentForce);
        await AppointAsync(tender.Essex, People.EssexOfficer, People.EssexChair, People.EssexOffice, People.EssexForce);
        await DeclareNoConflictsAsync(tender.Kent, People.KentChair, People.KentOffice, People.KentForce);
        await DeclareNoConflictsAsync(tender.Essex, People.EssexChair, People.EssexOffice, People.EssexForce);

        var essexBystander = People.Person("p-eby", "Erin Essex-Bystander", "essex-police", "essex", Role.Evaluator);
        // Kent's evaluator with a token that says it acts for Essex: a member of neither evaluation as such.
        var kentMemberActingForEssex = People.Person(People.KentOffice.PersonId, People.KentOffice.Name, "essex-police", "essex", Role.Evaluator);
        var callers = new (string Name, Caller Caller, string? Commissioner, Kind? Kind)[]
        {
            ("kent officer", People.KentOfficer, "kent", Kind.Officer),
            ("kent chair", People.KentChair, "kent", Kind.Chair),
            ("kent evaluator (office)", People.KentOffice, "kent", Kind.Evaluator),
            ("kent evaluator (force)", People.KentForce, "kent", Kind.Evaluator),
            ("kent evaluator not on the panel", People.KentBystander, "kent", Kind.Bystander),
            ("essex officer", People.EssexOfficer, "essex", Kind.Officer),
            ("essex chair", People.EssexChair, "essex", Kind.Chair),
            ("essex evaluator (office)", People.EssexOffice, "essex", Kind.Evaluator),
            ("essex evaluator (force)", People.EssexForce, "essex", Kind.Evaluator),
            ("essex evaluator not on the panel", essexBystander, "essex", Kind.Bystander),
            ("kent panel member acting for essex", kentMemberActingForEssex, "essex", Kind.Bystander),
            ("supplier", People.VictimSupport, null, null),
            ("procurement officer", People.ProcurementOfficer, null, null),
        };
        var evaluations = new[] { ("kent", tender.Kent, People.KentChair), ("essex", tender.Essex, People.EssexChair) };

        var cells = 0;
        var failures = new List<string>();
        var added = 0;
        foreach (var (commissioner, evaluationId, chair) in evaluations)
        {
            var bidId = tender.BidIds[("victim-support", commissioner)];
            var calls = new Dictionary<string, Func<CallOptions, Task>>
            {
                ["GetEvaluation"] = o => Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = evaluationId }, o).ResponseAsync,
                ["AppointPanel"] = o =>
                {
                    var members = commissioner == "kent" ? new[] { People.KentOffice, People.KentForce } : [People.EssexOffice, People.EssexForce];
                    var request = new AppointPanelRequest { EvaluationId = evaluationId, Chair = People.Member(chair, Affiliation.Office) };
                    request.Evaluators.AddRange(members.Select((m, i) => People.Member(m, i == 0 ? Affiliation.Office : Affiliation.Force)));
                    return Moderation.AppointPanelAsync(request, o).ResponseAsync;
                },
                ["AddEvaluator"] = o => Moderation.AddEvaluatorAsync(new AddEvaluatorRequest
                {
                    EvaluationId = evaluationId,
                    Evaluator = new PanelMember { PersonId = $"p-extra-{Interlocked.Increment(ref added)}", Name = "Extra Evaluator", Affiliation = Affiliation.Force, Commissioner = commissioner },
                }, o).ResponseAsync,
                ["ReplaceChair"] = o => Moderation.ReplaceChairAsync(new ReplaceChairRequest { EvaluationId = evaluationId, Chair = People.Member(chair, Affiliation.Office) }, o).ResponseAsync,
                ["DeclareConflicts"] = o =>
                {
                    var request = new DeclareConflictsRequest { EvaluationId = evaluationId };
                    request.Declarations.Add(new ConflictDeclaration { Supplier = "victim-support" });
                    request.Declarations.Add(new ConflictDeclaration { Supplier = "catch-22" });
                    return Moderation.DeclareConflictsAsync(request, o).ResponseAsync;
                },
                ["ListBidsToScore"] = o => Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = evaluationId }, o).ResponseAsync,
                ["RecordScore"] = o => Moderation.RecordScoreAsync(new RecordScoreRequest
                    { EvaluationId = evaluationId, BidId = bidId, CriterionId = "Q1", Score = 3, Justification = "Meets the requirement" }, o).ResponseAsync,
                ["SubmitScores"] = o => Moderation.SubmitScoresAsync(new SubmitScoresRequest { EvaluationId = evaluationId }, o).ResponseAsync,
                ["ListScores"] = o => Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = evaluationId }, o).ResponseAsync,
                ["RecordModeratedScore"] = o => Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
                    { EvaluationId = evaluationId, BidId = bidId, CriterionId = "Q1", Score = 3, Rationale = "Agreed" }, o).ResponseAsync,
                ["CompleteEvaluation"] = o => Moderation.CompleteEvaluationAsync(new CompleteEvaluationRequest { EvaluationId = evaluationId }, o).ResponseAsync,
                ["GetResults"] = o => Moderation.GetResultsAsync(new GetResultsRequest { EvaluationId = evaluationId }, o).ResponseAsync,
            };
            Assert.Equal(OwnCommissioner.Keys.Order(), calls.Keys.Order());

            foreach (var (callName, call) in calls)
            foreach (var (callerName, caller, callerCommissioner, kind) in callers)
            {
                var expected = kind is null ? Denied
                    : callerCommissioner != commissioner ? StatusCode.NotFound
                    : kind switch
                    {
                        Kind.Officer => OwnCommissioner[callName].Officer,
                        Kind.Chair => OwnCommissioner[callName].Chair,
                        Kind.Evaluator => OwnCommissioner[callName].Evaluator,
                        _ => OwnCommissioner[callName].Bystander,
                    };
                var actual = Ok;
                try
                {
                    await call(As(caller));
                }
                catch (RpcException e)
                {
                    actual = e.StatusCode;
                }
                cells++;
                if (actual != expected) failures.Add($"{callName} by {callerName} on {commissioner}'s evaluation: expected {expected}, got {actual}");
            }
        }

        output.WriteLine($"{cells} cells: {OwnCommissioner.Count} calls × {callers.Length} callers × {evaluations.Length} evaluations");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(OwnCommissioner.Count * callers.Length * evaluations.Length, cells);
    }

    [Fact]
    public async Task Listing_shows_each_person_only_their_own_commissioners_evaluations()
    {
        var tender = await OpenJointTenderAsync();
        await AppointAsync(tender.Kent, People.KentOfficer, People.KentChair, People.KentOffice);

        async Task<string[]> ListAs(Caller caller) =>
            [.. (await Moderation.ListEvaluationsAsync(new ListEvaluationsRequest { TenderId = tender.TenderId.ToString() }, As(caller))).Evaluations.Select(e => e.Id)];

        Assert.Equal([tender.Kent], await ListAs(People.KentOfficer));
        Assert.Equal([tender.Essex], await ListAs(People.EssexOfficer));
        Assert.Equal([tender.Kent], await ListAs(People.KentOffice));
        Assert.Empty(await ListAs(People.KentBystander));
        Assert.Empty(await ListAs(People.EssexOffice));   // Essex has no panel yet
        var supplier = await Assert.ThrowsAsync<RpcException>(async () => await ListAs(People.VictimSupport));
        Assert.Equal(StatusCode.PermissionDenied, supplier.StatusCode);
    }
}
