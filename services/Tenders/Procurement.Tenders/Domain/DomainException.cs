namespace Procurement.Tenders.Domain;

/// <summary>What kind of refusal a domain rule makes; the gRPC adapter maps each to a status code.</summary>
public enum RefusalKind
{
    /// <summary>The request itself is wrong (INVALID_ARGUMENT).</summary>
    InvalidArgument,
    /// <summary>The request is fine but the tender is not in a state that allows it (FAILED_PRECONDITION).</summary>
    FailedPrecondition,
    NotFound,
}

/// <summary>A domain rule refused an operation; the message says what a person can do about it.</summary>
public sealed class DomainException(RefusalKind kind, string message, IReadOnlyList<Violation>? violations = null) : Exception(message)
{
    public RefusalKind Kind { get; } = kind;
    public IReadOnlyList<Violation> Violations { get; } = violations ?? [];

    public static DomainException Invalid(IReadOnlyList<Violation> violations) =>
        new(RefusalKind.InvalidArgument,
            $"{violations.Count} problem{(violations.Count == 1 ? "" : "s")} to fix: {string.Join("; ", violations)}",
            violations);

    public static DomainException Precondition(string message) => new(RefusalKind.FailedPrecondition, message);
}
