using System.Collections;
using System.Globalization;
using System.Resources;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Tests.Unit;

/// <summary>Counts with their nouns by the CLDR plural rules of each language, through ICU.</summary>
public sealed class PluralTextTests
{
    private static readonly ResourceManager Resources = new("RecoveryWatch.Web.Resources.SharedResource", typeof(RecoveryWatch.Web.SharedResource).Assembly);

    private static string Cases(string language, decimal count) =>
        PluralText.Format(Resources.GetString("Search.ResultsCount", CultureInfo.GetCultureInfo(language))!, CultureInfo.GetCultureInfo(language), count);

    [Theory]
    [InlineData(0, "لا توجد قضايا")]
    [InlineData(1, "قضية واحدة")]
    [InlineData(2, "قضيتان")]
    [InlineData(3, "3 قضايا")]
    [InlineData(11, "11 قضية")]
    [InlineData(100, "100 قضية")]
    [InlineData(1002, "1,002 قضية")]
    public void Arabic_has_six_forms(int count, string expected) => Assert.Equal(expected, Cases("ar", count));

    [Theory]
    [InlineData(1, "1 дело")]
    [InlineData(2, "2 дела")]
    [InlineData(5, "5 дел")]
    [InlineData(11, "11 дел")]
    [InlineData(21, "21 дело")]
    [InlineData(1000, "1\u00A0000 дел")]
    public void Russian_has_one_few_and_many(int count, string expected) => Assert.Equal(expected, Cases("ru", count));

    [Theory]
    [InlineData(1, "1个案件")]
    [InlineData(2, "2个案件")]
    [InlineData(12345, "12,345个案件")]
    public void Chinese_has_one_form(int count, string expected) => Assert.Equal(expected, Cases("zh", count));

    [Theory]
    [InlineData("en", 1, "1 case")]
    [InlineData("en", 2, "2 cases")]
    [InlineData("fr", 0, "0 affaire")]
    [InlineData("fr", 1, "1 affaire")]
    [InlineData("fr", 2, "2 affaires")]
    [InlineData("es", 1, "1 caso")]
    [InlineData("es", 2, "2 casos")]
    public void English_French_and_Spanish_have_one_and_other(string language, int count, string expected) =>
        Assert.Equal(expected, Cases(language, count));

    [Fact]
    public void Text_arguments_and_a_nested_plural_are_kept()
    {
        var russian = CultureInfo.GetCultureInfo("ru");
        var questions = PluralText.Format(Resources.GetString("Frameworks.QuestionCount", russian)!, russian, 12);
        Assert.Equal("12 вопросам", questions);
        var caption = PluralText.Format(Resources.GetString("Frameworks.CompareCount", russian)!, russian, 2, questions);
        Assert.StartsWith("2 государства сравниваются по 12 вопросам", caption, StringComparison.Ordinal);
    }

    /// <summary>The count that ICU writes is the one UnFormat writes: a page never groups the same figure two ways.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ru")]
    [InlineData("zh")]
    [InlineData("ar")]
    public void Counts_are_written_as_UnFormat_writes_them(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        foreach (var count in new[] { 7, 1234, 60095767 })
        {
            Assert.Equal(UnFormat.Number(count, culture), PluralText.Format("{0, plural, other {#}}", culture, count));
        }
    }

    /// <summary>Every plural message of the six resource files is valid ICU and has an "other" form.</summary>
    [Fact]
    public void Every_plural_resource_parses_in_its_language()
    {
        foreach (var language in Languages.All)
        {
            var culture = CultureInfo.GetCultureInfo(language);
            var set = Resources.GetResourceSet(language == "en" ? CultureInfo.InvariantCulture : culture, true, false)!;
            var plurals = set.Cast<DictionaryEntry>().Where(e => ((string)e.Value!).Contains(", plural,", StringComparison.Ordinal)).ToList();
            Assert.True(plurals.Count >= 10, language);
            foreach (var entry in plurals)
            {
                var message = (string)entry.Value!;
                Assert.Contains("other {", message, StringComparison.Ordinal);
                foreach (var count in new[] { 0, 1, 2, 3, 11, 100, 1000001 })
                {
                    var text = PluralText.Format(message, culture, count, "A", "B");
                    Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                }
            }
        }
    }
}
