using Procurement.Bids.Domain;
using Grpc.Core;
using Procurement.Contracts.Common.V1;

namespace Procurement.Bids.Grpc;

/// <summary>The statuses the bid service answers refusals with.</summary>
internal static class Refusals
{
    public static RpcException From(BidException refusal) => new(new Status(refusal.Kind switch
    {
        BidRefusal.InvalidArgument => StatusCode.InvalidArgument,
        BidRefusal.FailedPrecondition => StatusCode.FailedPrecondition,
        BidRefusal.Conflict => StatusCode.Aborted,
        _ => StatusCode.Internal,
    }, refusal.Message));

    public static RpcException From(AccessDecision decision) => new(new Status(decision.Outcome switch
    {
        AccessOutcome.Hidden => StatusCode.NotFound,
        AccessOutcome.Sealed => StatusCode.FailedPrecondition,
        _ => StatusCode.PermissionDenied,
    }, decision.Reason));

    public static RpcException Invalid(IReadOnlyList<(string Field, string Description)> problems) =>
        FieldViolations.ToRpcException(StatusCode.InvalidArgument,
            $"{problems.Count} problem{(problems.Count == 1 ? "" : "s")} to fix: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}"))}", problems);

    public static RpcException Invalid(string field, string description) => Invalid([(field, description)]);

    /// <summary>The same answer whether the bid does not exist or belongs to someone else: a bid's existence is sealed too.</summary>
    public static RpcException BidNotFound(string bidId) => new(new Status(StatusCode.NotFound, $"Bid '{bidId}' does not exist, or is not yours."));

    public static RpcException TenderNotFound(string tenderId) => new(new Status(StatusCode.NotFound,
        $"Tender '{tenderId}' is not open to bids: it does not exist or is not published."));

    public static RpcException AlreadyBid(Guid existing) => new(new Status(StatusCode.AlreadyExists,
        $"Your organisation already has bid {existing} for this tender; revise that bid (ReviseBid) or withdraw it first."));

    public static RpcException Stale() =>
        new(new Status(StatusCode.Aborted, "The bid changed since you read it; read it again and re-apply your change."));
}
