using Grpc.Core;
using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Grpc;

/// <summary>The statuses the moderation service answers refusals with.</summary>
internal static class Refusals
{
    public static RpcException From(ModerationException refusal) => new(new Status(refusal.Kind switch
    {
        ModerationRefusal.InvalidArgument => StatusCode.InvalidArgument,
        ModerationRefusal.FailedPrecondition => StatusCode.FailedPrecondition,
        ModerationRefusal.PermissionDenied => StatusCode.PermissionDenied,
        ModerationRefusal.NotFound => StatusCode.NotFound,
        _ => StatusCode.Internal,
    }, refusal.Message));

    public static RpcException From(EvaluationAccessDecision decision) => new(new Status(decision.Outcome switch
    {
        EvaluationAccessOutcome.Hidden => StatusCode.NotFound,
        _ => StatusCode.PermissionDenied,
    }, decision.Reason));

    public static RpcException Invalid(string field, string description) =>
        Contracts.Common.V1.FieldViolations.ToRpcException(StatusCode.InvalidArgument, $"{field}: {description}", [(field, description)]);

    /// <summary>The same answer whether the evaluation does not exist or belongs to another commissioner.</summary>
    public static RpcException NotFound(string evaluationId) => new(new Status(StatusCode.NotFound, $"Evaluation {evaluationId} does not exist."));
}
