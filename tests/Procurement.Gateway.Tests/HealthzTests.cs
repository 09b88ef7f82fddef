using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Gateway.Tests.Support;

namespace Procurement.Gateway.Tests;

public sealed class HealthzTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();
    private ProbeServer _probe = null!;

    public async Task InitializeAsync() => _probe = await ProbeServer.StartAsync();

    [Fact]
    public async Task Healthz_is_200_over_HTTP_1_1_when_every_service_is_serving()
    {
        await using var gateway = await GatewayHost.StartAsync(_probe.Address, _clock);

        using var response = await _http.GetAsync(new Uri(gateway.HttpAddress, "/healthz"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("SERVING", body.RootElement.GetProperty("status").GetString());
        foreach (var service in new[] { "tenders", "bids", "moderation", "awards" })
            Assert.Equal("SERVING", body.RootElement.GetProperty("services").GetProperty(service).GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("services").GetProperty("awards").TryGetProperty("address", out _));
    }

    [Fact]
    public async Task Healthz_is_503_naming_the_service_that_is_down_without_its_address()
    {
        var nobody = UnusedLoopbackAddress();
        await using var gateway = await GatewayHost.StartAsync(_probe.Address, _clock,
            new Dictionary<string, string?> { ["Gateway:Services:Moderation"] = nobody.ToString() });

        using var response = await _http.GetAsync(new Uri(gateway.HttpAddress, "/healthz"));
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("NOT_SERVING", body.RootElement.GetProperty("status").GetString());
        var services = body.RootElement.GetProperty("services");
        Assert.Equal("UNAVAILABLE", services.GetProperty("moderation").GetProperty("status").GetString());
        Assert.Equal("SERVING", services.GetProperty("tenders").GetProperty("status").GetString());
        // Name and status only: no address, no reason (which may name a host and port).
        Assert.All(services.EnumerateObject(), service => Assert.Equal(["status"], service.Value.EnumerateObject().Select(p => p.Name)));
        Assert.DoesNotContain(nobody.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.DoesNotContain(_probe.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
    }

    [Fact]
    public async Task On_the_operators_loopback_listener_healthz_shows_addresses_and_reasons()
    {
        var nobody = UnusedLoopbackAddress();
        await using var gateway = await GatewayHost.StartAsync(_probe.Address, _clock,
            new Dictionary<string, string?> { ["Gateway:Services:Moderation"] = nobody.ToString() });

        using var response = await _http.GetAsync(new Uri(gateway.ManagementAddress, "/healthz"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var moderation = body.RootElement.GetProperty("services").GetProperty("moderation");
        Assert.Equal(nobody.ToString(), moderation.GetProperty("address").GetString());
        Assert.Equal("UNAVAILABLE", moderation.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(moderation.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_operators_listener_binds_loopback_even_when_the_gateway_listens_on_every_address()
    {
        await using var gateway = await GatewayHost.StartAsync(_probe.Address, _clock,
            new Dictionary<string, string?> { ["Gateway:Address"] = "0.0.0.0" });
        var listeners = gateway.Services.GetRequiredService<GatewayListeners>();

        Assert.Equal(IPAddress.Any, listeners.HttpEndPoint!.Address);
        Assert.Equal(IPAddress.Loopback, listeners.ManagementEndPoint!.Address);
    }

    [Fact]
    public async Task Healthz_is_also_served_on_the_grpc_port_over_HTTP_2()
    {
        await using var gateway = await GatewayHost.StartAsync(_probe.Address, _clock);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.GrpcAddress, "/healthz"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    // A port bound and released at once: connecting to it is refused.
    private static Uri UnusedLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _probe.DisposeAsync();
    }
}
