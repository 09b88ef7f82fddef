using System.Text.Json.Nodes;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// A verifier that is not ours (tests/Interop/grpc-js/receipt-verify.js: Node's crypto, written from docs/receipts.md)
/// fetches the receipt keys from the running suite's gateway (/.well-known/receipt-keys.json, no token) and checks a
/// receipt the bid service issued, then the same receipt with each field altered.
/// </summary>
public sealed class ReceiptVerifierThroughGatewayTests(ITestOutputHelper log) : ServicesTestBase
{

    [Fact]
    public async Task A_foreign_verifier_accepts_the_receipt_as_issued_and_rejects_each_altered_field()
    {
        var tender = await PublishJointTenderAsync();
        var receipt = await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("kent", 1_000_000_00)), As(KentAndEssex.VictimSupport));
        var directory = Directory.CreateTempSubdirectory("receipt-verifier-").FullName;
        var issued = JsonNode.Parse(JsonFormatter.Default.Format(receipt))!.AsObject();
        var files = new List<string> { Write(directory, "as-issued", issued) };
        var received = DateTimeOffset.Parse((string)issued["receivedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        var alterations = new Dictionary<string, JsonNode>
        {
            ["bidId"] = Guid.NewGuid().ToString(),
            ["version"] = 2,
            ["tenderId"] = Guid.NewGuid().ToString(),
            ["supplier"] = "catch-22",
            ["receivedAt"] = received.AddSeconds(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["digestSha256"] = new string('0', 64),
            ["keyId"] = "k9",
            ["signature"] = Convert.ToBase64String(new byte[64]),
        };
        foreach (var (field, value) in alterations)
        {
            var altered = issued.DeepClone().AsObject();
            altered[field] = value;
            files.Add(Write(directory, field, altered));
        }

        var (code, output) = await NodePeer.RunAsync(log, "receipt-verify.js", [$"--keys={GatewayHttp.BaseAddress}.well-known/receipt-keys.json", .. files]);

        Assert.Equal(1, code);
        Assert.Contains("keys: 1 from http://", output);
        Assert.Matches(@"VALID as-issued\.json: signature verifies with key development; bid [0-9a-f-]{36} version 1 of victim-support", output);
        foreach (var field in alterations.Keys.Where(f => f != "keyId"))
            Assert.Contains($"INVALID {field}.json: signature does not verify with key development", output);
        Assert.Contains("INVALID keyId.json: key_id 'k9' is not in the key set (development)", output);
        Directory.Delete(directory, recursive: true);
    }

    private static string Write(string directory, string name, JsonNode receipt)
    {
        var path = Path.Combine(directory, name + ".json");
        File.WriteAllText(path, receipt.ToJsonString());
        return path;
    }
}
