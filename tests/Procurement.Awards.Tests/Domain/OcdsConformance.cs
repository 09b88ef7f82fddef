using System.Globalization;
using System.Text.Json.Nodes;

namespace Procurement.Awards.Tests.Domain;

/// <summary>
/// The OCDS 1.1 field definitions the package must meet, written out as checks (release schema 1.1, lots and
/// contract-buyer extensions): required release fields; Value as a number with an ISO 4217 code; Period as
/// date-times with start ≤ end ≤ maxExtentDate; parties with unique ids built as {scheme}-{id} when an identifier
/// is given; every organisation reference naming a party by id and matching name; Amendment fields; codelists.
/// Returns every problem found, so a failing test says all that is wrong at once.
/// </summary>
internal static class OcdsConformance
{
    private static readonly string[] TenderStatuses = ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"];
    private static readonly string[] AwardStatuses = ["pending", "active", "cancelled", "unsuccessful"];
    private static readonly string[] ContractStatuses = ["pending", "active", "cancelled", "terminated"];
    private static readonly string[] PartyRoles = ["buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer", "payer", "payee", "reviewBody", "interestedParty"];
    private static readonly string[] Tags = ["planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate", "tenderCancellation",
        "award", "awardUpdate", "awardCancellation", "contract", "contractUpdate", "contractAmendment", "implementation", "implementationUpdate",
        "contractTermination", "compiled"];

    public static IReadOnlyList<string> Problems(JsonObject package)
    {
        var problems = new List<string>();
        if ((string?)package["version"] != "1.1") problems.Add("package.version is not \"1.1\"");
        foreach (var field in new[] { "uri", "publishedDate", "publisher", "releases" })
            if (package[field] is null) problems.Add($"package.{field} is missing");
        DateTime(package["publishedDate"], "package.publishedDate", problems);
        var ids = new HashSet<string>();
        foreach (var (release, r) in package["releases"]!.AsArray().Select((x, i) => (x!.AsObject(), $"releases[{i}]")))
        {
            foreach (var field in new[] { "ocid", "id", "date", "tag", "initiationType" })
                if (release[field] is null) problems.Add($"{r}.{field} is required");
            if (!ids.Add((string)release["id"]!)) problems.Add($"{r}.id {(string?)release["id"]} is not unique");
            DateTime(release["date"], $"{r}.date", problems);
            foreach (var tag in release["tag"]!.AsArray()) Code(Tags, tag, $"{r}.tag", problems);
            Release(release, r, problems);
        }
        return problems;
    }

