namespace Procurement.Identity;

/// <summary>
/// How a service checks bearer tokens; bound from the "Identity" configuration section. With an
/// <see cref="Authority"/> the keys and issuer come from its OpenID Connect metadata (production);
/// without one the public development key is used, which only Development or an explicit
/// <see cref="AllowDevelopmentKey"/> permits.
/// </summary>
public sealed class AccessTokenOptions
{
    public const string SectionName = "Identity";

    /// <summary>The OpenID Connect issuer, e.g. "https://login.example.org/realms/procurement".</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must name. Required with an authority; the development audience otherwise.</summary>
    public string? Audience { get; set; }

    /// <summary>The audience tokens must name: <see cref="Audience"/>, or the development tokens' audience.</summary>
    public string EffectiveAudience => Audience is { Length: > 0 } audience ? audience : DevelopmentTokens.Audience;

    /// <summary>Refuse metadata and keys fetched over plain HTTP (only a test authority may turn this off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerance for clocks that disagree about expiry; small, because an expired token should stop working.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Use the development key outside the Development environment (integration tests).</summary>
    public bool AllowDevelopmentKey { get; set; }

    public bool UsesDevelopmentKey => string.IsNullOrWhiteSpace(Authority);

    /// <summary>Throws, saying what to configure, when these options must not run in this environment.</summary>
    public void EnsureUsableIn(string environmentName)
    {
        if (UsesDevelopmentKey)
        {
            if (!AllowDevelopmentKey && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"No {SectionName}:Authority is configured, so tokens would be checked with the development signing key, " +
                    $"which is public and refused in the '{environmentName}' environment. Configure {SectionName}:Authority and " +
                    $"{SectionName}:Audience, or set {SectionName}:AllowDevelopmentKey=true where that key is acceptable (tests).");
            return;
        }
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
            throw new InvalidOperationException($"{SectionName}:Authority '{Authority}' is not an absolute URL.");
        if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            throw new InvalidOperationException($"{SectionName}:Authority '{Authority}' must use https (or set {SectionName}:RequireHttpsMetadata=false for a test authority).");
        if (string.IsNullOrWhiteSpace(Audience))
            throw new InvalidOperationException($"{SectionName}:Audience must be set when {SectionName}:Authority is.");
    }
}
