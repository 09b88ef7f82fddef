using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Procurement.Contracts.Common.V1;
using Enum = System.Enum;
using Type = System.Type;

namespace Procurement.Hosting;

/// <summary>
/// The fields a request must carry, as its .proto declares them (<c>[(google.api.field_behavior) = REQUIRED]</c>,
/// AIP-203): a text that is empty or only spaces, an unset message, an empty list or an unspecified enum is missing.
/// Fields of nested messages are checked too, named by their path ("offers[0].lot_id"). Numbers and booleans cannot
/// be told apart from their zero and are never declared required.
/// </summary>
public static class RequiredFields
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> Declared = new();

    /// <summary>The paths of the required fields the message lacks, in field order.</summary>
    public static IReadOnlyList<string> Missing(IMessage message) =>
        [.. RequestRules.Check(message).Where(v => v.Missing).Select(v => v.Path)];

    /// <summary>The fields of this message declared required.</summary>
    public static IReadOnlyList<FieldDescriptor> Of(MessageDescriptor descriptor) => Declared.GetOrAdd(descriptor, static d =>
        [.. d.Fields.InFieldNumberOrder().Where(f => f.GetOptions()?.GetExtension(FieldBehaviorExtensions.FieldBehavior)?.Contains(FieldBehavior.Required) == true)]);

    /// <summary>INVALID_ARGUMENT naming each missing or invalid field, or null when the request passes.</summary>
    public static RpcException? Refusal(IMessage request) => RequestRules.Refusal(request);
}

/// <summary>
/// Every request passes here before its handler (decisions 0022 and 0025): its required fields, and its values as
/// rules.proto declares them or by default — text is valid Unicode (no U+FFFD from invalid UTF-8), has no control
/// characters (a multi-line text may hold line breaks and tabs) and is not longer than its limit (one line of 200
/// characters by default, 100 for ids); numbers lie in their declared range (0 to 1,000,000 for int32 and 0 to 10^15
/// for int64 by default); enums are values the .proto defines; timestamps lie in the years 2000 to 2099 with valid
/// nanoseconds; durations within a century. A refusal names each field and why, never echoing the value itself.
/// </summary>
public static class RequestRules
{
    public const int DefaultMaxLength = 200;
    public const int IdMaxLength = 100;
    private const int MaxDepth = 16;
    private static readonly long EarliestSeconds = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long LatestSeconds = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private const long CenturySeconds = 100L * 366 * 24 * 3600;
    private static readonly ConcurrentDictionary<FieldDescriptor, FieldRules?> Declared = new();

    public readonly record struct Violation(string Path, string Description, bool Missing);

    /// <summary>The text rules of a field: its declared ones, else one line of 200 characters (100 for ids).</summary>
    public static (int MaxLength, bool Multiline) TextRulesOf(FieldDescriptor field)
    {
        var declared = RulesOf(field);
        var max = declared is { MaxLength: > 0 } ? declared.MaxLength : IsId(field) ? IdMaxLength : DefaultMaxLength;
        return (max, declared?.Multiline ?? false);
    }

    /// <summary>The range of a numeric field: its declared one, else 0 to 1,000,000 (32-bit) or 0 to 10^15 (64-bit).</summary>
    public static (long Min, long Max) RangeOf(FieldDescriptor field)
    {
        var declared = RulesOf(field);
        var wide = field.FieldType is FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64;
        return (declared is { HasMin: true } ? declared.Min : 0, declared is { HasMax: true } ? declared.Max : wide ? 1_000_000_000_000_000 : 1_000_000);
    }

    /// <summary>Every missing or invalid field of the message, in field order, nested ones by path.</summary>
    public static IReadOnlyList<Violation> Check(IMessage message)
    {
        var violations = new List<Violation>();
        Walk(message, "", 0, violations);
        return violations;
    }

