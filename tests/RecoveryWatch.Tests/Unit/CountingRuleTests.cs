using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

/// <summary>The counting rule on its own: which account counts per case and stage, and how it is summed.</summary>
public sealed class CountingRuleTests
{
    private static CountableCase TwoSided(params CountableMeasure[] measures) =>
        new(1, CaseStatus.Published, Visibility.Public, [("NGA", StateRole.Requesting), ("CHE", StateRole.Requested)], measures);

    private static CountableMeasure M(Stage stage, string? reporter, decimal? usd, int year = 2015, Visibility visibility = Visibility.Public, AssetType type = AssetType.BankFunds) =>
        new(stage, type, visibility, reporter, year, usd);

    [Fact]
    public void The_requested_State_counts_for_freezing_seizure_and_confiscation_the_requesting_State_for_returns()
    {
        var rows = CountingRule.Count(TwoSided(
            M(Stage.Frozen, "NGA", 100), M(Stage.Frozen, "CHE", 110),
            M(Stage.Confiscated, "CHE", 90), M(Stage.Confiscated, "NGA", 80),
            M(Stage.Returned, "CHE", 55), M(Stage.Returned, "NGA", 50))).ToList();
        Assert.Equal([(Stage.Frozen, "CHE", 110m), (Stage.Confiscated, "CHE", 90m), (Stage.Returned, "NGA", 50m)],
            rows.Select(r => (r.Stage, r.Reporter, r.UsdTotal!.Value)).ToList());
    }

    [Fact]
    public void The_other_side_counts_when_the_preferred_side_did_not_report_the_stage_and_the_Secretariat_last()
    {
        var rows = CountingRule.Count(TwoSided(M(Stage.Frozen, "NGA", 100), M(Stage.Frozen, null, 120), M(Stage.Seized, null, 70))).ToList();
        Assert.Equal([(Stage.Frozen, "NGA", 100m), (Stage.Seized, (string?)null, 70m)], rows.Select(r => (r.Stage, r.Reporter, r.UsdTotal!.Value)).ToList());
    }

    [Fact]
    public void Figures_of_one_account_are_summed_per_asset_type_and_visibility_with_the_earliest_year()
    {
        var rows = CountingRule.Count(TwoSided(
            M(Stage.Frozen, "CHE", 100, 2016), M(Stage.Frozen, "CHE", 50, 2014), M(Stage.Frozen, "CHE", null, 2017),
            M(Stage.Frozen, "CHE", 7, 2013, Visibility.Secretariat), M(Stage.Frozen, "CHE", 3, 2018, type: AssetType.RealEstate))).ToList();
        var bank = rows.Single(r => r.AssetType == AssetType.BankFunds && r.Visibility == Visibility.Public);
        Assert.Equal((2014, 3, 150m, 1), (bank.Year, bank.Measures, bank.UsdTotal!.Value, bank.WithoutRate));
        Assert.Equal(7m, rows.Single(r => r.Visibility == Visibility.Secretariat).UsdTotal);
        Assert.Equal(3m, rows.Single(r => r.AssetType == AssetType.RealEstate).UsdTotal);
    }

    [Fact]
    public void Two_requested_States_each_count_what_they_froze()
    {
        var c = new CountableCase(2, CaseStatus.Published, Visibility.Public, [("UKR", StateRole.Requesting), ("GBR", StateRole.Requested), ("CYP", StateRole.Requested)],
            [M(Stage.Frozen, "GBR", 100), M(Stage.Frozen, "CYP", 40), M(Stage.Frozen, "UKR", 500)]);
        Assert.Equal(140m, CountingRule.Count(c).Sum(r => r.UsdTotal));
    }

    [Fact]
    public void A_figure_without_a_rate_is_counted_as_such()
    {
        var row = Assert.Single(CountingRule.Count(TwoSided(M(Stage.Frozen, "CHE", null))));
        Assert.Null(row.UsdTotal);
        Assert.Equal(1, row.WithoutRate);
    }
}
