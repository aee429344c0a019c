using System.Globalization;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Common;

/// <summary>An amount in its original ISO 4217 currency. Amounts are always kept as reported; a US-dollar figure is shown
/// beside it, never instead of it.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    /// <summary>For a reader: see <see cref="UnFormat.Money(decimal, string, CultureInfo?)"/>.</summary>
    public string ToDisplayString(CultureInfo culture) => UnFormat.Money(Amount, Currency, culture);
}

public static class Amounts
{
    /// <summary>The same value without trailing zeros of scale (1000000.00 → 1000000): SQLite and PostgreSQL hand back
    /// decimals with different scales, and readers of the API and exports must see the same figure from both.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;
}

/// <summary>ISO 3166-1 alpha-3 code of a State (the European Union, a party to the Convention under art. 67(3), is EUU).</summary>
public static class StateCode
{
    public static bool IsWellFormed(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    public static bool IsKnown(string? code) => code is not null && ReferenceCatalog.Default.States.ContainsKey(code);
}
