namespace Procurement.Web;

/// <summary>"Portal" configuration.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The gateway's gRPC address, e.g. http://127.0.0.1:5100: the only place the portal sends calls.</summary>
    public Uri? Gateway { get; set; }

    /// <summary>Where the portal listens (Kestrel), e.g. http://127.0.0.1:5190; empty for ASP.NET Core's own settings.</summary>
    public string? Urls { get; set; }

    /// <summary>A signed-in session ends after this long without a request (and the person signs in again).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Each call to the gateway gets this long before it is given up (DEADLINE_EXCEEDED).</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>OpenID Connect sign-in (production); empty Authority means none (Development uses "sign in as").</summary>
    public OpenIdOptions OpenId { get; } = new();

    /// <summary>Development only: the people "sign in as" offers, a tab-separated file (demo/kent-essex/people.tsv).</summary>
    public string? DevelopmentPeople { get; set; }

    public Uri GatewayAddress =>
        Gateway ?? throw new InvalidOperationException($"Set {SectionName}:Gateway (the gateway's gRPC address, e.g. http://127.0.0.1:5100).");
}

public sealed class OpenIdOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
}
