using System.Collections;
using System.Collections.Concurrent;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Procurement.Contracts.Common.V1;

namespace Procurement.Hosting;

/// <summary>
/// The fields a request must carry, as its .proto declares them (<c>[(google.api.field_behavior) = REQUIRED]</c>,
/// AIP-203), checked before any handler runs: a text that is empty or only spaces, an unset message, an empty list or
/// an unspecified enum is missing. Fields of nested messages are checked too, named by their path
/// ("offers[0].lot_id"). Numbers and booleans cannot be told apart from their zero and are never declared required.
/// </summary>
public static class RequiredFields
{
    private const int MaxDepth = 16;
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> Declared = new();

    /// <summary>The paths of the required fields the message lacks, in field order.</summary>
    public static IReadOnlyList<string> Missing(IMessage message)
    {
        var missing = new List<string>();
        Walk(message, "", 0, missing);
        return missing;
    }

    /// <summary>The fields of this message declared required.</summary>
    public static IReadOnlyList<FieldDescriptor> Of(MessageDescriptor descriptor) => Declared.GetOrAdd(descriptor, static d =>
        [.. d.Fields.InFieldNumberOrder().Where(f => f.GetOptions()?.GetExtension(FieldBehaviorExtensions.FieldBehavior)?.Contains(FieldBehavior.Required) == true)]);

    private static void Walk(IMessage message, string prefix, int depth, List<string> missing)
    {
        if (depth > MaxDepth) return;
        var descriptor = message.Descriptor;
        var required = Of(descriptor);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (required.Contains(field) && IsMissing(field, value))
            {
                missing.Add(path);
                continue;
            }
            if (field.FieldType != FieldType.Message || field.IsMap) continue;
            if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (IList)value) Walk((IMessage)item, $"{path}[{i++}].", depth + 1, missing);
            }
            else if (value is IMessage nested && !IsWellKnown(field.MessageType))
            {
                Walk(nested, path + ".", depth + 1, missing);
            }
        }
    }

    private static bool IsMissing(FieldDescriptor field, object? value) => value switch
    {
        null => true,
        IList list when field.IsRepeated => list.Count == 0,
        IDictionary map => map.Count == 0,
        string text => string.IsNullOrWhiteSpace(text),
        ByteString bytes => bytes.IsEmpty,
        Enum choice => Convert.ToInt32(choice, System.Globalization.CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static bool IsWellKnown(MessageDescriptor descriptor) => descriptor.File.Package == "google.protobuf";

    /// <summary>INVALID_ARGUMENT naming each missing field, or null when none is missing.</summary>
    public static RpcException? Refusal(IMessage request)
    {
        var missing = Missing(request);
        return missing.Count == 0
            ? null
            : FieldViolations.ToRpcException(StatusCode.InvalidArgument,
                $"Required {(missing.Count == 1 ? "field" : "fields")} missing: {string.Join(", ", missing)}.",
                missing.Select(path => (path, "is required")));
    }
}

/// <summary>Refuses a request that lacks a required field before its handler runs (<see cref="RequiredFields"/>).</summary>
public sealed class RequiredFieldsInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && RequiredFields.Refusal(message) is { } refusal) throw refusal;
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && RequiredFields.Refusal(message) is { } refusal) throw refusal;
        return continuation(request, responseStream, context);
    }
}
