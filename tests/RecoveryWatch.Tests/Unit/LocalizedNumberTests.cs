using System.Globalization;
using RecoveryWatch.Common;

namespace RecoveryWatch.Tests.Unit;

public sealed class LocalizedNumberTests
{
    [Theory]
    [InlineData("en", "1,250,000.50", "1250000.50")]
    [InlineData("en", "1250000.5", "1250000.5")]
    [InlineData("en", "1.500", "1.5")]
    [InlineData("fr", "1 250 000,50", "1250000.50")]
    [InlineData("fr", "1\u202F250\u202F000,50", "1250000.50")]
    [InlineData("fr", "1,5", "1.5")]
    [InlineData("fr", "1500.50", "1500.50")]
    [InlineData("es", "1.250.000,50", "1250000.50")]
    [InlineData("es", "1.500", "1500")]
    [InlineData("es", "1500.50", "1500.50")]
    [InlineData("ru", "1 250 000,50", "1250000.50")]
    [InlineData("zh", "1,250,000.50", "1250000.50")]
    [InlineData("ar", "1250000.50", "1250000.50")]
    [InlineData("en", "-5", "-5")]
    public void Reads_numbers_as_each_language_writes_them(string culture, string text, string expected)
    {
        Assert.True(LocalizedNumber.TryParse(text, CultureInfo.GetCultureInfo(culture), out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("en", "abc")]
    [InlineData("en", "1,50,000")]
    [InlineData("es", "15.00.0")]
    [InlineData("en", "1e6")]
    [InlineData("en", "")]
    [InlineData("fr", "1 2 3")]
    [InlineData("en", "0x10")]
    public void Refuses_anything_ambiguous_or_not_a_number(string culture, string text) =>
        Assert.False(LocalizedNumber.TryParse(text, CultureInfo.GetCultureInfo(culture), out _));
}
