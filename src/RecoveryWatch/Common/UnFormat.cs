using System.Collections.Frozen;
using System.Globalization;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Common;

/// <summary>
/// The one place where dates, times, amounts and figures are written for a reader, in the editorial style of the United
/// Nations for each of its six languages: "2 December 2026", "2 décembre 2026", "2 de diciembre de 2026",
/// "2 декабря 2026 г.", "2026年12月2日", "2 ديسمبر 2026"; times on the 24-hour clock ("15:00"); amounts always with their
/// ISO 4217 code, in one placement per language. Pages, partials and the Word and Excel documents all call it, so the
/// same figure never reads two ways on one page. Machine formats (API JSON, CSV, ISO dates in inputs and
/// <c>datetime</c> attributes) do not come here: they stay invariant.
/// </summary>
public static class UnFormat
{
    private sealed record Style(CultureInfo Culture, string Date, string Month, string DateTimeJoin, bool CodeFirst);

    private static readonly FrozenDictionary<string, Style> Styles = Languages.All.ToFrozenDictionary(l => l, Build);

    private static Style Build(string language)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(language).Clone();
        // 24-hour clock in every language: meetings of the Conference and its working groups are announced that way.
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        culture.DateTimeFormat.AMDesignator = string.Empty;
        culture.DateTimeFormat.PMDesignator = string.Empty;
        if (language == "ar")
        {
            // Arabic documents of the United Nations write figures in Western ("Latin") digits, grouped by a comma with a
            // decimal point, as the other language versions of the same document do, so that a figure can be checked
            // against them at a glance. .NET already keeps Latin digits, but takes the Arabic separators (U+066C, U+066B)
            // from CLDR, which mixed with Latin digits read as neither; this is also what ICU gives for ar@numbers=latn,
            // which the plural messages use (see PluralText).
            var format = culture.NumberFormat;
            format.NumberGroupSeparator = format.CurrencyGroupSeparator = format.PercentGroupSeparator = ",";
            format.NumberDecimalSeparator = format.CurrencyDecimalSeparator = format.PercentDecimalSeparator = ".";
            // The same for signs: the Arabic percent sign and the letter marks CLDR puts around signs belong with Arabic
            // digits; with Latin ones the document versions write "%" and "-", as the English version does.
            format.PercentSymbol = "%";
            format.PercentPositivePattern = 1;
            format.PercentNegativePattern = 1;
            format.NegativeSign = "-";
            format.PositiveSign = "+";
        }

