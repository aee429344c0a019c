using System.Globalization;

namespace RecoveryWatch.Common;

/// <summary>
/// A date known to the year, the month or the day: States often report only "2019" or "March 2019" for a measure.
/// Written in ISO 8601 reduced precision: <c>2019</c>, <c>2019-03</c>, <c>2019-03-14</c>.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    public PartialDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1900 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be between 1900 and 9999.");
        }

        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "The month must be between 1 and 12.");
        }

        if (day is not null && month is null)
        {
            throw new ArgumentException("A day needs a month.", nameof(day));
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "The day does not exist in that month.");
        }

        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    /// <summary>The first day the partial date may stand for; used for ordering and for "not in the future" checks.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2))
        {
            return false;
        }

        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        try
        {
            date = new PartialDate(numbers[0], parts.Length > 1 ? numbers[1] : null, parts.Length > 2 ? numbers[2] : null);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a year, year-month or date (ISO 8601).");

    public int CompareTo(PartialDate other)
    {
        var byEarliest = Earliest.CompareTo(other.Earliest);
        // Less precise first when they start on the same day: "2019" sorts before "2019-01-01".
        return byEarliest != 0 ? byEarliest : Precision.CompareTo(other.Precision);
    }

    private int Precision => Day is not null ? 3 : Month is not null ? 2 : 1;

    public override string ToString() =>
        Day is not null ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}")
        : Month is not null ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}")
        : Year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Formats for a reader: "2019", "March 2019" or "14 March 2019" in the reader's culture.</summary>
    public string ToDisplayString(CultureInfo culture) => UnFormat.Date(this, culture);

    /// <summary>The culture's long date without the day of the week ("15 mars 2021", "2021年3月15日"): dates of legal
    /// measures are read for the date, and the weekday only lengthens them.</summary>
    public static string LongDateWithoutWeekday(CultureInfo culture) => UnFormat.DatePattern(culture);

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;
    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;
    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;
    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;
}
