using System.Globalization;
using System.Text.RegularExpressions;

namespace RecoveryWatch.Common;

/// <summary>
/// Reads an amount typed by a person in any of the six languages without ever guessing: "1 250 000,50" (French),
/// "1.250.000,50" (Spanish), "1,250,000.50" (English) and the plain "1250000.50" are accepted; a group separator is only
/// taken as such where it separates groups of exactly three digits, so "1500.50" is never read as 150050 in Spanish.
/// </summary>
public static class LocalizedNumber
{
    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Spaces of any width count as the same group separator.
        var normalized = text.Trim().Replace('\u00A0', ' ').Replace('\u202F', ' ');
        var format = culture.NumberFormat;
        var group = format.NumberGroupSeparator.Replace('\u00A0', ' ').Replace('\u202F', ' ');
        var separator = format.NumberDecimalSeparator;
        return TryStrict(normalized, group, separator, out value) || TryStrict(normalized, ",", ".", out value);
    }

    private static bool TryStrict(string text, string group, string separator, out decimal value)
    {
        value = 0;
        var g = Regex.Escape(group);
        var d = Regex.Escape(separator);
        var grouped = new Regex($@"^(?<sign>-?)(?<int>\d{{1,3}}({g}\d{{3}})+|\d+)({d}(?<frac>\d+))?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var match = grouped.Match(text);
        if (!match.Success)
        {
            return false;
        }

        var invariant = match.Groups["sign"].Value + match.Groups["int"].Value.Replace(group, string.Empty, StringComparison.Ordinal)
            + (match.Groups["frac"].Success ? "." + match.Groups["frac"].Value : string.Empty);
        return decimal.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
