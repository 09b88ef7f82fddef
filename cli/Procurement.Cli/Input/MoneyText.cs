using System.Globalization;
using Procurement.Contracts.Common.V1;

namespace Procurement.Cli.Input;

/// <summary>Money as people type it ("550000", "£550,000.00", "40666.50") into integer minor units; never floating point.</summary>
public static class MoneyText
{
    public static Money Parse(string text, string currency)
    {
        var cleaned = text.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || decimal.Round(amount, 2) != amount)
            throw CliException.Usage($"'{text}' is not an amount of money; write pounds with up to two decimals, e.g. 550000 or 40666.50.");
        return new Money { MinorUnits = (long)(amount * 100), Currency = currency.ToUpperInvariant() };
    }

    public static string Format(Money? money) =>
        money is null ? "" : money.Currency == "GBP"
            ? "£" + (money.MinorUnits / 100m).ToString("#,0.00", CultureInfo.InvariantCulture)
            : (money.MinorUnits / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) + " " + money.Currency;
}
