namespace Procurement.Identity;

/// <summary>Why a bearer token was not accepted.</summary>
public enum TokenFailure
{
    Missing,
    Malformed,
    Expired,
    NotYetValid,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    BadClaims,
    /// <summary>The authority's keys could not be fetched: the token may well be good, so this is not the caller's fault.</summary>
    KeysUnavailable,
}

/// <summary>The outcome of checking a bearer token: a caller, or a failure with a message a person can act on.</summary>
public sealed record TokenCheck(Caller? Caller, TokenFailure? Failure, string? Message)
{
    public static TokenCheck Accepted(Caller caller) => new(caller, null, null);

    public static TokenCheck Refused(TokenFailure failure, string message) => new(null, failure, message);
}
