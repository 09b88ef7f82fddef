using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;

namespace Procurement.Contracts.Common.V1;

/// <summary>
/// Refusals about fields of a request, in gRPC's rich error model: a google.rpc.Status carrying a
/// google.rpc.BadRequest, sent in the "grpc-status-details-bin" trailer, which any gRPC client can decode.
/// </summary>
public static class FieldViolations
{
    /// <summary>An RpcException whose status message is <paramref name="message"/> and whose details name each field.</summary>
    public static RpcException ToRpcException(StatusCode code, string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new FieldViolation { Field = v.Field, Description = v.Description }));
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (badRequest.FieldViolations.Count > 0) status.Details.Add(Any.Pack(badRequest));
        return status.ToRpcException();
    }

    /// <summary>The field violations a refusal carried, or none.</summary>
    public static IReadOnlyList<FieldViolation> Of(RpcException refusal) =>
        refusal.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? (IReadOnlyList<FieldViolation>)[];
}
