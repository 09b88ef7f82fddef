using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>Issuer and keys from an authority's "/.well-known/openid-configuration" and its JWKS, cached and refreshed by the ConfigurationManager.</summary>
internal sealed class OpenIdConnectKeySource : ISigningKeySource
{
    // Asymmetric only: accepting HS256 here would let anyone holding the public key sign tokens.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;

    public OpenIdConnectKeySource(AccessTokenOptions options, HttpClient? http = null)
    {
        var metadataAddress = options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
        var retriever = http is null
            ? new HttpDocumentRetriever { RequireHttps = options.RequireHttpsMetadata }
            : new HttpDocumentRetriever(http) { RequireHttps = options.RequireHttpsMetadata };
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(metadataAddress, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public async Task<TrustedIssuer> GetAsync(CancellationToken cancellationToken)
    {
        var configuration = await _configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return new TrustedIssuer(configuration.Issuer, [.. configuration.SigningKeys], Algorithms);
    }

    public Task<bool> TryRefreshAsync(CancellationToken cancellationToken)
    {
        // Throttled by the manager (at most every RefreshInterval), so a stream of forged key ids can't hammer the authority.
        _configuration.RequestRefresh();
        return Task.FromResult(true);
    }
}
