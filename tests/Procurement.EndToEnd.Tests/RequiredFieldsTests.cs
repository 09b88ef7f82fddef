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
            var paths = RequiredPaths(Requests.Filled(method.InputType), "").ToList();
            output.WriteLine($"{service.Name}.{method.Name}: {(paths.Count == 0 ? "(no required field)" : string.Join(", ", paths))}");
            foreach (var path in paths)
            {
                var request = Requests.Filled(method.InputType);
                Clear(request, path);
                foreach (var (entry, invoker) in isPublic ? new[] { ("direct", direct), ("gateway", gateway) } : [("direct", direct)])
                {
                    var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(invoker, method, request, Requests.CallerFor(method)));
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

    private Task<IMessage> CallAsync(CallInvoker invoker, MethodDescriptor method, IMessage request, Caller caller)
    {
        var call = new Method<IMessage, IMessage>(MethodType.Unary, method.Service.FullName, method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes)));
        return invoker.AsyncUnaryCall(call, null, As(caller), request).ResponseAsync;
    }

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

    private static void Clear(IMessage message, string path) => Requests.Set(message, path, null);
}
