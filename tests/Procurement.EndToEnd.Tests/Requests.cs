using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Hosting;
using Procurement.Identity;
using Role = Procurement.Identity.Role;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Procurement.EndToEnd.Tests;

/// <summary>Requests built from the descriptors alone, for tests that walk every method of every service.</summary>
internal static class Requests
{
    /// <summary>The services of the suite and whether the gateway routes them.</summary>
    public static readonly (ServiceDescriptor Service, bool Public)[] Services =
    [
        (TenderService.Descriptor, true), (BidService.Descriptor, true), (OpenedBidService.Descriptor, false),
        (ModerationService.Descriptor, true), (AwardService.Descriptor, true),
    ];

    /// <summary>A caller holding the first role the method declares (any signed-in caller: a procurement officer).</summary>
    public static Caller CallerFor(MethodDescriptor method)
    {
        var roles = DeclaredAccess.RolesFor(method);
        var role = roles.Count == 0 ? Role.ProcurementOfficer : roles[0];
        return role == Role.SuiteService
            ? ServiceTokens.DevelopmentCaller("moderation")
            : new Caller("p-walker", "Walker", "kent-opcc", "kent", new HashSet<Role> { role });
    }

    /// <summary>A unary call of the method with these bytes as the request (which need not come from a message).</summary>
    public static Task<byte[]> CallRawAsync(CallInvoker invoker, MethodDescriptor method, byte[] request, CallOptions options)
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name,
            Marshallers.Create<byte[]>(b => b, b => b), Marshallers.Create<byte[]>(b => b, b => b));
        return invoker.AsyncUnaryCall(call, null, options, request).ResponseAsync;
    }

    /// <summary>A message with every field set to a value its rules allow: text "x", numbers 1 (or the nearest allowed), the first named enum value, one element per list; timestamps and durations unset.</summary>
    public static IMessage Filled(MessageDescriptor descriptor, int depth = 0)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        if (depth > 4) return message;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap || field.ContainingOneof is { IsSynthetic: false }) continue;
            if (field.FieldType == FieldType.Message && field.MessageType.File.Package == "google.protobuf") continue;
            var value = Value(field, depth);
            if (value is null) continue;
            if (field.IsRepeated) ((IList)field.Accessor.GetValue(message)).Add(value);
            else field.Accessor.SetValue(message, value);
        }
        return message;
    }

    private static object? Value(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => "x",
        FieldType.Bytes => ByteString.CopyFrom(1),
        FieldType.Bool => true,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)Allowed(field),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Allowed(field),
        FieldType.UInt32 or FieldType.Fixed32 => (uint)Allowed(field),
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)Allowed(field),
        FieldType.Double => 1d,
        FieldType.Float => 1f,
        FieldType.Enum => field.EnumType.Values.Count > 1 ? Enum.ToObject(field.EnumType.ClrType, field.EnumType.Values[1].Number) : null,
        FieldType.Message => Filled(field.MessageType, depth + 1),
        _ => null,
    };

    /// <summary>1, or the nearest value the field's declared range allows.</summary>
    private static long Allowed(FieldDescriptor field)
    {
        var (min, max) = RequestRules.RangeOf(field);
        return Math.Clamp(1, min, max);
    }

    /// <summary>Every field of a filled message with its path, nested ones included ("offers[0].lot_id").</summary>
    public static IEnumerable<(string Path, FieldDescriptor Field)> Fields(IMessage message, string prefix = "")
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                if (field.IsMap) continue;
                var i = 0;
                foreach (var item in (IList)value)
                {
                    var path = $"{prefix}{field.Name}[{i++}]";
                    if (item is IMessage nested) foreach (var inner in Fields(nested, path + ".")) yield return inner;
                    else yield return (path, field);
                }
            }
            else if (value is IMessage nested)
            {
                yield return (prefix + field.Name, field);
                if (field.MessageType.File.Package != "google.protobuf") foreach (var inner in Fields(nested, $"{prefix}{field.Name}.")) yield return inner;
            }
            else
            {
                yield return (prefix + field.Name, field);
            }
        }
    }

    /// <summary>The message that holds the field at this path, and the list index if the path ends in one.</summary>
    public static (IMessage Holder, FieldDescriptor Field, int? Index) Locate(IMessage message, string path)
    {
        var parts = path.Split('.');
        var current = message;
        foreach (var part in parts[..^1])
        {
            var (name, index) = Split(part);
            var value = current.Descriptor.FindFieldByName(name).Accessor.GetValue(current);
            current = index is { } i ? (IMessage)((IList)value)[i]! : (IMessage)value;
        }
        var (last, lastIndex) = Split(parts[^1]);
        return (current, current.Descriptor.FindFieldByName(last), lastIndex);
    }

    /// <summary>Sets the value at this path (a list element, or the field).</summary>
    public static void Set(IMessage message, string path, object? value)
    {
        var (holder, field, index) = Locate(message, path);
        if (index is { } i) ((IList)field.Accessor.GetValue(holder))[i] = value;
        else if (value is null) field.Accessor.Clear(holder);
        else field.Accessor.SetValue(holder, value);
    }

    private static (string Name, int? Index) Split(string part)
    {
        var bracket = part.IndexOf('[');
        return bracket < 0 ? (part, null) : (part[..bracket], int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