    public static RpcException? Refusal(IMessage request)
    {
        var violations = Check(request);
        if (violations.Count == 0) return null;
        var missing = violations.Where(v => v.Missing).Select(v => v.Path).ToList();
        var invalid = violations.Where(v => !v.Missing).Select(v => v.Path).Distinct().ToList();
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"Required {(missing.Count == 1 ? "field" : "fields")} missing: {string.Join(", ", missing)}.");
        if (invalid.Count > 0) parts.Add($"Invalid {(invalid.Count == 1 ? "field" : "fields")}: {string.Join(", ", invalid)}.");
        return FieldViolations.ToRpcException(StatusCode.InvalidArgument, string.Join(" ", parts), violations.Select(v => (v.Path, v.Description)));
    }

    private static FieldRules? RulesOf(FieldDescriptor field) =>
        Declared.GetOrAdd(field, static f => f.GetOptions()?.GetExtension(RulesExtensions.Rules));

    private static bool IsId(FieldDescriptor field) =>
        field.Name is "id" or "supplier" or "commissioner" or "commissioners" || field.Name.EndsWith("_id", StringComparison.Ordinal) || field.Name.EndsWith("_ids", StringComparison.Ordinal);

    private static void Walk(IMessage message, string prefix, int depth, List<Violation> violations)
    {
        if (depth > MaxDepth) return;
        var required = RequiredFields.Of(message.Descriptor);
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (required.Contains(field) && IsMissing(field, value))
            {
                violations.Add(new Violation(path, "is required", Missing: true));
                continue;
            }
            if (field.IsMap) continue;
            if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (IList)value) CheckValue(field, item, $"{path}[{i++}]", depth, violations);
            }
            else if (value is not null && (field.FieldType != FieldType.Message || field.HasPresence == false || field.Accessor.HasValue(message)))
            {
                CheckValue(field, value, path, depth, violations);
            }
        }
    }

    private static void CheckValue(FieldDescriptor field, object value, string path, int depth, List<Violation> violations)
    {
        switch (value)
        {
            case string text:
                if (CheckText(field, text) is { } problem) violations.Add(new Violation(path, problem, Missing: false));
                break;
            case Timestamp timestamp:
                if (timestamp.Nanos is < 0 or > 999_999_999)
                    violations.Add(new Violation(path, "nanos must be between 0 and 999999999", false));
                else if (timestamp.Seconds < EarliestSeconds || timestamp.Seconds >= LatestSeconds)
                    violations.Add(new Violation(path, "must be a time in the years 2000 to 2099", false));
                break;
            case Duration duration:
                if (duration.Nanos is < -999_999_999 or > 999_999_999 || (duration.Seconds > 0 && duration.Nanos < 0) || (duration.Seconds < 0 && duration.Nanos > 0))
                    violations.Add(new Violation(path, "is not a valid duration (nanos out of range or of the other sign)", false));
                else if (Math.Abs(duration.Seconds) > CenturySeconds)
                    violations.Add(new Violation(path, "must be within a hundred years", false));
                break;
            case IMessage nested:
                if (nested.Descriptor.File.Package != "google.protobuf") Walk(nested, path + ".", depth + 1, violations);
                break;
            case Enum choice:
                if (!Enum.IsDefined(choice.GetType(), choice))
                    violations.Add(new Violation(path, $"{Convert.ToInt64(choice, CultureInfo.InvariantCulture)} is not one of the values of {field.EnumType.FullName}", false));
                break;
            case int or long or uint or ulong:
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                var (min, max) = RangeOf(field);
                if (number < min || number > max)
                    violations.Add(new Violation(path, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}", false));
                break;
        }
    }

    private static string? CheckText(FieldDescriptor field, string text)
    {
        if (text.Length == 0) return null;
        var (maxLength, multiline) = TextRulesOf(field);
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            position++;
            if (rune == Rune.ReplacementChar)
                return $"is not valid text: invalid UTF-8 (or U+FFFD) at character {position}";
            if (Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t'))
                return $"contains a control character (U+{rune.Value:X4}) at character {position}{(multiline ? "" : "; it must be one line")}";
            if (position > maxLength) return $"is longer than {maxLength} characters";
        }
        return null;
    }

    private static bool IsMissing(FieldDescriptor field, object? value) => value switch
    {
        null => true,
        IList list when field.IsRepeated => list.Count == 0,
        IDictionary map => map.Count == 0,
        string text => string.IsNullOrWhiteSpace(text),
        ByteString bytes => bytes.IsEmpty,
        Enum choice => Convert.ToInt32(choice, CultureInfo.InvariantCulture) == 0,
        _ => false,
    };
}

/// <summary>Refuses a request that lacks a required field or breaks a rule, before its handler runs (<see cref="RequestRules"/>).</summary>
public sealed class RequestRulesInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && RequestRules.Refusal(message) is { } refusal) throw refusal;
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && RequestRules.Refusal(message) is { } refusal) throw refusal;
        return continuation(request, responseStream, context);
    }
}
