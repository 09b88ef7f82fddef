using Procurement.Testing;
using Procurement.Contracts.Tender.V1;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;
using Procurement.Tenders;
using Procurement.Tenders.Persistence;

namespace Procurement.Gateway.Tests;

/// <summary>The real tender service (its own database and broker prefix) behind the gateway, sharing the test's clock.</summary>
public sealed class TenderServiceThroughGatewayTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new("procurement_gateway_tenders");
    private readonly TestBroker _broker = new("procurement-gateway-test");
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestService _tenders = null!;
    private GatewayHost _gateway = null!;
    private TenderService.TenderServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _tenders = await TestService.StartAsync("Tenders", new Dictionary<string, string?> { ["ConnectionStrings:tenders"] = _database.ConnectionString }, _clock,
            builder => builder.AddTenderServices(messaging => _broker.Apply(messaging.Options)),
            app => app.MapTenderServices(),
            services => TenderMigrations.MigrateAsync(services));
        _gateway = await GatewayHost.StartAsync(_tenders.Address, _clock);
        _client = new TenderService.TenderServiceClient(_gateway.Channel.WithDeadlinesRequired());
    }

    [Fact]
    public async Task Call_through_the_gateway_is_answered_by_the_tender_service()
    {
        var officer = _gateway.As(People.Officer);
        var draft = await _client.CreateDraftAsync(new CreateDraftRequest { Content = new TenderContent { Reference = "7F-GW-001", Title = "Victim support services, Kent and Essex" } }, officer);

        var read = await _client.GetTenderAsync(new GetTenderRequest { TenderId = draft.Id }, officer);

        Assert.Equal(draft.Id, read.Id);
        Assert.Equal("Victim support services, Kent and Essex", read.Title);
    }

    [Fact]
    public async Task The_tender_services_own_refusal_passes_through()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.GetTenderAsync(new GetTenderRequest { TenderId = Guid.NewGuid().ToString() }, _gateway.As(People.Supplier)));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Contains(_gateway.AccessLog, e => Equals(e.Values["Cluster"], "Tenders") && Equals(e.Values["GrpcStatus"], "5"));
    }

    [Fact]
    public async Task Supplier_creating_a_draft_is_denied_at_the_gateway()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.CreateDraftAsync(new CreateDraftRequest { Content = new TenderContent { Title = "Not mine to create" } }, _gateway.As(People.Supplier)));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Contains(_gateway.AccessLog, e => Equals(e.Values["Cluster"], "Tenders") && Equals(e.Values["GrpcStatus"], "7"));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _tenders.DisposeAsync();
        await _broker.DeleteAsync(["TenderPublished", "TenderAmended", "TenderCancelled", "LotCancelled", "TenderClosed"], []);
        await _database.DropAsync();
    }
}