    private static void Release(JsonObject release, string r, List<string> problems)
    {
        var parties = release["parties"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        foreach (var duplicate in parties.GroupBy(p => (string?)p["id"]).Where(g => g.Count() > 1))
            problems.Add($"{r}.parties has id {duplicate.Key} more than once");
        foreach (var (party, i) in parties.Select((p, i) => (p, i)))
        {
            var path = $"{r}.parties[{i}]";
            if (string.IsNullOrWhiteSpace((string?)party["name"])) problems.Add($"{path}.name is empty");
            foreach (var role in party["roles"]!.AsArray()) Code(PartyRoles, role, $"{path}.roles", problems);
            if (party["identifier"] is JsonObject identifier)
            {
                if (string.IsNullOrWhiteSpace((string?)identifier["scheme"]) || string.IsNullOrWhiteSpace((string?)identifier["id"]))
                    problems.Add($"{path}.identifier needs scheme and id");
                else if ((string?)party["id"] != $"{identifier["scheme"]}-{identifier["id"]}")
                    problems.Add($"{path}.id {(string?)party["id"]} is not built as {{identifier.scheme}}-{{identifier.id}}");
            }
            if (party["address"] is JsonObject address && address.Count == 0) problems.Add($"{path}.address is empty");
        }
        void Reference(JsonNode? reference, string path)
        {
            if (reference is null) return;
            var party = parties.FirstOrDefault(p => (string?)p["id"] == (string?)reference["id"]);
            if (party is null) problems.Add($"{path} names {(string?)reference["id"]}, which is not in {r}.parties");
            else if ((string?)party["name"] != (string?)reference["name"]) problems.Add($"{path}.name does not match its party's name");
        }
        Reference(release["buyer"], $"{r}.buyer");

        if (release["tender"] is JsonObject tender)
        {
            if (tender["id"] is null) problems.Add($"{r}.tender.id is required");
            Code(TenderStatuses, tender["status"], $"{r}.tender.status", problems);
            Reference(tender["procuringEntity"], $"{r}.tender.procuringEntity");
            foreach (var (t, i) in (tender["tenderers"]?.AsArray() ?? []).Select((t, i) => (t, i))) Reference(t, $"{r}.tender.tenderers[{i}]");
            DateTime(tender["tenderPeriod"]?["endDate"], $"{r}.tender.tenderPeriod.endDate", problems);
            foreach (var (lot, i) in tender["lots"]!.AsArray().Select((l, i) => (l!, $"{r}.tender.lots[{i}]")))
            {
                if (lot["id"] is null) problems.Add($"{i}.id is required");
                Code(TenderStatuses, lot["status"], $"{i}.status", problems);
                Value(lot["value"], $"{i}.value", problems);
                Value(lot["annualValue"], $"{i}.annualValue", problems);
                Period(lot["contractPeriod"], $"{i}.contractPeriod", problems);
            }
            Amendments(tender["amendments"], $"{r}.tender.amendments", problems);
        }
        foreach (var (award, a) in (release["awards"]?.AsArray() ?? []).Select((x, i) => (x!, $"{r}.awards[{i}]")))
        {
            if (award["id"] is null) problems.Add($"{a}.id is required");
            Code(AwardStatuses, award["status"], $"{a}.status", problems);
            DateTime(award["date"], $"{a}.date", problems);
            Value(award["value"], $"{a}.value", problems);
            Period(award["contractPeriod"], $"{a}.contractPeriod", problems);
            foreach (var (s, i) in award["suppliers"]!.AsArray().Select((s, i) => (s, i))) Reference(s, $"{a}.suppliers[{i}]");
            foreach (var (b, i) in award["buyers"]!.AsArray().Select((b, i) => (b, i))) Reference(b, $"{a}.buyers[{i}]");
        }
        foreach (var (contract, c) in (release["contracts"]?.AsArray() ?? []).Select((x, i) => (x!, $"{r}.contracts[{i}]")))
        {
            if (contract["id"] is null || contract["awardID"] is null) problems.Add($"{c} needs id and awardID");
            Code(ContractStatuses, contract["status"], $"{c}.status", problems);
            Value(contract["value"], $"{c}.value", problems);
            Period(contract["period"], $"{c}.period", problems);
            Reference(contract["buyer"], $"{c}.buyer");
            if (contract["dateSigned"] is { } signed) DateTime(signed, $"{c}.dateSigned", problems);
            Amendments(contract["amendments"], $"{c}.amendments", problems);
        }
    }

    private static void Amendments(JsonNode? amendments, string path, List<string> problems)
    {
        foreach (var (amendment, a) in (amendments?.AsArray() ?? []).Select((x, i) => (x!, $"{path}[{i}]")))
        {
            foreach (var field in new[] { "id", "date", "rationale", "description", "amendsReleaseID", "releaseID" })
                if (string.IsNullOrWhiteSpace((string?)amendment[field])) problems.Add($"{a}.{field} is empty");
            DateTime(amendment["date"], $"{a}.date", problems);
        }
    }

    private static void Value(JsonNode? value, string path, List<string> problems)
    {
        if (value is null) return;
        if (value["amount"] is not JsonValue amount || !amount.TryGetValue<decimal>(out _)) problems.Add($"{path}.amount is not a number");
        if ((string?)value["currency"] is not { Length: 3 } currency || currency.Any(ch => !char.IsAsciiLetterUpper(ch)))
            problems.Add($"{path}.currency is not an ISO 4217 code");
    }

    private static void Period(JsonNode? period, string path, List<string> problems)
    {
        if (period is null) return;
        var start = DateTime(period["startDate"], $"{path}.startDate", problems);
        var end = DateTime(period["endDate"], $"{path}.endDate", problems);
        var max = period["maxExtentDate"] is { } m ? DateTime(m, $"{path}.maxExtentDate", problems) : null;
        if (start > end) problems.Add($"{path} ends before it starts");
        if (max is not null && end > max) problems.Add($"{path} ends after its maxExtentDate");
    }

    private static DateTimeOffset? DateTime(JsonNode? node, string path, List<string> problems)
    {
        if (node is null) return null;
        if (DateTimeOffset.TryParseExact((string?)node, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        problems.Add($"{path} is not an RFC 3339 date-time");
        return null;
    }

    private static void Code(string[] codes, JsonNode? code, string path, List<string> problems)
    {
        if (!codes.Contains((string?)code)) problems.Add($"{path} \"{(string?)code}\" is not in its codelist");
    }
}
