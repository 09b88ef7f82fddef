using Procurement.Awards.Domain;
using Procurement.Grpc;

namespace Procurement.Awards.Grpc;

/// <summary>The statuses the award service answers refusals with.</summary>
internal static class Refusals
{
    public static RpcException From(AwardException refusal) => new(refusal.Kind switch
    {
        AwardRefusal.InvalidArgument => StatusCode.InvalidArgument,
        AwardRefusal.FailedPrecondition => StatusCode.FailedPrecondition,
        AwardRefusal.PermissionDenied => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    }, refusal.Message);

    public static RpcException From(AwardAccessDecision decision) =>
        new(decision.Outcome == AwardAccessOutcome.Hidden ? StatusCode.NotFound : StatusCode.PermissionDenied, decision.Reason);

    public static RpcException Invalid(string field, string description) =>
        Contracts.Common.V1.Violations.Of([(field, description)]).ToRpcException(StatusCode.InvalidArgument, $"{field}: {description}");

    public static RpcException NotFound(string what) => new(StatusCode.NotFound, $"{what} does not exist.");

    public static RpcException Stale() => new(StatusCode.Aborted, "The award changed while you were acting on it; read it again and retry.");
}
