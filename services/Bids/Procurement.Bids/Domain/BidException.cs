namespace Procurement.Bids.Domain;

public enum BidRefusal
{
    /// <summary>INVALID_ARGUMENT: the request itself is wrong.</summary>
    InvalidArgument,
    /// <summary>FAILED_PRECONDITION: e.g. the deadline passed, the tender is not open.</summary>
    FailedPrecondition,
    /// <summary>ABORTED: the bid changed since the version the caller read.</summary>
    Conflict,
}

/// <summary>A bid rule refused an operation; the message says what a person can do about it.</summary>
public sealed class BidException(BidRefusal kind, string message) : Exception(message)
{
    public BidRefusal Kind { get; } = kind;
}
