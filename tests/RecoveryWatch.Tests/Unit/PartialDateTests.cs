using System.Globalization;
using RecoveryWatch.Common;

namespace RecoveryWatch.Tests.Unit;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2019", 2019, null, null)]
    [InlineData("2019-03", 2019, 3, null)]
    [InlineData("2019-03-14", 2019, 3, 14)]
    [InlineData("2020-02-29", 2020, 2, 29)]
    public void Parse_accepts_year_month_and_day_precision(string text, int year, int? month, int? day)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("19")]
    [InlineData("2019-3")]
    [InlineData("2019-13")]
    [InlineData("2019-02-29")]
    [InlineData("2019-00")]
    [InlineData("2019/03")]
    [InlineData("1850")]
    [InlineData("2019-03-14T00:00")]
    [InlineData("２０１９")]
    public void Parse_rejects_anything_else(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void Less_precise_date_sorts_before_a_more_precise_one_on_the_same_start()
    {
        Assert.True(PartialDate.Parse("2019") < PartialDate.Parse("2019-01"));
        Assert.True(PartialDate.Parse("2019-01") < PartialDate.Parse("2019-01-01"));
        Assert.True(PartialDate.Parse("2019-12-31") < PartialDate.Parse("2020"));
    }

    [Fact]
    public void Display_follows_the_reader_culture()
    {
        Assert.Equal("March 2019", PartialDate.Parse("2019-03").ToDisplayString(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("mars 2019", PartialDate.Parse("2019-03").ToDisplayString(CultureInfo.GetCultureInfo("fr")));
        Assert.Equal("2019", PartialDate.Parse("2019").ToDisplayString(CultureInfo.GetCultureInfo("ar")));
        Assert.Equal("14 mars 2019", PartialDate.Parse("2019-03-14").ToDisplayString(CultureInfo.GetCultureInfo("fr")));
        Assert.Equal("2019年3月14日", PartialDate.Parse("2019-03-14").ToDisplayString(CultureInfo.GetCultureInfo("zh")));
        Assert.DoesNotContain("Thursday", PartialDate.Parse("2019-03-14").ToDisplayString(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_without_a_month_is_refused() => Assert.Throws<ArgumentException>(() => new PartialDate(2019, null, 3));
}
