using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// The portal, the gateway and the four services as their own processes (their builds, Development environment) on
/// the test PostgreSQL (databases of their own) and RabbitMQ (a prefix of their own), and Debian's chromium driven
/// by Playwright. Shared by the browser tests (one xunit collection): starting it takes a few seconds.
/// </summary>
public sealed class PortalSuite : IAsyncLifetime
{
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);
    private readonly List<SuiteProcess> _processes = [];
    private readonly List<TestDatabase> _databases = [];
    private GrpcChannel? _gateway;
    private IPlaywright? _playwright;

    public Uri Portal { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Artefacts { get; } = Path.Combine(AppContext.BaseDirectory, "portal-artefacts");

    public static Caller Officer { get; } = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Artefacts);
        var prefix = TestInfrastructure.UniqueName("portal") + ".";
        var ports = new Dictionary<string, int>();
        foreach (var name in new[] { "Tenders", "Bids", "Moderation", "Awards", "Gateway", "GatewayHttp", "Portal" }) ports[name] = TestInfrastructure.FreePort();
        string Url(string name) => $"http://127.0.0.1:{ports[name]}";
        Dictionary<string, string> Common() => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Identity__AllowDevelopmentKey"] = "true",
            ["Development__ClockControl"] = "true",
            ["Messaging__RabbitMq"] = TestInfrastructure.RabbitMqUri.ToString(),
            ["Messaging__EntityNamePrefix"] = prefix,
            ["Logging__Console__FormatterName"] = "json",
            ["OTEL_SDK_DISABLED"] = "true",
        };
        foreach (var name in new[] { "Tenders", "Bids", "Moderation", "Awards" })
        {
            var database = new TestDatabase("procurement_portal_" + name.ToLowerInvariant());
            _databases.Add(database);
            var settings = Common();
            settings[$"ConnectionStrings__{name.ToLowerInvariant()}"] = database.ConnectionString;
            settings["Database__MigrateOnStart"] = "true";
            settings[$"{name}__Address"] = "127.0.0.1";
            settings[$"{name}__Port"] = ports[name].ToString(CultureInfo.InvariantCulture);
            settings["Services__Tenders"] = Url("Tenders");
            settings["Services__Bids"] = Url("Bids");
            _processes.Add(new SuiteProcess(name.ToLowerInvariant(), $"services/{name}/Procurement.{name}", settings, LogOf(name)));
        }
        var gateway = Common();
        gateway["Gateway__Address"] = "127.0.0.1";
        gateway["Gateway__Port"] = ports["Gateway"].ToString(CultureInfo.InvariantCulture);
        gateway["Gateway__HttpPort"] = ports["GatewayHttp"].ToString(CultureInfo.InvariantCulture);
        gateway["Gateway__ManagementPort"] = "-1";
        foreach (var name in new[] { "Tenders", "Bids", "Moderation", "Awards" }) gateway[$"Gateway__Services__{name}"] = Url(name);
        _processes.Add(new SuiteProcess("gateway", "gateway/Procurement.Gateway", gateway, LogOf("gateway")));
        var portal = Common();
        portal["Portal__Gateway"] = Url("Gateway");
        portal["Portal__Urls"] = Url("Portal");
        portal["Portal__DevelopmentPeople"] = Path.Combine(TestInfrastructure.RepositoryRoot, "demo", "kent-essex", "people.tsv");
        _processes.Add(new SuiteProcess("portal", "web/Procurement.Web", portal, LogOf("portal")));
        Portal = new Uri(Url("Portal"));

        foreach (var process in _processes) process.Start();
        _gateway = GrpcChannel.ForAddress(Url("Gateway"));
        await WaitUntilServingAsync(new Uri(Url("GatewayHttp") + "/healthz"), new Uri(Portal, "/healthz"));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PROCUREMENT_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Timeout = (float)TestInfrastructure.Timeout.TotalMilliseconds,
        });
    }

    private string LogOf(string name) => Path.Combine(Artefacts, name.ToLowerInvariant() + ".log");

    /// <summary>Polls the gateway's and the portal's health until both answer 200 (the gateway's once every service serves).</summary>
    private async Task WaitUntilServingAsync(params Uri[] endpoints)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var bound = new CancellationTokenSource(StartBound);
        foreach (var endpoint in endpoints)
        {
            while (true)
            {
                if (_processes.Select(p => p.Exited()).FirstOrDefault(e => e is not null) is { } exited) throw new InvalidOperationException(exited);
                try
                {
                    using var response = await http.GetAsync(endpoint, bound.Token);
                    if (response.IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!bound.IsCancellationRequested) { }
                await Task.Delay(TimeSpan.FromMilliseconds(250), bound.Token);
            }
        }
    }

    /// <summary>Calls through the gateway as a person (a development token), with a deadline.</summary>
    public CallOptions As(Caller caller) => new(
        headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Issue(caller, TimeSpan.FromMinutes(10)) } },
        deadline: DateTime.UtcNow + TestInfrastructure.Timeout);

    public TenderService.TenderServiceClient Tenders => new(_gateway!);

    public Procurement.Contracts.Bid.V1.BidService.BidServiceClient Bids => new(_gateway!);

    public Procurement.Contracts.Dev.V1.DevelopmentClock.DevelopmentClockClient Clock => new(_gateway!);

    /// <summary>The suite's business clock (tests may move it on; tenders are dated by it).</summary>
    public async Task<DateTimeOffset> NowAsync() =>
        (await Clock.GetClockAsync(new Procurement.Contracts.Dev.V1.GetClockRequest(), As(Officer))).Clocks.Max(c => c.Now.ToDateTimeOffset());

    /// <summary>A draft of the Kent + Essex joint tender, due in <paramref name="days"/> days; published unless told not to.</summary>
    public async Task<Tender> TenderAsync(string title, int days = 30, bool publish = true)
    {
        var now = await NowAsync();
        var start = now.AddDays(days + 90);
        var content = new TenderContent
        {
            Reference = "PORTAL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Title = title,
            Description = "One procurement for Kent PCC and Essex PFCC; one lot each.",
            Regime = Regime.Pcr2015,
            LightTouch = true,
            Timetable = new Timetable
            {
                ClarificationDeadline = Timestamp.FromDateTimeOffset(now.AddDays(days / 2.0)),
                SubmissionDeadline = Timestamp.FromDateTimeOffset(now.AddDays(days)),
            },
        };
        content.Commissioners.AddRange(["kent", "essex"]);
        foreach (var lot in new[] { "kent", "essex" })
        {
            var model = new EvaluationModel();
            model.Criteria.Add(new Criterion { Id = "Q1", Kind = CriterionKind.Quality, Title = "Service delivery", WeightPercent = 60 });
            model.Criteria.Add(new Criterion { Id = "PRICE", Kind = CriterionKind.Price, Title = "Price", WeightPercent = 40 });
            content.Lots.Add(new Lot
            {
                Id = lot, Commissioner = lot, Title = $"Victims' support in {TitleCase(lot)}", Specification = $"Advocacy and support for victims of crime in {TitleCase(lot)}.",
                EstimatedAnnualValue = new Common.Money { MinorUnits = 500_000_00, Currency = "GBP" },
                ContractTerms = new ContractTerms
                {
                    StartDate = new Common.Date { Year = start.Year, Month = start.Month, Day = start.Day },
                    InitialTermMonths = 36, ExtensionAllowanceMonths = 24, ExtensionStepMonths = 12,
                },
                Evaluation = model,
            });
        }
        var draft = await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = content }, As(Officer));
        return publish ? await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(Officer)) : draft;
    }

    /// <summary>The demo's people (demo/kent-essex/people.tsv), as the portal's "sign in as" page lists them.</summary>
    public static Procurement.Web.Session.DevelopmentPeople People { get; } =
        Procurement.Web.Session.DevelopmentPeople.Load(Path.Combine(TestInfrastructure.RepositoryRoot, "demo", "kent-essex", "people.tsv"));

    /// <summary>One of the demo's people by profile (e.g. "kent-officer"), as a caller.</summary>
    public static Caller Person(string profile) => People.Find(profile)?.Caller ?? throw new ArgumentException($"No person '{profile}' in people.tsv.", nameof(profile));

    public Procurement.Contracts.Moderation.V1.ModerationService.ModerationServiceClient Moderation => new(_gateway!);

    /// <summary>A supplier's bid for one lot of the tender (the declarations made), through the gateway.</summary>
    public async Task<Procurement.Contracts.Bid.V1.Receipt> BidAsync(Tender tender, string supplier, string lot, long pence, string response)
    {
        var request = new Procurement.Contracts.Bid.V1.SubmitBidRequest
        {
            TenderId = tender.Id,
            Declarations = new Procurement.Contracts.Bid.V1.Declarations { AcceptsTerms = true, MeetsMandatoryRequirements = true, NoConflictsDeclared = true },
        };
        var offer = new Procurement.Contracts.Bid.V1.LotOffer { LotId = lot, AnnualPrice = new Common.Money { MinorUnits = pence, Currency = "GBP" } };
        foreach (var criterion in tender.Lots.Single(l => l.Id == lot).Evaluation.Criteria.Where(c => c.Kind != CriterionKind.Price))
            offer.Responses.Add(new Procurement.Contracts.Bid.V1.CriterionResponse { CriterionId = criterion.Id, Text = response });
        request.Offers.Add(offer);
        return await Bids.SubmitBidAsync(request, As(Person(supplier)));
    }

    /// <summary>
    /// Moves the suite's clock past the tender's submission deadline and waits (bounded) until the lot's evaluation has
    /// its bids, as the lot's commissioning officer sees it.
    /// </summary>
    public async Task<Procurement.Contracts.Moderation.V1.Evaluation> CloseAndEvaluateAsync(Tender tender, string lot, int bids)
    {
        var past = tender.Timetable.SubmissionDeadline.ToDateTimeOffset().AddMinutes(1);
        if (await NowAsync() < past)
            await Clock.AdvanceClockAsync(new Procurement.Contracts.Dev.V1.AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(past) }, As(Officer));
        var officer = Person(lot + "-officer");
        Procurement.Contracts.Moderation.V1.Evaluation? found = null;
        await Eventually.True(async () =>
        {
            var listed = await Moderation.ListEvaluationsAsync(new Procurement.Contracts.Moderation.V1.ListEvaluationsRequest { TenderId = tender.Id }, As(officer));
            found = listed.Evaluations.FirstOrDefault(e => e.LotId == lot && e.Bids.Count == bids);
            return found is not null;
        }, $"the {lot} lot's evaluation with {bids} bids");
        return found!;
    }

    public Procurement.Contracts.Award.V1.AwardService.AwardServiceClient Awards => new(_gateway!);

    /// <summary>
    /// A lot's evaluation taken to completion through the API, as the demo does it: the officer appoints the chair and
    /// one evaluator, both declare no conflict, the evaluator scores every bid's scored criteria (by supplier) and
    /// submits, the chair moderates to the same scores and completes. Returns the lot's award once recommended.
    /// </summary>
    public async Task<Procurement.Contracts.Award.V1.Award> AwardedAsync(Procurement.Contracts.Moderation.V1.Evaluation evaluation, string chair, string evaluator, IReadOnlyDictionary<string, int> scores)
    {
        var lot = evaluation.LotId;
        Procurement.Contracts.Moderation.V1.PanelMember Member(string profile)
        {
            var caller = Person(profile);
            return new() { PersonId = caller.PersonId, Name = caller.Name, Affiliation = Procurement.Contracts.Moderation.V1.Affiliation.Office, Commissioner = lot };
        }
        var appoint = new Procurement.Contracts.Moderation.V1.AppointPanelRequest { EvaluationId = evaluation.Id, Chair = Member(chair) };
        appoint.Evaluators.Add(Member(evaluator));
        await Moderation.AppointPanelAsync(appoint, As(Person(lot + "-officer")));
        foreach (var member in new[] { evaluator, chair })
        {
            var declare = new Procurement.Contracts.Moderation.V1.DeclareConflictsRequest { EvaluationId = evaluation.Id };
            declare.Declarations.AddRange(evaluation.Bids.Select(b => new Procurement.Contracts.Moderation.V1.ConflictDeclaration { Supplier = b.Supplier }));
            await Moderation.DeclareConflictsAsync(declare, As(Person(member)));
        }
        var scored = evaluation.Criteria.Where(c => c.Kind != "price").ToList();
        foreach (var bid in evaluation.Bids)
            foreach (var criterion in scored)
                await Moderation.RecordScoreAsync(new Procurement.Contracts.Moderation.V1.RecordScoreRequest
                {
                    EvaluationId = evaluation.Id, BidId = bid.BidId, CriterionId = criterion.CriterionId, Score = scores[bid.Supplier], Justification = "Evidence in the response.",
                }, As(Person(evaluator)));
        await Moderation.SubmitScoresAsync(new Procurement.Contracts.Moderation.V1.SubmitScoresRequest { EvaluationId = evaluation.Id }, As(Person(evaluator)));
        foreach (var bid in evaluation.Bids)
            foreach (var criterion in scored)
                await Moderation.RecordModeratedScoreAsync(new Procurement.Contracts.Moderation.V1.RecordModeratedScoreRequest
                {
                    EvaluationId = evaluation.Id, BidId = bid.BidId, CriterionId = criterion.CriterionId, Score = scores[bid.Supplier], Rationale = "Agreed by the panel.",
                }, As(Person(chair)));
        await Moderation.CompleteEvaluationAsync(new Procurement.Contracts.Moderation.V1.CompleteEvaluationRequest { EvaluationId = evaluation.Id }, As(Person(chair)));

        Procurement.Contracts.Award.V1.Award? award = null;
        await Eventually.True(async () =>
        {
            var listed = await Awards.ListAwardsAsync(new Procurement.Contracts.Award.V1.ListAwardsRequest { TenderId = evaluation.TenderId }, As(Person(lot + "-officer")));
            award = listed.Awards.FirstOrDefault(a => a.LotId == lot);
            return award is not null;
        }, $"the {lot} lot's award");
        return award!;
    }

    /// <summary>Waits (bounded) until the bid service shows the supplier's bid for the tender in <paramref name="status"/>: it learns of amendments by event.</summary>
    public Task BidReachesAsync(string tenderId, string supplier, Procurement.Contracts.Bid.V1.BidStatus status) =>
        Eventually.True(async () =>
        {
            var mine = await Bids.ListMyBidsAsync(new Procurement.Contracts.Bid.V1.ListMyBidsRequest { TenderId = tenderId }, As(Person(supplier)));
            return mine.Bids.Any(b => b.Status == status);
        }, $"{supplier}'s bid {status}");

    /// <summary>Moves the suite's clock on to <paramref name="moment"/> (never back).</summary>
    public async Task MoveClockToAsync(DateTimeOffset moment)
    {
        if (await NowAsync() < moment)
            await Clock.AdvanceClockAsync(new Procurement.Contracts.Dev.V1.AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(moment) }, As(Officer));
    }

    private static string TitleCase(string id) => char.ToUpperInvariant(id[0]) + id[1..];

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        _gateway?.Dispose();
        foreach (var process in _processes) await process.DisposeAsync();
        foreach (var database in _databases) await database.DropAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalSuite>
{
    public const string Name = "portal";
}
