using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RecoveryWatch.Common;

/// <summary>What reading a typed number gave: a number, nothing, something that is no number, or a number that could be
/// read in more than one way ("1,5" in English: one and a half, or a mistyped 15?).</summary>
public enum NumberReading
{
    Number,
    Empty,
    NotANumber,
    Ambiguous,
}

/// <summary>
/// Reads an amount typed by a person in any of the six languages without ever guessing: "1 250 000,50" (French),
/// "1.250.000,50" (Spanish), "1,250,000.50" (English) and the plain "1250000.50" are accepted; a group separator is only
/// taken as such where it separates groups of exactly three digits, so "1500.50" is never read as 150050 in Spanish.
/// Digits may be typed as Arabic-Indic (٠١٢…) or full-width (０１２…) digits, as keyboards in Arabic and Chinese give them.
/// The one reader of typed numbers: the forms' model binder and the online answer both use it.
/// </summary>
public static class LocalizedNumber
{
    public static bool TryParse(string? text, CultureInfo culture, out decimal value) => Read(text, culture, out value) == NumberReading.Number;

    /// <summary>Reads <paramref name="text"/> as written in <paramref name="culture"/>; a text made only of digits, signs and
    /// separators that fits no reading is <see cref="NumberReading.Ambiguous"/>, so the form can ask rather than guess.</summary>
    public static NumberReading Read(string? text, CultureInfo culture, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return NumberReading.Empty;
        }

        // Spaces of any width count as the same group separator.
        var normalized = Normalize(text.Trim());
        var format = culture.NumberFormat;
        var group = Spaces(format.NumberGroupSeparator);
        var separator = format.NumberDecimalSeparator;
        if (TryStrict(normalized, group, separator, out value) || TryStrict(normalized, ",", ".", out value) || TryStrict(normalized, " ", separator, out value))
        {
            return NumberReading.Number;
        }

        return LooksLikeNumber.IsMatch(normalized) ? NumberReading.Ambiguous : NumberReading.NotANumber;
    }

    /// <summary>A number as the reader writes it: groups of three, the culture's decimal separator, no needless zeros.</summary>
    public static string Format(decimal value, CultureInfo culture) => value.ToString("#,0.############################", culture);

    private static readonly Regex LooksLikeNumber = new(@"^[-+]?[0-9., \u066B\u066C\u060C]*[0-9][0-9., \u066B\u066C\u060C]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace('\u2009', ' ').Replace('\u2007', ' ');

    /// <summary>Arabic-Indic, Persian and full-width digits to ASCII; bidi marks (Arabic writes its minus after U+061C) dropped.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Spaces(text))
        {
            switch (c)
            {
                case >= '\u0660' and <= '\u0669':
                    builder.Append((char)('0' + (c - '\u0660')));
                    break;
                case >= '\u06F0' and <= '\u06F9':
                    builder.Append((char)('0' + (c - '\u06F0')));
                    break;
                case >= '\uFF10' and <= '\uFF19':
                    builder.Append((char)('0' + (c - '\uFF10')));
                    break;
                case '\uFF0C':
                    builder.Append(',');
                    break;
                case '\uFF0E':
                    builder.Append('.');
                    break;
                case '\u2212':
                    builder.Append('-');
                    break;
                case '\u200E' or '\u200F' or '\u061C':
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
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
