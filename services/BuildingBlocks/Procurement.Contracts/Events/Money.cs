namespace Procurement.Contracts.Events;

/// <summary>An amount in integer minor units (pence for GBP) with its ISO 4217 currency.</summary>
public sealed record Money(long MinorUnits, string Currency);