        // Day-month-year written out, without the weekday (dates of legal measures and deadlines are read for the date).
        // Month names are .NET's (CLDR's) for the culture: Russian takes the genitive after the day ("2 декабря"), Arabic
        // the names that CLDR gives for "ar" (ديسمبر) rather than the Levantine ones (كانون الأول).
        var (date, month, join, codeFirst) = language switch
        {
            "fr" => ("d MMMM yyyy", "MMMM yyyy", " à ", false),
            "es" => ("d 'de' MMMM 'de' yyyy", "MMMM 'de' yyyy", ", ", false),
            "ru" => ("d MMMM yyyy 'г.'", "MMMM yyyy 'г.'", ", ", false),
            "zh" => ("yyyy'年'M'月'd'日'", "yyyy'年'M'月'", " ", false),
            "ar" => ("d MMMM yyyy", "MMMM yyyy", "، ", false),
            _ => ("d MMMM yyyy", "MMMM yyyy", ", ", true),
        };
        culture.DateTimeFormat.LongDatePattern = date;
        culture.DateTimeFormat.YearMonthPattern = month;
        return new Style(CultureInfo.ReadOnly(culture), date, month, join, codeFirst);
    }

    private static Style For(CultureInfo? culture) => Styles[Languages.Normalize((culture ?? CultureInfo.CurrentCulture).Name)];

    /// <summary>The reader's culture with the UN's conventions (24-hour clock, Latin separators in Arabic) for code that
    /// must hand a <see cref="CultureInfo"/> on, such as <see cref="string.Format(IFormatProvider, string, object[])"/>.</summary>
    public static CultureInfo Culture(CultureInfo? culture = null) => For(culture).Culture;

    /// <summary>The long date pattern without weekday ("d MMMM yyyy" in English) for <see cref="DateTime.ToString(string)"/>.</summary>
    public static string DatePattern(CultureInfo? culture = null) => For(culture).Date;

    public static string Date(DateOnly date, CultureInfo? culture = null)
    {
        var style = For(culture);
        return date.ToString(style.Date, style.Culture);
    }

    public static string Date(DateTime date, CultureInfo? culture = null) => Date(DateOnly.FromDateTime(date), culture);

    /// <summary>The date as it is where the offset says (a meeting's own time zone, or UTC for the audit log).</summary>
    public static string Date(DateTimeOffset at, CultureInfo? culture = null) => Date(DateOnly.FromDateTime(at.DateTime), culture);

    public static string Time(TimeOnly time, CultureInfo? culture = null) => time.ToString("HH:mm", For(culture).Culture);

    public static string Time(DateTime at, CultureInfo? culture = null) => Time(TimeOnly.FromDateTime(at), culture);

    public static string Time(DateTimeOffset at, CultureInfo? culture = null) => Time(TimeOnly.FromDateTime(at.DateTime), culture);

    /// <summary>"2 December 2026, 15:00", "2 décembre 2026 à 15:00", "2026年12月2日 15:00".</summary>
    public static string DateTime(DateTimeOffset at, CultureInfo? culture = null) =>
        Date(at, culture) + For(culture).DateTimeJoin + Time(at, culture);

    public static string DateTime(DateTime at, CultureInfo? culture = null) =>
        Date(at, culture) + For(culture).DateTimeJoin + Time(at, culture);

    /// <summary>"2019", "March 2019" or "14 March 2019": a date known only to the year or the month says no more.</summary>
    public static string Date(PartialDate date, CultureInfo? culture = null)
    {
        var style = For(culture);
        return date.Day is not null ? Date(date.Earliest, culture)
            : date.Month is not null ? date.Earliest.ToString(style.Month, style.Culture)
            : date.Year.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A count or a figure, grouped the culture's way ("60,095,767", "60 095 767", "60.095.767").</summary>
    public static string Number(decimal value, int decimals = 0, CultureInfo? culture = null) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), For(culture).Culture);

    public static string Number(long value, CultureInfo? culture = null) => value.ToString("N0", For(culture).Culture);

    public static string Number(double value, int decimals = 0, CultureInfo? culture = null) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), For(culture).Culture);

    public static string Percent(decimal share, CultureInfo? culture = null) => share.ToString("P0", For(culture).Culture);

    /// <summary>
    /// An amount with its ISO 4217 code, always: "USD 60,095,767" in English (the code first, as in the English
    /// financial documents of the Organization), "60 095 767 USD" in the other languages, where the unit follows the
    /// figure. A no-break space keeps code and figure on one line. Whole amounts show no decimals; others show the
    /// currency's minor units.
    /// </summary>
    public static string Money(decimal amount, string currency, CultureInfo? culture = null)
    {
        var style = For(culture);
        var minorUnits = ReferenceCatalog.Default.Currencies.TryGetValue(currency, out var info) ? info.MinorUnits : 2;
        var figure = Number(amount, amount == decimal.Truncate(amount) ? 0 : minorUnits, culture);
        return style.CodeFirst ? currency + "\u00A0" + figure : figure + "\u00A0" + currency;
    }

    public static string Money(Money money, CultureInfo? culture = null) => Money(money.Amount, money.Currency, culture);

    /// <summary>A US-dollar equivalent, rounded to the dollar as every total on the site is.</summary>
    public static string Usd(decimal amount, CultureInfo? culture = null) => Money(decimal.Round(amount, 0, MidpointRounding.AwayFromZero), "USD", culture);
}
