using Grpc.Core;
using Procurement.Tenders.Domain;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Tenders.Grpc;

/// <summary>The statuses the tender service answers refusals with.</summary>
internal static class Refusals
{
    public static RpcException From(DomainException refusal)
    {
        var code = refusal.Kind switch
        {
            RefusalKind.InvalidArgument => StatusCode.InvalidArgument,
            RefusalKind.FailedPrecondition => StatusCode.FailedPrecondition,
            RefusalKind.NotFound => StatusCode.NotFound,
            _ => StatusCode.Internal,
        };
        return Common.FieldViolations.ToRpcException(code, refusal.Message, refusal.Violations.Select(v => (v.Field, v.Description)));
    }

    public static RpcException Invalid(string field, string description) =>
        From(DomainException.Invalid([new Violation(field, description)]));

    /// <summary>The same answer whether the tender does not exist or the caller may not see it: existence must not leak.</summary>
    public static RpcException NotFound(string tenderId) => new(new Status(StatusCode.NotFound, $"Tender '{tenderId}' does not exist."));

    /// <summary>A clarification, like its tender, is not found by whoever may not see the tender.</summary>
    public static RpcException ClarificationNotFound(string clarificationId) =>
        new(new Status(StatusCode.NotFound, $"Clarification '{clarificationId}' does not exist."));

    public static RpcException Stale(string what = "tender") =>
        new(new Status(StatusCode.Aborted, $"The {what} changed since you read it; read it again and re-apply your change."));

    public static RpcException NotProcuringEntity(string action = "change it") =>
        new(new Status(StatusCode.PermissionDenied, $"Only procurement officers of the tender's procuring entity may {action}."));
}
