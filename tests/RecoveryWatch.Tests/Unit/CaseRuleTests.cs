using System.Globalization;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

public sealed class CaseRuleTests
{
    private static AssetMeasure M(Stage stage, decimal amount, string currency = "USD", string? reason = null) =>
        new(stage, AssetType.BankFunds, new Money(amount, currency), new PartialDate(2019), null, null, reason, Visibility.Public);

    [Fact]
    public void Return_up_to_the_confiscated_amount_is_fine() =>
        Assert.Empty(Case.ReturnsExceedingConfiscation([M(Stage.Confiscated, 100), M(Stage.Returned, 60), M(Stage.Returned, 40)]));

    [Fact]
    public void Returns_are_summed_within_their_stage_and_flagged_when_above_confiscation()
    {
        var flagged = Case.ReturnsExceedingConfiscation([M(Stage.Confiscated, 100), M(Stage.Returned, 60), M(Stage.Returned, 50)]).ToList();
        Assert.Equal([1, 2], flagged.Select(f => f.Index));
        Assert.All(flagged, f => Assert.Equal((110m, 100m, "USD"), (f.Returned, f.Confiscated, f.Currency)));
    }

    [Fact]
    public void A_recorded_reason_lets_a_return_exceed_confiscation() =>
        Assert.Empty(Case.ReturnsExceedingConfiscation([M(Stage.Confiscated, 100), M(Stage.Returned, 150, reason: "Interest accrued")]));

    [Fact]
    public void Frozen_and_seized_amounts_do_not_count_as_confiscated() =>
        Assert.Single(Case.ReturnsExceedingConfiscation([M(Stage.Frozen, 1000), M(Stage.Seized, 1000), M(Stage.Returned, 10)]));

    [Fact]
    public void Currencies_are_compared_separately() =>
        Assert.Single(Case.ReturnsExceedingConfiscation([M(Stage.Confiscated, 100, "CHF"), M(Stage.Returned, 50, "EUR")]));

    [Fact]
    public void Usd_conversion_keeps_the_original_amount()
    {
        var measure = M(Stage.Frozen, 1000, "CHF");
        measure.ConvertToUsd(1.1m, new DateOnly(2019, 1, 1));
        Assert.Equal(1000m, measure.Amount);
        Assert.Equal("CHF", measure.Currency);
        Assert.Equal(1100m, measure.UsdAmount);
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+33 1", "'+33 1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Plain title", "Plain title")]
    [InlineData("", "")]
    public void Spreadsheet_formulas_are_neutralised(string text, string expected) => Assert.Equal(expected, CellText.Neutralise(text));

    [Fact]
    public void Money_is_shown_in_the_reader_culture_with_its_currency_code()
    {
        Assert.Equal("CHF\u00A01,234,567", new Money(1_234_567m, "CHF").ToDisplayString(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("USD\u00A01,234.50", new Money(1_234.5m, "USD").ToDisplayString(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("JPY\u00A01,500", new Money(1_500m, "JPY").ToDisplayString(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Visibility_levels_widen_with_clearance()
    {
        Assert.Equal([Visibility.Public], Visibility.Public.VisibleLevels());
        Assert.Equal([Visibility.Public, Visibility.StatesParties, Visibility.Secretariat], Visibility.Secretariat.VisibleLevels());
    }
}
