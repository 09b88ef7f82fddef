namespace Procurement.Identity;

/// <summary>
/// The clock token lifetimes are judged by. By default the host's <see cref="TimeProvider"/>; a host whose business
/// clock may be moved (the development clock control) registers the real clock under this key, so that moving the
/// business clock past a deadline does not expire everybody's token.
/// </summary>
public static class TokenClock
{
    /// <summary>The key of a keyed <see cref="TimeProvider"/> registration.</summary>
    public const string Key = "procurement-token-clock";
}
