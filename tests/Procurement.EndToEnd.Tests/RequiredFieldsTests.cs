using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Hosting;
using Procurement.Identity;
using Procurement.Testing;
using Role = Procurement.Identity.Role;
using Xunit.Abstractions;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// Every request message of every service, each of its required fields left out in turn (the rest filled in), sent
/// to the service itself and through the gateway: INVALID_ARGUMENT naming exactly that field, before any handler runs.
/// </summary>
public sealed class RequiredFieldsTests(ITestOutputHelper output) : ServicesTestBase
{
    [Fact]
    public async Task A_missing_required_field_is_INVALID_ARGUMENT_naming_it_on_every_method()
    {
        var targets = new (ServiceDescriptor Service, CallInvoker Direct, bool Public)[]
        {
            (TenderService.Descriptor, DirectToTenders, true),
            (BidService.Descriptor, DirectToBids, true),
            (OpenedBidService.Descriptor, DirectToBids, false),
            (ModerationService.Descriptor, DirectToModeration, true),
            (AwardService.Descriptor, DirectToAwards, true),
        };
        var gateway = GatewayChannel.WithDeadlinesRequired();
        var walked = 0;
        foreach (var (service, direct, isPublic) in targets)
        foreach (var method in service.Methods)
        {
            var paths = RequiredPaths(Filled(method.InputType, 0), "").ToList();
            output.WriteLine($"{service.Name}.{method.Name}: {(paths.Count == 0 ? "(no required field)" : string.Join(", ", paths))}");
            foreach (var path in paths)
            {
                var request = Filled(method.InputType, 0);
                Clear(request, path);
                foreach (var (entry, invoker) in isPublic ? new[] { ("direct", direct), ("gateway", gateway) } : [("direct", direct)])
                {
                    var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(invoker, method, request, CallerFor(method)));
                    Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{method.FullName} without {path} via {entry}: {error.Status}");
                    Assert.Equal(path, Assert.Single(FieldViolations.Of(error)).Field);
                    Assert.Equal($"Required field missing: {path}.", error.Status.Detail);
                    walked++;
                }
            }
        }
        output.WriteLine($"{walked} calls refused as expected.");
        Assert.True(walked > 100, $"only {walked} calls");
    }

    /// <summary>A caller holding the first role the method declares (any signed-in caller: a procurement officer).</summary>
    private static Caller CallerFor(MethodDescriptor method)
    {
        var roles = DeclaredAccess.RolesFor(method);
        var role = roles.Count == 0 ? Role.ProcurementOfficer : roles[0];
        return role == Role.SuiteService
            ? ServiceTokens.DevelopmentCaller("moderation")
            : new Caller("p-walker", "Walker", "kent-opcc", "kent", new HashSet<Role> { role });
    }

    private Task<IMessage> CallAsync(CallInvoker invoker, MethodDescriptor method, IMessage request, Caller caller)
    {
        var call = new Method<IMessage, IMessage>(MethodType.Unary, method.Service.FullName, method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes)));
        return invoker.AsyncUnaryCall(call, null, As(caller), request).ResponseAsync;
    }

    /// <summary>A message with every field set: text "x", numbers 1, the first named enum value, one element per list.</summary>
    private static IMessage Filled(MessageDescriptor descriptor, int depth)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        if (depth > 4) return message;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap || field.ContainingOneof is { IsSynthetic: false }) continue;
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
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => 1,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 1L,
        FieldType.UInt32 or FieldType.Fixed32 => 1u,
        FieldType.UInt64 or FieldType.Fixed64 => 1ul,
        FieldType.Double => 1d,
        FieldType.Float => 1f,
        FieldType.Enum => field.EnumType.Values.Count > 1 ? Enum.ToObject(field.Accessor.Descriptor.EnumType.ClrType, field.EnumType.Values[1].Number) : null,
        FieldType.Message => Filled(field.MessageType, depth + 1),
        _ => null,
    };

    /// <summary>The paths of the required fields of a filled message, nested ones included ("offers[0].lot_id").</summary>
    private static IEnumerable<string> RequiredPaths(IMessage message, string prefix)
    {
        var required = RequiredFields.Of(message.Descriptor);
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (required.Contains(field)) yield return prefix + field.Name;
            if (field.FieldType != FieldType.Message || field.IsMap || field.MessageType.File.Package == "google.protobuf") continue;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (IList)value)
                foreach (var path in RequiredPaths((IMessage)item, $"{prefix}{field.Name}[{i++}]."))
                    yield return path;
            }
            else if (value is IMessage nested)
            {
                foreach (var path in RequiredPaths(nested, $"{prefix}{field.Name}.")) yield return path;
            }
        }
    }

    /// <summary>Clears the field at this path ("offers[0].lot_id").</summary>
    private static void Clear(IMessage message, string path)
    {
        var parts = path.Split('.');
        var current = message;
        foreach (var part in parts[..^1])
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            var field = current.Descriptor.FindFieldByName(name);
            var value = field.Accessor.GetValue(current);
            current = bracket < 0 ? (IMessage)value : (IMessage)((IList)value)[int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }
        current.Descriptor.FindFieldByName(parts[^1]).Accessor.Clear(current);
    }
}
