using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Procurement.Contracts.Common.V1;
using Procurement.Hosting;
using Procurement.Testing;
using Xunit.Abstractions;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// Bad input never reaches a handler as an exception (issue 14): every field of every request of every service, one
/// bad value at a time, answers INVALID_ARGUMENT naming that field; random and mutated well-framed messages never
/// answer UNKNOWN or INTERNAL, and no service logs a handler failure.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output) : ServicesTestBase
{
    /// <summary>A class of bad value, and whether it applies to a field.</summary>
    private sealed record BadClass(string Name, Func<FieldDescriptor, bool> AppliesTo, Func<FieldDescriptor, object> Value, bool InvalidUtf8 = false);

    private static readonly BadClass[] Classes =
    [
        new("NUL character", f => f.FieldType == FieldType.String, _ => "a\0b"),
        new("control character", f => f.FieldType == FieldType.String, _ => "bell\u0007"),
        new("line break in a one-line text", f => f.FieldType == FieldType.String && !RequestRules.TextRulesOf(f).Multiline, _ => "two\nlines"),
        new("one character over the limit", f => f.FieldType == FieldType.String, f => new string('a', RequestRules.TextRulesOf(f).MaxLength + 1)),
        new("10,000 characters", f => f.FieldType == FieldType.String && RequestRules.TextRulesOf(f).MaxLength < 10_000, _ => new string('a', 10_000)),
        new("invalid UTF-8", f => f.FieldType == FieldType.String, _ => Marker, InvalidUtf8: true),
        new("int32 max", f => f.FieldType == FieldType.Int32 && RequestRules.RangeOf(f).Max < int.MaxValue, _ => int.MaxValue),
        new("-1", f => f.FieldType is FieldType.Int32 && RequestRules.RangeOf(f).Min >= 0, _ => -1),
        new("int64 -1", f => f.FieldType is FieldType.Int64 && RequestRules.RangeOf(f).Min >= 0, _ => -1L),
        new("year 10000", f => f.FieldType == FieldType.Message && f.MessageType.FullName == Timestamp.Descriptor.FullName,
            _ => new Timestamp { Seconds = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + 86_400 * 2 }),
        new("nanos -1", f => f.FieldType == FieldType.Message && f.MessageType.FullName == Timestamp.Descriptor.FullName,
            _ => new Timestamp { Seconds = 1_700_000_000, Nanos = -1 }),
        new("unknown enum value", f => f.FieldType == FieldType.Enum, f => System.Enum.ToObject(f.EnumType.ClrType, 987)),
    ];

    private const string Marker = "QQQQ";

    [Fact]
    public async Task Every_field_of_every_request_refuses_each_class_of_bad_value_naming_the_field()
    {
        var outcomes = new Dictionary<(string Class, StatusCode Status), int>();
        var wrong = new List<string>();
        var calls = 0;
        foreach (var (service, _) in Requests.Services)
        foreach (var method in service.Methods)
        {
            var invoker = Invoker(service);
            var template = Requests.Filled(method.InputType);
            foreach (var (path, field) in Requests.Fields(template).ToList())
            foreach (var bad in Classes.Where(c => c.AppliesTo(field)))
            {
                var request = Requests.Filled(method.InputType);
                Requests.Set(request, path, bad.Value(field));
                var bytes = request.ToByteArray();
                if (bad.InvalidUtf8) bytes = WithInvalidUtf8(bytes);
                var (status, violations) = await OutcomeAsync(invoker, method, bytes);
                calls++;
                outcomes[(bad.Name, status)] = outcomes.GetValueOrDefault((bad.Name, status)) + 1;
                if (status != StatusCode.InvalidArgument || !violations.Contains(path))
                    wrong.Add($"{method.FullName} {path} = {bad.Name}: {status} [{string.Join(", ", violations)}]");
            }
        }

        foreach (var group in outcomes.GroupBy(o => o.Key.Class))
            output.WriteLine($"{group.Key,-32} {string.Join(", ", group.Select(o => $"{o.Key.Status} {o.Value}"))}");
        output.WriteLine($"{calls} calls; {wrong.Count} not INVALID_ARGUMENT naming the field");
        foreach (var line in wrong.Take(40)) output.WriteLine(line);
        Assert.Empty(wrong);
        Assert.Empty(HandlerFailures.Entries);
    }

    [Fact]
    public async Task Random_and_mutated_well_framed_messages_never_answer_UNKNOWN_or_INTERNAL()
    {
        var seed = Environment.GetEnvironmentVariable("PROCUREMENT_FUZZ_SEED") is { } configured ? int.Parse(configured, System.Globalization.CultureInfo.InvariantCulture) : 20261203;
        var random = new Random(seed);
        var statuses = new Dictionary<StatusCode, int>();
        var bad = new List<string>();
        var sent = 0;
        foreach (var (service, _) in Requests.Services)
        foreach (var method in service.Methods)
        {
            var invoker = Invoker(service);
            for (var round = 0; round < 40; round++)
            {
                var bytes = round % 2 == 0 ? RandomMessage(method.InputType, random).ToByteArray() : Mutated(Requests.Filled(method.InputType).ToByteArray(), random);
                if (!WellFramed(method.InputType, bytes)) continue;
                var (status, _) = await OutcomeAsync(invoker, method, bytes);
                sent++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is StatusCode.Unknown or StatusCode.Internal) bad.Add($"{method.FullName} round {round}: {status} ({Convert.ToBase64String(bytes)[..Math.Min(80, bytes.Length)]}…)");
            }
        }
        output.WriteLine($"seed {seed}: {sent} well-framed messages; {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        foreach (var line in bad.Take(20)) output.WriteLine(line);
        Assert.Empty(bad);
        Assert.Empty(HandlerFailures.Entries);
    }

    private CallInvoker Invoker(Google.Protobuf.Reflection.ServiceDescriptor service) => service.Name switch
    {
        "TenderService" => DirectToTenders,
        "BidService" or "OpenedBidService" => DirectToBids,
        "ModerationService" => DirectToModeration,
        _ => DirectToAwards,
    };

    private async Task<(StatusCode Status, IReadOnlyList<string> Violations)> OutcomeAsync(CallInvoker invoker, MethodDescriptor method, byte[] request)
    {
        try
        {
            await Requests.CallRawAsync(invoker, method, request, As(Requests.CallerFor(method)));
            return (StatusCode.OK, []);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, [.. FieldViolations.Of(e).Select(v => v.Field)]);
        }
    }

    /// <summary>The marker's bytes replaced by bytes that are not UTF-8 (a lone continuation byte, an overlong form): same length, so the framing holds.</summary>
    private static byte[] WithInvalidUtf8(byte[] bytes)
    {
        var marker = Encoding.ASCII.GetBytes(Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0) throw new InvalidOperationException("marker not found");
        var copy = (byte[])bytes.Clone();
        copy[at] = 0x80; copy[at + 1] = 0xC0; copy[at + 2] = 0xAF; copy[at + 3] = 0xFF;
        return copy;
    }

    private static bool WellFramed(MessageDescriptor descriptor, byte[] bytes)
    {
        try
        {
            descriptor.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static byte[] Mutated(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < 1 + random.Next(4) && copy.Length > 0; i++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static IMessage RandomMessage(MessageDescriptor descriptor, Random random, int depth = 0)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap || field.ContainingOneof is { IsSynthetic: false } || random.Next(4) == 0) continue;
            var count = field.IsRepeated ? random.Next(3) : 1;
            for (var i = 0; i < count; i++)
            {
                object? value = field.FieldType switch
                {
                    FieldType.String => RandomText(random),
                    FieldType.Bytes => ByteString.CopyFrom([.. Enumerable.Range(0, random.Next(8)).Select(_ => (byte)random.Next(256))]),
                    FieldType.Bool => random.Next(2) == 0,
                    FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => random.Next(3) switch { 0 => random.Next(-5, 20), 1 => int.MaxValue, _ => random.Next(int.MinValue, int.MaxValue) },
                    FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => random.Next(2) == 0 ? random.NextInt64(-5, 2_000_000_00) : random.NextInt64(long.MinValue, long.MaxValue),
                    FieldType.UInt32 or FieldType.Fixed32 => (uint)random.Next(),
                    FieldType.UInt64 or FieldType.Fixed64 => (ulong)random.NextInt64(),
                    FieldType.Double => random.NextDouble() * 1e9,
                    FieldType.Float => (float)random.NextDouble(),
                    FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, random.Next(-2, 8)),
                    FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName =>
                        new Timestamp { Seconds = random.NextInt64(-100_000_000_000, 300_000_000_000), Nanos = random.Next(-5, 1_000_000_005) },
                    FieldType.Message when field.MessageType.FullName == Duration.Descriptor.FullName =>
                        new Duration { Seconds = random.NextInt64(-10_000_000_000, 10_000_000_000), Nanos = random.Next(-1_000_000_000, 1_000_000_000) },
                    FieldType.Message when depth < 4 => RandomMessage(field.MessageType, random, depth + 1),
                    _ => null,
                };
                if (value is null) continue;
                if (field.IsRepeated) ((System.Collections.IList)field.Accessor.GetValue(message)).Add(value);
                else field.Accessor.SetValue(message, value);
            }
        }
        return message;
    }

    private static string RandomText(Random random) => random.Next(6) switch
    {
        0 => Guid.NewGuid().ToString(),
        1 => new string('x', random.Next(0, 400)),
        2 => string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => (char)random.Next(0, 0x20))),
        3 => "kent",
        4 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0xD7FF))),
        _ => "",
    };
}
