namespace Procurement.Moderation.Domain;

public enum ModerationRefusal
{
    /// <summary>INVALID_ARGUMENT: the request itself is wrong.</summary>
    InvalidArgument,
    /// <summary>FAILED_PRECONDITION: not at this stage of the evaluation.</summary>
    FailedPrecondition,
    /// <summary>PERMISSION_DENIED: the caller is on the panel but may not do this (not the chair, conflicted, …).</summary>
    PermissionDenied,
    /// <summary>NOT_FOUND: e.g. a bid that is not part of the evaluation.</summary>
    NotFound,
}

/// <summary>A moderation rule refused an operation; the message says what a person can do about it.</summary>
public sealed class ModerationException(ModerationRefusal kind, string message) : Exception(message)
{
    public ModerationRefusal Kind { get; } = kind;

    public static ModerationException Invalid(string message) => new(ModerationRefusal.InvalidArgument, message);
    public static ModerationException Precondition(string message) => new(ModerationRefusal.FailedPrecondition, message);
    public static ModerationException Denied(string message) => new(ModerationRefusal.PermissionDenied, message);
}
