using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Procurement.Identity;

/// <summary>
/// How one of the suite's services proves who it is when it calls another ("Identity:Client"): an OAuth 2.0
/// client registered at the identity provider (<see cref="AccessTokenOptions.Authority"/>) whose tokens carry the
/// <c>suite_service</c> role. Not used with the development key: then the service signs its own development token.
/// </summary>
public sealed class ServiceClientOptions
{
    public const string SectionName = "Identity:Client";

    public string? ClientId { get; set; }

    /// <summary>A secret: from the environment or a secret store (Identity__Client__ClientSecret), never from a committed file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes to ask for, space-separated, if the identity provider needs them.</summary>
    public string? Scope { get; set; }

    /// <summary>The token endpoint; by default the one the authority's OpenID Connect metadata names.</summary>
    public string? TokenEndpoint { get; set; }
}

/// <summary>
/// The bearer token this service sends when it calls another service of the suite: a development token naming the
/// service with the <c>suite_service</c> role when the suite runs on the development key, otherwise a token from
/// the identity provider's client-credentials grant (RFC 6749, section 4.4). Kept until shortly before it expires.
/// </summary>
public sealed class ServiceTokens
{
    /// <summary>The organisation a development service token names.</summary>
    public const string SuiteOrganisation = "procurement-suite";

    private static readonly TimeSpan DevelopmentLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan TokenRequestTimeout = TimeSpan.FromSeconds(10);

    private readonly string _service;
    private readonly AccessTokenOptions _tokens;
    private readonly ServiceClientOptions _client;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<ServiceTokens> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    internal ServiceTokens(string service, AccessTokenOptions tokens, ServiceClientOptions client, IHttpClientFactory http, TimeProvider clock, ILogger<ServiceTokens> logger)
    {
        _service = service;
        _tokens = tokens;
        _client = client;
        _http = http;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The caller a development service token describes: "service:{name}" with the suite_service role.</summary>
    public static Caller DevelopmentCaller(string service) =>
        new($"service:{service}", $"The {service} service", SuiteOrganisation, null, new HashSet<Role> { Role.SuiteService });

    /// <summary>
    /// A token to send now. Throws <see cref="RpcException"/> UNAVAILABLE when the identity provider cannot be
    /// reached or refuses (the call it was for can be tried again later).
    /// </summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && _clock.GetUtcNow() < current.RenewAt) return current.Token;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && _clock.GetUtcNow() < again.RenewAt) return again.Token;
            var now = _clock.GetUtcNow();
            if (_tokens.UsesDevelopmentKey)
            {
                var token = DevelopmentTokens.Issue(DevelopmentCaller(_service), DevelopmentLifetime, _clock, _tokens.EffectiveAudience);
                _current = (token, now + DevelopmentLifetime / 2);
                return token;
            }
            var (issued, lifetime) = await RequestAsync(cancellationToken);
            // Renewed a minute before it ends (a short-lived one when half its life is gone), so a call never carries one about to expire.
            _current = (issued, now + (lifetime / 2 > lifetime - TimeSpan.FromMinutes(1) ? lifetime / 2 : lifetime - TimeSpan.FromMinutes(1)));
            return issued;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TokenRequestTimeout);
        var http = _http.CreateClient(nameof(ServiceTokens));
        try
        {
            var endpoint = _client.TokenEndpoint is { Length: > 0 } configured ? configured : await DiscoverTokenEndpointAsync(http, bounded.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
            // Client authentication by HTTP Basic (RFC 6749, section 2.3.1): id and secret form-encoded first.
            var credentials = $"{Uri.EscapeDataString(_client.ClientId!)}:{Uri.EscapeDataString(_client.ClientSecret!)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
            var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
            if (_client.Scope is { Length: > 0 } scope) form["scope"] = scope;
            request.Content = new FormUrlEncodedContent(form);
            using var response = await http.SendAsync(request, bounded.Token);
            if (!response.IsSuccessStatusCode)
                throw Unavailable($"the identity provider refused the service's client credentials (HTTP {(int)response.StatusCode})");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(bounded.Token));
            var token = body.RootElement.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Unavailable("the identity provider's token response has no access_token");
            var seconds = body.RootElement.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var s) && s > 0 ? s : 300;
            return (token, TimeSpan.FromSeconds(seconds));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogWarning(e, "The {Service} service could not obtain a service token", _service);
            throw Unavailable("the identity provider could not be reached for a service token");
        }
    }

    private async Task<string> DiscoverTokenEndpointAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var metadata = $"{_tokens.Authority!.TrimEnd('/')}/.well-known/openid-configuration";
        using var document = JsonDocument.Parse(await http.GetStringAsync(metadata, cancellationToken));
        return document.RootElement.TryGetProperty("token_endpoint", out var endpoint) && endpoint.GetString() is { Length: > 0 } url
            ? url
            : throw Unavailable("the identity provider's metadata names no token_endpoint");
    }

    private RpcException Unavailable(string why) =>
        new(new Status(StatusCode.Unavailable, $"The {_service} service could not authenticate to another service of the suite: {why}; try again shortly."));
}

public static class ServiceTokenExtensions
{
    /// <summary>
    /// <see cref="ServiceTokens"/> for this service (call after <see cref="IdentityServiceExtensions.AddProcurementIdentity"/>).
    /// Throws at start-up, saying what to configure, when the suite uses an identity provider but Identity:Client is incomplete.
    /// </summary>
    public static IHostApplicationBuilder AddServiceTokens(this IHostApplicationBuilder builder, string service)
    {
        var client = new ServiceClientOptions();
        builder.Configuration.GetSection(ServiceClientOptions.SectionName).Bind(client);
        builder.Services.AddHttpClient(nameof(ServiceTokens));
        builder.Services.TryAddSingleton(provider =>
        {
            var tokens = provider.GetRequiredService<AccessTokenOptions>();
            if (!tokens.UsesDevelopmentKey && (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrWhiteSpace(client.ClientSecret)))
                throw new InvalidOperationException(
                    $"The {service} service calls other services of the suite with its own token: with {AccessTokenOptions.SectionName}:Authority set, " +
                    $"configure {ServiceClientOptions.SectionName}:ClientId and {ServiceClientOptions.SectionName}:ClientSecret (a client of the identity " +
                    "provider whose tokens carry the suite_service role).");
            var clock = provider.GetKeyedService<TimeProvider>(TokenClock.Key) ?? provider.GetRequiredService<TimeProvider>();
            return new ServiceTokens(service, tokens, client, provider.GetRequiredService<IHttpClientFactory>(), clock,
                provider.GetRequiredService<ILogger<ServiceTokens>>());
        });
        return builder;
    }

    /// <summary>
    /// Every call of this gRPC client carries this service's own token (<see cref="ServiceTokens"/>), not the token of
    /// the call being served. Inside the suite the services talk plain HTTP/2 on a private network, so the client is
    /// allowed to send the credentials without TLS.
    /// </summary>
    public static IHttpClientBuilder WithServiceToken(this IHttpClientBuilder client) => client
        .AddCallCredentials(async (context, metadata, services) =>
            metadata.Add("authorization", $"Bearer {await services.GetRequiredService<ServiceTokens>().GetAsync(context.CancellationToken)}"))
        .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
}
