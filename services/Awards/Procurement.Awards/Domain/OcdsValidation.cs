namespace Procurement.Awards.Domain;

/// <summary>What the package builder refuses to publish (ArgumentException): input that contradicts itself or OCDS's codelists.</summary>
internal static class OcdsValidation
{
    private static readonly string[] TenderStatuses = ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"];
    private static readonly string[] LotStatuses = ["planning", "planned", "active", "cancelled", "unsuccessful", "complete"];
    private static readonly string[] AwardStatuses = ["pending", "active", "cancelled", "unsuccessful"];
    private static readonly string[] ContractStatuses = ["pending", "active", "cancelled", "terminated"];

    public static void Validate(OcdsInput input)
    {
        var tender = input.Tender;
        if (string.IsNullOrWhiteSpace(input.OcidPrefix)) throw new ArgumentException("An OCID prefix is needed.", nameof(input));
        Code(TenderStatuses, tender.Status, $"tender {tender.Id}");
        foreach (var lot in tender.Lots) Code(LotStatuses, lot.Status, $"lot {lot.Id}");
        foreach (var award in input.Awards)
        {
            Code(AwardStatuses, award.Status, $"award {award.Id}");
            if (tender.Lots.All(l => l.Id != award.LotId))
                throw new ArgumentException($"Award {award.Id} is for lot {award.LotId}, which tender {tender.Id} does not have.", nameof(input));
            if (tender.Buyers.All(b => b.Id != award.Buyer.Id))
                throw new ArgumentException($"Award {award.Id}'s buyer {award.Buyer.Id} is not a buyer of tender {tender.Id}.", nameof(input));
        }
        foreach (var contract in input.Contracts)
        {
            Code(ContractStatuses, contract.Status, $"contract {contract.Id}");
            var award = input.Awards.FirstOrDefault(a => a.Id == contract.AwardId)
                ?? throw new ArgumentException($"Contract {contract.Id} is for award {contract.AwardId}, which is not given.", nameof(input));
            if (award.Buyer.Id != contract.Buyer.Id)
                throw new ArgumentException($"Contract {contract.Id}'s buyer {contract.Buyer.Id} is not award {award.Id}'s buyer {award.Buyer.Id}.", nameof(input));
            foreach (var extension in contract.Extensions ?? [])
                if (extension.AnnualValue.Currency != contract.AnnualValue.Currency)
                    throw new ArgumentException(
                        $"Extension {extension.Reference} of contract {contract.Id} is in {extension.AnnualValue.Currency}, the contract in {contract.AnnualValue.Currency}.", nameof(input));
        }
        var organisations = tender.Buyers.Append(tender.ProcuringEntity).Concat(input.Tenderers)
            .Concat(input.Awards.SelectMany(a => a.Suppliers.Append(a.Buyer))).Concat(input.Contracts.Select(c => c.Buyer));
        foreach (var named in organisations.GroupBy(o => o.Id).Where(g => g.Distinct().Count() > 1))
            throw new ArgumentException($"Organisation {named.Key} is described twice: \"{string.Join("\" and \"", named.Select(o => o.Name).Distinct())}\".", nameof(input));
    }

    private static void Code(string[] codes, string code, string what)
    {
        if (!codes.Contains(code))
            throw new ArgumentException($"The status \"{code}\" of {what} is not an OCDS code ({string.Join(", ", codes)}).", "input");
    }
}
