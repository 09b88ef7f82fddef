namespace Procurement.Awards.Domain;

public enum AwardRefusal
{
    /// <summary>INVALID_ARGUMENT: the request itself is wrong.</summary>
    InvalidArgument,
    /// <summary>FAILED_PRECONDITION: not at this point of the award (out of order, during standstill, …).</summary>
    FailedPrecondition,
    /// <summary>PERMISSION_DENIED: e.g. signing as a role the caller does not hold.</summary>
    PermissionDenied,
}

/// <summary>An award rule refused an operation; the message says what a person can do about it.</summary>
public sealed class AwardException(AwardRefusal kind, string message) : Exception(message)
{
    public AwardRefusal Kind { get; } = kind;

    public static AwardException Invalid(string message) => new(AwardRefusal.InvalidArgument, message);
    public static AwardException Precondition(string message) => new(AwardRefusal.FailedPrecondition, message);
}
