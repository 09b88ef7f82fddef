namespace Procurement.Gateway;

/// <summary>The "Gateway" configuration section (appsettings.json holds the defaults).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";
    public const int DefaultPort = 5100;
    public const int DefaultHttpPort = 5180;
    public const int DefaultMaxRequestBodySize = 4 * 1024 * 1024;
    public const int DefaultManagementPort = 5181;

    /// <summary>The keyed TimeProvider of the gateway's time limits (real time; the business clock may jump in Development).</summary>
    public const string ElapsedTimeKey = "Procurement.Gateway.ElapsedTime";

    /// <summary>The address both listeners bind (default: any).</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>The gRPC listener: cleartext HTTP/2 only (h2c with prior knowledge, what gRPC clients speak).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// A second, HTTP/1.1 listener for /healthz (probes and curl speak HTTP/1.1; a cleartext listener cannot offer
    /// both protocols). Negative turns it off; /healthz is also served on <see cref="Port"/> over HTTP/2.
    /// </summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>
    /// The operators' listener, HTTP/1.1, always bound to 127.0.0.1 whatever <see cref="Address"/> says: /healthz there
    /// shows each service's address and the reason it is not serving; elsewhere only names and statuses. Negative turns it off.
    /// </summary>
    public int ManagementPort { get; set; } = DefaultManagementPort;

    /// <summary>Where each cluster's service listens, by cluster name (see <see cref="Routing.GatewayRoutes"/>).</summary>
    public Dictionary<string, string> Services { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tenders"] = "http://localhost:5101",
        ["Bids"] = "http://localhost:5102",
        ["Moderation"] = "http://localhost:5103",
        ["Awards"] = "http://localhost:5104",
    };

    /// <summary>Largest request body of a call, in bytes (Kestrel's MaxRequestBodySize); larger calls end with RESOURCE_EXHAUSTED.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// How long the gateway waits for the whole request message of a call (they are all one message today) before it
    /// answers DEADLINE_EXCEEDED; a client that sends the headers and stalls holds nothing open longer.
    /// </summary>
    public TimeSpan RequestMessageTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public HeaderLimits Headers { get; } = new();

    public RetryOptions Retry { get; } = new();

    /// <summary>A call that takes longer is written to the access log at Information even when it ends OK.</summary>
    public TimeSpan SlowCall { get; set; } = TimeSpan.FromSeconds(1);

    public RateLimitOptions RateLimit { get; } = new();

    /// <summary>How long /healthz waits for each service's health answer.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public ReceiptKeysOptions ReceiptKeys { get; } = new();

    public string AddressOf(string cluster) =>
        Services.TryGetValue(cluster, out var address) && !string.IsNullOrWhiteSpace(address)
            ? address
            : throw new InvalidOperationException($"Set {SectionName}:Services:{cluster} (the address of the {cluster} service, e.g. http://localhost:5101).");
}

/// <summary>
/// What one call's headers may hold, refused per call with a gRPC status. Kestrel's own limits, which act on the whole
/// HTTP/2 connection (other callers' calls included), are set <see cref="KestrelFactor"/> times higher so that they never
/// decide first. The defaults keep what is forwarded within the services' Kestrel defaults (16 KiB a field, 32 KiB in
/// all), with room for what the gateway adds (trace context).
/// </summary>
public sealed class HeaderLimits
{
    public const int KestrelFactor = 8;

    /// <summary>Header fields per call (a name with two values counts two); more → RESOURCE_EXHAUSTED.</summary>
    public int MaxCount { get; set; } = 100;

    /// <summary>Bytes of one field's value; a larger authorization header → UNAUTHENTICATED, any other → RESOURCE_EXHAUSTED.</summary>
    public int MaxFieldSize { get; set; } = 16 * 1024;

    /// <summary>Bytes of all names and values of a call; more → RESOURCE_EXHAUSTED.</summary>
    public int MaxTotalSize { get; set; } = 24 * 1024;
}

/// <summary>
/// Per caller (the token's subject, else the remote IP): at most so many calls per <see cref="Window"/>: the most
/// generous of <see cref="PermitLimit"/> and the limits of the caller's roles (<see cref="Roles"/>, by the role's token
/// name, e.g. "procurement_officer"). A caller without a valid token gets <see cref="PermitLimit"/> per IP.
/// </summary>
public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; } = 120;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    public Dictionary<string, int> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>The permit limit of a caller holding these roles.</summary>
    public int LimitFor(IEnumerable<string> roleNames) =>
        roleNames.Select(name => Roles.GetValueOrDefault(name)).Append(PermitLimit).Max();

    /// <summary>Throws, naming the setting, when a limit names no role or is not positive.</summary>
    public void Validate()
    {
        if (PermitLimit < 1) throw new InvalidOperationException($"Gateway:RateLimit:PermitLimit must be at least 1 (it is {PermitLimit}).");
        if (Window <= TimeSpan.Zero) throw new InvalidOperationException($"Gateway:RateLimit:Window must be positive (it is {Window}).");
        foreach (var (role, limit) in Roles)
        {
            if (!Procurement.Identity.RoleNames.TryParse(role, out _))
                throw new InvalidOperationException(
                    $"Gateway:RateLimit:Roles:{role} names no role; the roles are {string.Join(", ", Procurement.Identity.RoleNames.All)}.");
            if (limit < 1) throw new InvalidOperationException($"Gateway:RateLimit:Roles:{role} must be at least 1 (it is {limit}).");
        }
    }
}

/// <summary>
/// A call the gateway could not forward is sent again (when that is harmless; see ForwardingMiddleware) up to
/// <see cref="MaxAttempts"/> times in all, waiting <see cref="InitialBackoff"/>, doubling up to <see cref="MaxBackoff"/>
/// (each wait jittered to half to all of it), never past the caller's deadline. The defaults ride out a service's
/// restart (about 3.5 s here): 6 attempts over up to 5.1 s.
/// </summary>
public sealed class RetryOptions
{
    public int MaxAttempts { get; set; } = 6;
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws, naming the setting, when a value cannot be used.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1) throw new InvalidOperationException($"Gateway:Retry:MaxAttempts must be at least 1 (1 turns retries off; it is {MaxAttempts}).");
        if (InitialBackoff <= TimeSpan.Zero) throw new InvalidOperationException($"Gateway:Retry:InitialBackoff must be positive (it is {InitialBackoff}).");
        if (MaxBackoff < InitialBackoff) throw new InvalidOperationException($"Gateway:Retry:MaxBackoff must be at least InitialBackoff (it is {MaxBackoff}).");
    }
}

/// <summary>/.well-known/receipt-keys.json: how long to wait for the bid service's keys, and how long to keep them.</summary>
public sealed class ReceiptKeysOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
