using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Contracts.Bid.V1;
using Procurement.Gateway.Tests.Support;
using Procurement.Hosting;

namespace Procurement.Gateway.Tests;

/// <summary>GET /.well-known/receipt-keys.json: the bid service's receipt keys as a JWKS, without a token, fetched with a deadline and cached.</summary>
public sealed class ReceiptKeysTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new() { Timeout = TestInfrastructure.Timeout };
    private readonly FakeBidKeys _keys = new();
    private WebApplication _bids = null!;
    private Uri _bidsAddress = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(_keys);
        builder.Services.AddGrpc();
        _bids = builder.Build();
        _bids.MapGrpcService<FakeBidService>();
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _bids.StartAsync(starting.Token);
        _bidsAddress = new Uri(_bids.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private Task<GatewayHost> GatewayAsync(Uri bids, params (string Key, string? Value)[] settings) =>
        GatewayHost.StartAsync(bids, _clock, settings.ToDictionary(s => s.Key, s => s.Value));

    [Fact]
    public async Task The_keys_are_a_JWKS_over_HTTP_1_1_without_a_token()
    {
        var active = _keys.Add("k2", active: true);
        var retired = _keys.Add("k1", active: false);
        await using var gateway = await GatewayAsync(_bidsAddress);

        using var response = await _http.GetAsync(new Uri(gateway.HttpAddress, "/.well-known/receipt-keys.json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
        var keys = body.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["k2", "k1"], keys.Select(k => k.GetProperty("kid").GetString()));
        foreach (var (key, expected) in keys.Zip([active, retired]))
        {
            Assert.Equal(("EC", "P-256", "ES256", "sig"),
                (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("use").GetString()));
            var point = expected.ExportParameters(false).Q;
            Assert.Equal(Convert.ToBase64String(point.X!).TrimEnd('=').Replace('+', '-').Replace('/', '_'), key.GetProperty("x").GetString());
            Assert.Equal(Convert.ToBase64String(point.Y!).TrimEnd('=').Replace('+', '-').Replace('/', '_'), key.GetProperty("y").GetString());
        }
    }

    [Fact]
    public async Task The_set_is_cached_and_fetched_again_once_the_cache_expires()
    {
        _keys.Add("k1", active: true);
        await using var gateway = await GatewayAsync(_bidsAddress, ("Gateway:ReceiptKeys:CacheDuration", "00:01:00"));
        var url = new Uri(gateway.HttpAddress, "/.well-known/receipt-keys.json");

        var first = await _http.GetStringAsync(url);
        _keys.Add("k2", active: true);
        var cached = await _http.GetStringAsync(url);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var fetched = await _http.GetStringAsync(url);

        Assert.Equal(first, cached);
        Assert.Equal(2, _keys.Calls);
        Assert.Contains("\"kid\": \"k2\"", fetched);
    }

    [Fact]
    public async Task A_bid_service_that_does_not_answer_in_time_gives_503_saying_so()
    {
        _keys.Hang = true;
        await using var gateway = await GatewayAsync(_bidsAddress, ("Gateway:ReceiptKeys:Timeout", "00:00:00.300"));

        using var response = await _http.GetAsync(new Uri(gateway.HttpAddress, "/.well-known/receipt-keys.json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The bid service did not give its receipt keys (DeadlineExceeded)", body);
    }

    [Fact]
    public async Task With_the_bid_service_down_the_last_set_fetched_is_served()
    {
        _keys.Add("k1", active: true);
        var nobody = UnusedLoopbackAddress();
        // Long enough for the first fetch on a busy machine (a fresh channel to the fake bid service); the hung refresh below waits it out.
        await using var gateway = await GatewayAsync(_bidsAddress, ("Gateway:ReceiptKeys:CacheDuration", "00:01:00"), ("Gateway:ReceiptKeys:Timeout", "00:00:05"));
        var url = new Uri(gateway.HttpAddress, "/.well-known/receipt-keys.json");
        var first = await _http.GetStringAsync(url);
        _keys.Hang = true;
        _clock.Advance(TimeSpan.FromMinutes(2));

        await using var fresh = await GatewayAsync(nobody);
        using var refused = await _http.GetAsync(new Uri(fresh.HttpAddress, "/.well-known/receipt-keys.json"));
        var stale = await _http.GetStringAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(first, stale);
    }

    [Fact]
    public async Task ListReceiptKeys_is_routed_without_a_token_and_VerifyReceipt_is_not()
    {
        _keys.Add("k1", active: true);
        await using var gateway = await GatewayAsync(_bidsAddress);
        var client = new BidService.BidServiceClient(gateway.Channel);

        var keys = await client.ListReceiptKeysAsync(new ListReceiptKeysRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout);
        var verify = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.VerifyReceiptAsync(new VerifyReceiptRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout));

        Assert.Equal("k1", Assert.Single(keys.Keys).KeyId);
        Assert.Equal(StatusCode.Unauthenticated, verify.StatusCode);
    }

    private static Uri UnusedLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _bids.StopAsync(stopping.Token);
        await _bids.DisposeAsync();
    }
}

/// <summary>The keys the fake bid service publishes, how often it was asked, and whether it answers at all.</summary>
public sealed class FakeBidKeys
{
    private readonly ConcurrentQueue<(string Id, ECDsa Key, bool Active)> _keys = new();
    private int _calls;

    public bool Hang { get; set; }
    public int Calls => _calls;

    public ECDsa Add(string id, bool active)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _keys.Enqueue((id, key, active));
        return key;
    }

    public async Task<ListReceiptKeysResponse> AnswerAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
        var response = new ListReceiptKeysResponse();
        response.Keys.AddRange(_keys.Select(k => new ReceiptKey
        {
            KeyId = k.Id, Algorithm = "ES256", Active = k.Active, PublicKey = ByteString.CopyFrom(k.Key.ExportSubjectPublicKeyInfo()),
        }));
        return response;
    }
}

internal sealed class FakeBidService(FakeBidKeys keys) : BidService.BidServiceBase
{
    public override Task<ListReceiptKeysResponse> ListReceiptKeys(ListReceiptKeysRequest request, ServerCallContext context) =>
        keys.AnswerAsync(context.CancellationToken);
}
