using Google.Protobuf;
using Procurement.Grpc;

namespace Procurement.Contracts.Common.V1;

/// <summary>How every service sends field violations (common.proto): in a binary trailer beside the status.</summary>
public sealed partial class Violations
{
    public const string TrailerKey = "procurement-violations-bin";

    public static Violations Of(IEnumerable<(string Field, string Description)> violations)
    {
        var message = new Violations();
        message.Violations_.AddRange(violations.Select(v => new FieldViolation { Field = v.Field, Description = v.Description }));
        return message;
    }

    /// <summary>An RpcException whose message lists the violations and whose trailer carries them field by field.</summary>
    public RpcException ToRpcException(StatusCode code, string message)
    {
        var trailers = new Metadata();
        if (Violations_.Count > 0) trailers.Add(TrailerKey, this.ToByteArray());
        return new RpcException(code, message, trailers);
    }

    /// <summary>The violations a refusal carried, or none.</summary>
    public static IReadOnlyList<FieldViolation> FromTrailers(Metadata trailers) =>
        trailers.GetValueBytes(TrailerKey) is { } bytes ? Parser.ParseFrom(bytes).Violations_ : [];
}
