using Procurement.Awards.Domain;
using Grpc.Core;

namespace Procurement.Awards.Grpc;

/// <summary>The statuses the award service answers refusals with.</summary>
internal static class Refusals
{
    public static RpcException From(AwardException refusal) => new(new Status(refusal.Kind switch
    {
        AwardRefusal.InvalidArgument => StatusCode.InvalidArgument,
        AwardRefusal.FailedPrecondition => StatusCode.FailedPrecondition,
        AwardRefusal.PermissionDenied => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    }, refusal.Message));

    public static RpcException From(AwardAccessDecision decision) =>
        new(new Status(decision.Outcome == AwardAccessOutcome.Hidden ? StatusCode.NotFound : StatusCode.PermissionDenied, decision.Reason));

    public static RpcException Invalid(string field, string description) =>
        Contracts.Common.V1.FieldViolations.ToRpcException(StatusCode.InvalidArgument, $"{field}: {description}", [(field, description)]);

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, $"{what} does not exist."));

    public static RpcException Stale() => new(new Status(StatusCode.Aborted, "The award changed while you were acting on it; read it again and retry."));
}
