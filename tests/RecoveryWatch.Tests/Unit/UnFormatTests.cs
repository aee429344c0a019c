using System.Globalization;
using RecoveryWatch.Common;

namespace RecoveryWatch.Tests.Unit;

/// <summary>Dates, times and amounts in the editorial style of the United Nations, one way per language.</summary>
public sealed class UnFormatTests
{
    private static readonly DateTimeOffset Afternoon = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "2 December 2026")]
    [InlineData("fr", "2 décembre 2026")]
    [InlineData("es", "2 de diciembre de 2026")]
    [InlineData("ru", "2 декабря 2026 г.")]
    [InlineData("zh", "2026年12月2日")]
    [InlineData("ar", "2 ديسمبر 2026")]
    public void Dates_are_written_out_day_month_year(string language, string expected)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        Assert.Equal(expected, UnFormat.Date(new DateOnly(2026, 12, 2), culture));
        Assert.Equal(expected, UnFormat.Date(Afternoon, culture));
        Assert.Equal(expected, UnFormat.Date(PartialDate.Parse("2026-12-02"), culture));
    }

    [Theory]
    [InlineData("en", "2 December 2026, 15:00")]
    [InlineData("fr", "2 décembre 2026 à 15:00")]
    [InlineData("es", "2 de diciembre de 2026, 15:00")]
    [InlineData("ru", "2 декабря 2026 г., 15:00")]
    [InlineData("zh", "2026年12月2日 15:00")]
    [InlineData("ar", "2 ديسمبر 2026، 15:00")]
    public void Times_use_the_24_hour_clock(string language, string expected)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        Assert.Equal("15:00", UnFormat.Time(Afternoon, culture));
        Assert.Equal("09:05", UnFormat.Time(new TimeOnly(9, 5), culture));
        Assert.Equal(expected, UnFormat.DateTime(Afternoon, culture));
    }

    [Theory]
    [InlineData("en", "March 2019")]
    [InlineData("fr", "mars 2019")]
    [InlineData("es", "marzo de 2019")]
    [InlineData("ru", "март 2019 г.")]
    [InlineData("zh", "2019年3月")]
    [InlineData("ar", "مارس 2019")]
    public void A_date_known_to_the_month_says_no_more(string language, string expected)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        Assert.Equal(expected, UnFormat.Date(PartialDate.Parse("2019-03"), culture));
        Assert.Equal("2019", UnFormat.Date(PartialDate.Parse("2019"), culture));
    }

    [Theory]
    [InlineData("en", "USD\u00A060,095,767", "CHF\u00A01,250.50")]
    [InlineData("fr", "60\u202F095\u202F767\u00A0USD", "1\u202F250,50\u00A0CHF")]
    [InlineData("es", "60.095.767\u00A0USD", "1.250,50\u00A0CHF")]
    [InlineData("ru", "60\u00A0095\u00A0767\u00A0USD", "1\u00A0250,50\u00A0CHF")]
    [InlineData("zh", "60,095,767\u00A0USD", "1,250.50\u00A0CHF")]
    [InlineData("ar", "60,095,767\u00A0USD", "1,250.50\u00A0CHF")]
    public void Amounts_always_carry_their_code_in_one_place_per_language(string language, string dollars, string francs)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        Assert.Equal(dollars, UnFormat.Money(60095767m, "USD", culture));
        Assert.Equal(dollars, UnFormat.Usd(60095766.6m, culture));
        Assert.Equal(francs, UnFormat.Money(new Money(1250.5m, "CHF"), culture));
        Assert.Equal(francs, new Money(1250.5m, "CHF").ToDisplayString(culture));
    }

    [Fact]
    public void Arabic_figures_are_in_latin_digits_grouped_by_commas()
    {
        var arabic = CultureInfo.GetCultureInfo("ar");
        Assert.Equal("1,234,567", UnFormat.Number(1234567, arabic));
        Assert.Equal("2.5", UnFormat.Number(2.5, 1, arabic));
        Assert.Equal("-1,250", UnFormat.Number(-1250, arabic));
        Assert.Equal("45%", UnFormat.Percent(0.45m, arabic));
        Assert.DoesNotContain(UnFormat.DateTime(Afternoon, arabic), c => c is >= '\u0660' and <= '\u0669');
    }

    [Fact]
    public void Without_a_culture_the_readers_is_used()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-CH");
            Assert.Equal("2 décembre 2026", UnFormat.Date(new DateOnly(2026, 12, 2)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
