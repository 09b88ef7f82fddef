using System.Text.Json;

namespace Procurement.Web.Pages.Tenders;

/// <summary>
/// The awards a tender's OCDS release package announces (notified awards only), by lot: how a bidder finds the award
/// whose assessment summary it may read.
/// </summary>
public static class AwardNotices
{
    /// <summary>Award id by lot id, from the package's award releases.</summary>
    public static IReadOnlyDictionary<string, string> Of(string packageJson)
    {
        var byLot = new Dictionary<string, string>(StringComparer.Ordinal);
        using var package = JsonDocument.Parse(packageJson);
        if (!package.RootElement.TryGetProperty("releases", out var releases) || releases.ValueKind != JsonValueKind.Array) return byLot;
        foreach (var release in releases.EnumerateArray())
        {
            if (!release.TryGetProperty("awards", out var awards) || awards.ValueKind != JsonValueKind.Array) continue;
            foreach (var award in awards.EnumerateArray())
            {
                if (award.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && award.TryGetProperty("relatedLots", out var lots) && lots.ValueKind == JsonValueKind.Array)
                    foreach (var lot in lots.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String))
                        byLot[lot.GetString()!] = id.GetString()!;
            }
        }
        return byLot;
    }
}
