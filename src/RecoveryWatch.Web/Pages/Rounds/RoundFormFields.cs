using System.Globalization;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Pages.Rounds;

/// <summary>
/// How the round pages (new and edit) read their typed fields into the request the handler checks: ISO dates, the
/// deadline as an instant, and the States asked typed as a list and/or added as a whole regional group. The handler
/// (<see cref="RecoveryWatch.Collection.Rounds"/>) holds the rules; this only reads the form.
/// </summary>
internal static class RoundFormFields
{
    /// <summary>A date typed as yyyy-MM-dd (the value of an <c>input type="date"</c>), or an error on its field.</summary>
    public static DateOnly? Day(ValidationCollector errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Required");
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, "InvalidDate", text);
            return null;
        }

        return day;
    }

    /// <summary>The deadline is the end of the day given, in UTC: a State answering on that day is on time.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    /// <summary>
    /// The States typed (separated by commas, semicolons or spaces) and, when a regional group is chosen, every UNCAC
    /// party of that group; each once, in the order given.
    /// </summary>
    public static List<string> States(ValidationCollector errors, string? typed, string? region)
    {
        var states = (typed ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).ToList();
        if (!string.IsNullOrEmpty(region))
        {
            if (EnumCodes.TryParse<RegionalGroup>(region, out var group))
            {
                states.AddRange(ReferenceCatalog.Default.StatesInGroup(group).Where(s => ReferenceCatalog.Default.States[s].UncacParty));
            }
            else
            {
                errors.Add("region", "UnknownCode", region);
            }
        }

        return [.. states.Distinct(StringComparer.Ordinal)];
    }
}
