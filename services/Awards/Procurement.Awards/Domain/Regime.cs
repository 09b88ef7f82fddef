namespace Procurement.Awards.Domain;

/// <summary>The procurement regime a tender runs under; it sets the standstill period.</summary>
public enum Regime
{
    /// <summary>Procurement Act 2023: standstill of at least 8 working days from the contract award notice.</summary>
    ProcurementAct2023,
    /// <summary>Public Contracts Regulations 2015: standstill of 10 days after electronic notification, ending at midnight.</summary>
    Pcr2015,
}
