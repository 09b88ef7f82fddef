using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Tender.V1;
using Procurement.Tenders.Persistence;
using Procurement.Tenders.Tests.Domain;
using Procurement.Tenders.Tests.Integration.Support;
using Xunit.Abstractions;

namespace Procurement.Tenders.Tests.Integration;

/// <summary>
/// The tender service on a PostgreSQL server of this class's own, which the test restarts while calls are in flight:
/// a caller gets a status it can act on (UNAVAILABLE: try again shortly), never UNKNOWN, and calls succeed again once
/// the database is back.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 12;
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);
    private readonly TestBroker _broker = new("procurement-tenders-dbrestart");
    private readonly ManualTimeProvider _clock = new(SeedCase.Now);
    private PrivatePostgres? _postgres;
    private TestService? _service;
    private TenderService.TenderServiceClient _tenders = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _service = await TestService.StartAsync("Tenders",
            new Dictionary<string, string?> { ["ConnectionStrings:tenders"] = _postgres.ConnectionStringFor("tenders") }, _clock,
            builder => builder.AddTenderServices(messaging => _broker.Apply(messaging.Options)),
            app => app.MapTenderServices(),
            services => TenderMigrations.MigrateAsync(services));
        _tenders = new TenderService.TenderServiceClient(_service.Channel.WithDeadlinesRequired());
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_service is not null) await _service.DisposeAsync();
        }
        finally
        {
            if (_postgres is not null) await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Calls_in_flight_while_PostgreSQL_restarts_fail_UNAVAILABLE_never_UNKNOWN_and_succeed_again_after()
    {
        await CreateDraftAsync();   // the pool holds open connections, which the restart breaks

        var statuses = new ConcurrentBag<StatusCode>();
        var details = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await CreateDraftAsync();
                    statuses.Add(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    statuses.Add(e.StatusCode);
                    details.Add($"{e.StatusCode}: {e.Status.Detail}");
                }
            }
        })).ToArray();

        await Eventually.True(() => statuses.Count(s => s == StatusCode.OK) >= Workers, "calls succeed before the restart");
        await _postgres!.StopAsync();
        await Eventually.True(() => statuses.Count(s => s != StatusCode.OK) >= Workers, "calls fail while the database is down");
        await _postgres.StartServerAsync();
        var okBefore = statuses.Count(s => s == StatusCode.OK);
        await Eventually.True(() => statuses.Count(s => s == StatusCode.OK) >= okBefore + Workers, "calls succeed again after the restart", RecoveryBound);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var counts = statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}");
        output.WriteLine($"{statuses.Count} calls: {string.Join(", ", counts)}");
        foreach (var detail in details.Distinct().Take(10)) output.WriteLine(detail);

        Assert.DoesNotContain(StatusCode.Unknown, statuses);
        Assert.All(statuses, s => Assert.True(s is StatusCode.OK or StatusCode.Unavailable, $"{s}: {string.Join(" | ", details.Distinct())}"));
        Assert.All(details, d => Assert.DoesNotContain("Npgsql", d));
        // After the restart, every call succeeds again.
        await CreateDraftAsync();
    }

    private Task<Tender> CreateDraftAsync() =>
        _tenders.CreateDraftAsync(new CreateDraftRequest { Content = Drafts.JointTender() },
            TestCalls.As(People.SevenFOfficer, _clock)).ResponseAsync;
}
