using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>Whom to trust: the issuer tokens must name, the keys that sign them and the algorithms allowed.</summary>
public sealed record TrustedIssuer(string Issuer, IReadOnlyCollection<SecurityKey> Keys, IReadOnlyCollection<string> Algorithms);

/// <summary>Where the trusted issuer comes from: the development key, or an OpenID Connect authority.</summary>
public interface ISigningKeySource
{
    Task<TrustedIssuer> GetAsync(CancellationToken cancellationToken);

    /// <summary>A token named a key we don't hold: the authority may have rotated its keys. Returns whether a refresh happened.</summary>
    Task<bool> TryRefreshAsync(CancellationToken cancellationToken);
}

/// <summary>Trusts the public development key only; AddProcurementIdentity chooses it only where that is allowed.</summary>
public sealed class DevelopmentKeySource : ISigningKeySource
{
    private static readonly TrustedIssuer Trusted = new(DevelopmentTokens.Issuer, [DevelopmentTokens.SigningKey], [DevelopmentTokens.Algorithm]);

    public Task<TrustedIssuer> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Trusted);

    public Task<bool> TryRefreshAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}
