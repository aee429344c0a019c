using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

public sealed class ReferenceDataTests
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.Default;

    [Fact]
    public void Every_UN_member_and_the_European_Union_are_listed()
    {
        Assert.True(Catalog.States.Count >= 195);
        Assert.True(Catalog.States["EUU"].UncacParty);
        Assert.Null(Catalog.States["EUU"].Group);
        Assert.Equal(RegionalGroup.African, Catalog.States["NGA"].Group);
        Assert.Equal(RegionalGroup.WesternEuropeanOther, Catalog.States["CHE"].Group);
        Assert.All(Catalog.States.Keys, code => Assert.Matches("^[A-Z]{3}$", code));
    }

    [Fact]
    public void Every_label_exists_in_the_six_languages()
    {
        var labelled = Catalog.Offences.Values.Concat(Catalog.LegalRoutes.Values).Concat(Catalog.Stages.Values)
            .Concat(Catalog.AssetTypes.Values).Concat(Catalog.StateRoles.Values).Concat(Catalog.RegionalGroups.Values).Concat(Catalog.Challenges.Values)
            .Concat(Catalog.AssistanceAreas.Values);
        foreach (var code in labelled)
        {
            Assert.All(Languages.All, language => Assert.False(string.IsNullOrWhiteSpace(code.Names[language]), $"{code.Code} has no {language} name"));
        }

        foreach (var state in Catalog.States.Values)
        {
            Assert.All(Languages.All, language => Assert.False(string.IsNullOrWhiteSpace(state.Names[language]), $"{state.Code} has no {language} name"));
        }
    }

    [Fact]
    public void Offences_are_articles_15_to_25()
    {
        Assert.Equal(Enumerable.Range(15, 11).Select(a => "Art" + a), Catalog.Offences.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("17", Catalog.Offences["Art17"].Article);
    }

    [Fact]
    public void Enums_and_reference_files_agree()
    {
        Assert.Equal(Enum.GetNames<Stage>().Order(), Catalog.Stages.Keys.Order());
        Assert.Equal(Enum.GetNames<AssetType>().Order(), Catalog.AssetTypes.Keys.Order());
        Assert.Equal(Enum.GetNames<StateRole>().Order(), Catalog.StateRoles.Keys.Order());
        Assert.Equal(Enum.GetNames<RegionalGroup>().Order(), Catalog.RegionalGroups.Keys.Order());
    }

    [Fact]
    public void Currencies_follow_ISO_4217()
    {
        Assert.Equal(2, Catalog.Currencies["USD"].MinorUnits);
        Assert.Equal(0, Catalog.Currencies["JPY"].MinorUnits);
        Assert.Equal(3, Catalog.Currencies["KWD"].MinorUnits);
        Assert.All(Catalog.Currencies.Keys, code => Assert.Matches("^[A-Z]{3}$", code));
    }

    [Theory]
    [InlineData("zh-Hans", "zh")]
    [InlineData("fr-CH", "fr")]
    [InlineData("ar-EG", "ar")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public void Cultures_map_to_a_UN_language(string? culture, string expected) => Assert.Equal(expected, Languages.Normalize(culture));
}
