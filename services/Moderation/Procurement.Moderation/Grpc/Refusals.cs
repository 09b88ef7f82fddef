using Procurement.Grpc;
using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Grpc;

/// <summary>The statuses the moderation service answers refusals with.</summary>
internal static class Refusals
{
    public static RpcException From(ModerationException refusal) => new(refusal.Kind switch
    {
        ModerationRefusal.InvalidArgument => StatusCode.InvalidArgument,
        ModerationRefusal.FailedPrecondition => StatusCode.FailedPrecondition,
        ModerationRefusal.PermissionDenied => StatusCode.PermissionDenied,
        ModerationRefusal.NotFound => StatusCode.NotFound,
        _ => StatusCode.Internal,
    }, refusal.Message);

    public static RpcException From(EvaluationAccessDecision decision) => new(decision.Outcome switch
    {
        EvaluationAccessOutcome.Hidden => StatusCode.NotFound,
        _ => StatusCode.PermissionDenied,
    }, decision.Reason);

    public static RpcException Invalid(string field, string description) =>
        Contracts.Common.V1.Violations.Of([(field, description)]).ToRpcException(StatusCode.InvalidArgument, $"{field}: {description}");

    /// <summary>The same answer whether the evaluation does not exist or belongs to another commissioner.</summary>
    public static RpcException NotFound(string evaluationId) => new(StatusCode.NotFound, $"Evaluation {evaluationId} does not exist.");
}
