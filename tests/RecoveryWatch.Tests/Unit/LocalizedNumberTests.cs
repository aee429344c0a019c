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

public sealed class LocalizedNumberReadingTests
{
    [Theory]
    [InlineData("ar", "١٬٢٥٠٬٠٠٠٫٥", "1250000.5")]
    [InlineData("ar", "١٢٥٠٠٠٠", "1250000")]
    [InlineData("ar", "1,250,000.5", "1250000.5")]
    [InlineData("zh", "１２５０", "1250")]
    [InlineData("en", "1 250 000", "1250000")]
    [InlineData("ru", "1\u00A0250\u00A0000,5", "1250000.5")]
    public void Reads_digits_and_separators_as_keyboards_give_them(string culture, string text, string expected)
    {
        Assert.Equal(NumberReading.Number, LocalizedNumber.Read(text, CultureInfo.GetCultureInfo(culture), out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("en", "1,5", NumberReading.Ambiguous)]
    [InlineData("en", "1.000.000", NumberReading.Ambiguous)]
    [InlineData("fr", "1.000.000", NumberReading.Ambiguous)]
    [InlineData("en", "1,50,000", NumberReading.Ambiguous)]
    [InlineData("en", "twelve", NumberReading.NotANumber)]
    [InlineData("en", "1e6", NumberReading.NotANumber)]
    [InlineData("en", "  ", NumberReading.Empty)]
    public void Tells_an_ambiguous_number_from_no_number(string culture, string text, NumberReading expected) =>
        Assert.Equal(expected, LocalizedNumber.Read(text, CultureInfo.GetCultureInfo(culture), out _));

    [Theory]
    [InlineData("en", "1,234,567.89")]
    [InlineData("fr", "1\u202F234\u202F567,89")]
    [InlineData("es", "1.234.567,89")]
    [InlineData("ru", "1\u00A0234\u00A0567,89")]
    [InlineData("zh", "1,234,567.89")]
    [InlineData("ar", "1\u066C234\u066C567\u066B89")]
    public void Formats_as_each_language_writes_and_reads_its_own_writing_back(string culture, string expected)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        Assert.Equal(expected, LocalizedNumber.Format(1234567.89m, info));
        Assert.Equal(NumberReading.Number, LocalizedNumber.Read(expected, info, out var value));
        Assert.Equal(1234567.89m, value);
    }
}
