using System.Text.Json;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Receipts;

namespace Procurement.Cli.Calls;

/// <summary>
/// `bid verify --offline`: a receipt's signature checked here (docs/receipts.md), against a JSON Web Key Set (a file or a
/// URL) or the keys the bid service publishes; the bid service is not asked about the bid. The answer has the shape of
/// VerifyReceipt's, so both print alike.
/// </summary>
internal static class ReceiptVerification
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public static async Task<VerifyReceiptResponse> OfflineAsync(Session session, Receipt receipt, string? keys)
    {
        var check = (await KeysAsync(session, keys)).Verify(receipt);
        var response = new VerifyReceiptResponse
        {
            Matches = check.Valid,
            Explanation = check.Valid
                ? $"The bid service signed exactly these fields ({check.Explanation}) Checked offline: whether it still holds this version, ask it (without --offline)."
                : check.Explanation,
        };
        if (!check.Valid) response.Differences.Add(new ReceiptDifference { Field = "signature", OnReceipt = receipt.KeyId, Explanation = check.Explanation });
        return response;
    }

    private static async Task<ReceiptKeySet> KeysAsync(Session session, string? keys)
    {
        if (keys is null) return ReceiptKeySet.From(await session.CallAnonymousAsync(o => session.Bids.ListReceiptKeysAsync(new ListReceiptKeysRequest(), o)));
        string json;
        if (Uri.TryCreate(keys, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            using var http = new HttpClient { Timeout = FetchTimeout };
            try
            {
                json = await http.GetStringAsync(url);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new CliException(ExitCodes.Unreachable, $"The key set at {url} could not be fetched: {e.Message}");
            }
        }
        else
        {
            if (!File.Exists(keys)) throw CliException.Usage($"--keys: no file '{keys}'.");
            json = await File.ReadAllTextAsync(keys);
        }
        try
        {
            return ReceiptKeySet.FromJwks(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw CliException.Usage($"--keys: {keys} is not a JSON Web Key Set of EC P-256 keys: {e.Message}");
        }
    }
}
