using Procurement.Testing;
using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Dev.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Tenders.Persistence;
using Procurement.Tenders.Tests.Integration.Support;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Tenders.Tests.Integration;

/// <summary>
/// The tender service as a demonstration runs it (Development, Development:ClockControl=true): its business clock is the
/// real one plus an offset that DevelopmentClock moves, and its closing scheduler notices a deadline moved past. Tokens
/// stay on the real clock. Elsewhere the control is refused.
/// </summary>
public sealed class DevelopmentClockTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new("procurement_tenders_devclock");
    private readonly TestBroker _broker = new("procurement-tenders-devclock");
    private readonly List<TestService> _services = [];

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task<TestService> StartAsync(string environment, bool clockControl)
    {
        var service = await TestService.StartAsync("Tenders",
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:tenders"] = _database.ConnectionString,
                ["Development:ClockControl"] = clockControl ? "true" : "false",
            },
            TimeProvider.System,
            builder => builder.AddTenderServices(messaging => _broker.Apply(messaging.Options)),
            app => app.MapTenderServices(),
            services => TenderMigrations.MigrateAsync(services),
            environment);
        _services.Add(service);
        return service;
    }

    // Tokens minted by the real clock, as the CLI mints them.
    private static CallOptions AsOfficer() => TestCalls.As(People.SevenFOfficer, TimeProvider.System);

    private static TenderContent TenderDueIn(TimeSpan submission)
    {
        var content = Drafts.JointTender();
        var now = DateTimeOffset.UtcNow;
        content.Timetable.ClarificationDeadline = Timestamp.FromDateTimeOffset(now + submission / 2);
        content.Timetable.SubmissionDeadline = Timestamp.FromDateTimeOffset(now + submission);
        var start = now.AddYears(1);
        foreach (var lot in content.Lots) lot.ContractTerms.StartDate = new Common.Date { Year = start.Year, Month = 4, Day = 1 };
        return content;
    }

    [Fact]
    public async Task Moving_the_clock_past_a_deadline_closes_the_tender_and_tokens_keep_working()
    {
        var service = await StartAsync("Development", clockControl: true);
        var tenders = new TenderService.TenderServiceClient(service.Channel.WithDeadlinesRequired());
        var clock = new DevelopmentClock.DevelopmentClockClient(service.Channel.WithDeadlinesRequired());

        var draft = await tenders.CreateDraftAsync(new CreateDraftRequest { Content = TenderDueIn(TimeSpan.FromDays(30)) }, AsOfficer());
        var tender = await tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, AsOfficer());
        var deadline = tender.Timetable.SubmissionDeadline.ToDateTimeOffset();

        var before = (await clock.GetClockAsync(new GetClockRequest(), AsOfficer())).Clocks.Single();
        Assert.Equal("tenders", before.Service);
        Assert.InRange(before.Offset.ToTimeSpan(), TimeSpan.Zero, TimeSpan.Zero);

        var moved = (await clock.AdvanceClockAsync(new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(31)) }, AsOfficer())).Clocks.Single();
        Assert.True(moved.Now.ToDateTimeOffset() > deadline, $"the clock ({moved.Now}) is past the deadline ({deadline:u})");
        Assert.InRange(moved.Offset.ToTimeSpan(), TimeSpan.FromDays(31), TimeSpan.FromDays(31));

        // The scheduler was waiting for the deadline 30 real days away: the jump re-arms its timer.
        Tender? read = null;
        await Eventually.True(async () => (read = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, AsOfficer())).Status == TenderStatus.Closed,
            "the tender closed after the clock moved past its deadline");
        Assert.InRange(read!.ClosedAt.ToDateTimeOffset(), deadline, moved.Now.ToDateTimeOffset() + TimeSpan.FromMinutes(1));

        // A token minted by the real clock an hour long is still good although the business clock is a month on.
        var again = (await clock.GetClockAsync(new GetClockRequest(), AsOfficer())).Clocks.Single();
        Assert.True(again.Now.ToDateTimeOffset() >= moved.Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task The_clock_never_goes_back_and_says_how_to_ask()
    {
        var service = await StartAsync("Development", clockControl: true);
        var clock = new DevelopmentClock.DevelopmentClockClient(service.Channel.WithDeadlinesRequired());

        var back = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(
            new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromHours(-1)) }, AsOfficer()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, back.StatusCode);
        Assert.Contains("never goes back", back.Status.Detail);

        var neither = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(new AdvanceClockRequest(), AsOfficer()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, neither.StatusCode);

        var tooFar = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(
            new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(401)) }, AsOfficer()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooFar.StatusCode);

        var now = (await clock.GetClockAsync(new GetClockRequest(), AsOfficer())).Clocks.Single().Now.ToDateTimeOffset();
        var past = (await clock.AdvanceClockAsync(new AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(now - TimeSpan.FromDays(1)) }, AsOfficer())).Clocks.Single();
        Assert.True(past.Now.ToDateTimeOffset() >= now, "a moment in the clock's past leaves it where it is");

        var supplier = await Assert.ThrowsAsync<RpcException>(() => clock.GetClockAsync(new GetClockRequest(),
            TestCalls.As(People.Supplier, TimeProvider.System)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, supplier.StatusCode);
    }

    [Fact]
    public async Task Without_the_setting_the_control_is_refused_and_the_clock_is_the_real_one()
    {
        var service = await StartAsync("Development", clockControl: false);
        var clock = new DevelopmentClock.DevelopmentClockClient(service.Channel.WithDeadlinesRequired());

        var refused = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(
            new AdvanceClockRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(1)) }, AsOfficer()).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Development:ClockControl=true", refused.Status.Detail);
        Assert.Same(TimeProvider.System, service.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task Outside_Development_the_setting_stops_the_service_at_start_up()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("Production", clockControl: true));
        Assert.Contains("refused in the 'Production' environment", failure.Message);
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
        await _broker.DeleteAsync(["TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed"], []);
        await _database.DropAsync();
    }
}
