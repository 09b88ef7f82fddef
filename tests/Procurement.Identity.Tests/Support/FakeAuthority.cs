using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity.Tests.Support;

/// <summary>
/// The two documents a service reads from an OpenID Connect authority — its discovery document and
/// its JWKS — served over plain HTTP on loopback, with an RSA key the tests sign with.
/// </summary>
public sealed class FakeAuthority : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _app;

    public string Issuer { get; private set; } = "";

    /// <summary>The one client of the token endpoint, and the audience of the tokens it issues.</summary>
    public const string ClientId = "procurement-moderation";
    public const string ClientSecret = "test-only-secret";
    public string ClientAudience { get; set; } = "procurement-api";
    private int _tokenRequests;
    public int TokenRequests => Volatile.Read(ref _tokenRequests);
    public SigningCredentials Key { get; }

    public FakeAuthority() => Key = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "authority-key-1" }, SecurityAlgorithms.RsaSha256);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/jwks",
            ["token_endpoint"] = Issuer + "/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var key = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new Dictionary<string, string>
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "authority-key-1",
                ["n"] = Base64UrlEncoder.Encode(key.Modulus), ["e"] = Base64UrlEncoder.Encode(key.Exponent),
            } } });
        });
        // The client-credentials grant (RFC 6749, 4.4) for the one client it knows, authenticated by HTTP Basic.
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await request.ReadFormAsync();
            var basic = request.Headers.Authorization.ToString();
            var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            if (basic != expected) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            if (form["grant_type"] != "client_credentials") return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
            var token = Issue(ServiceTokens.DevelopmentCaller("moderation"), DateTimeOffset.UtcNow, ClientAudience);
            return Results.Json(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = 300 });
        });
        await _app.StartAsync();
        Issuer = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>A token as the authority would issue it.</summary>
    public string Issue(Caller caller, DateTimeOffset now, string audience, SigningCredentials? key = null, string? issuer = null) =>
        TestTokens.Sign(CallerClaims.ToTokenClaims(caller), now, key: key ?? Key, issuer: issuer ?? Issuer, audience: audience);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
