using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

/// <summary>The counting rule on its own: which account counts per case and stage, and how it is summed.</summary>
public sealed class CountingRuleTests
{
    private static CountableCase TwoSided(params CountableMeasure[] measures) =>
        new(1, CaseStatus.Published, Visibility.Public, [("NGA", StateRole.Requesting), ("CHE", StateRole.Requested)], measures);

    /// <summary>The rows counted for the public (every measure here is public unless a test says otherwise).</summary>
    private static List<CountedFigure> Public(CountableCase c) => [.. CountingRule.Count(c).Where(r => r.Visibility == Visibility.Public)];

    private static CountableMeasure M(Stage stage, string? reporter, decimal? usd, int year = 2015, Visibility visibility = Visibility.Public, AssetType type = AssetType.BankFunds) =>
        new(stage, type, visibility, reporter, new DateOnly(year, 1, 1), usd);

    [Fact]
    public void The_requested_State_counts_for_freezing_seizure_and_confiscation_the_requesting_State_for_returns()
    {
        var rows = Public(TwoSided(
            M(Stage.Frozen, "NGA", 100), M(Stage.Frozen, "CHE", 110),
            M(Stage.Confiscated, "CHE", 90), M(Stage.Confiscated, "NGA", 80),
            M(Stage.Returned, "CHE", 55), M(Stage.Returned, "NGA", 50)));
        Assert.Equal([(Stage.Frozen, "CHE", 110m), (Stage.Confiscated, "CHE", 90m), (Stage.Returned, "NGA", 50m)],
            rows.Select(r => (r.Stage, r.Reporter, r.UsdTotal!.Value)).ToList());
    }

    [Fact]
    public void The_other_side_counts_when_the_preferred_side_did_not_report_the_stage_and_the_Secretariat_last()
    {
        var rows = Public(TwoSided(M(Stage.Frozen, "NGA", 100), M(Stage.Frozen, null, 120), M(Stage.Seized, null, 70)));
        Assert.Equal([(Stage.Frozen, "NGA", 100m), (Stage.Seized, (string?)null, 70m)], rows.Select(r => (r.Stage, r.Reporter, r.UsdTotal!.Value)).ToList());
    }

    [Fact]
    public void Figures_of_one_account_are_summed_per_asset_type_with_the_earliest_year_for_each_audience()
    {
        var rows = CountingRule.Count(TwoSided(
            M(Stage.Frozen, "CHE", 100, 2016), M(Stage.Frozen, "CHE", 50, 2014), M(Stage.Frozen, "CHE", null, 2017),
            M(Stage.Frozen, "CHE", 7, 2013, Visibility.Secretariat), M(Stage.Frozen, "CHE", 3, 2018, type: AssetType.RealEstate))).ToList();
        var bank = rows.Single(r => r.AssetType == AssetType.BankFunds && r.Visibility == Visibility.Public);
        Assert.Equal((2014, 3, 150m, 1), (bank.Year, bank.Measures, bank.UsdTotal!.Value, bank.WithoutRate));
        // The Secretariat counts the restricted figure too, and the year it was reached.
        var secretariat = rows.Single(r => r.AssetType == AssetType.BankFunds && r.Visibility == Visibility.Secretariat);
        Assert.Equal((2013, 4, 157m), (secretariat.Year, secretariat.Measures, secretariat.UsdTotal!.Value));
        Assert.Equal(3m, rows.Single(r => r.AssetType == AssetType.RealEstate && r.Visibility == Visibility.Public).UsdTotal);
    }

    [Fact]
    public void A_restricted_account_neither_counts_for_the_public_nor_hides_the_other_sides_public_account()
    {
        var rows = CountingRule.Count(TwoSided(M(Stage.Frozen, "CHE", 110, visibility: Visibility.Secretariat), M(Stage.Frozen, "NGA", 100)));
        Assert.Equal([("NGA", 100m)], rows.Where(r => r.Visibility == Visibility.Public).Select(r => (r.Reporter, r.UsdTotal!.Value)).ToList());
        Assert.Equal([("CHE", 110m)], rows.Where(r => r.Visibility == Visibility.Secretariat).Select(r => (r.Reporter, r.UsdTotal!.Value)).ToList());
    }

    [Fact]
    public void Two_requested_States_each_count_what_they_froze()
    {
        var c = new CountableCase(2, CaseStatus.Published, Visibility.Public, [("UKR", StateRole.Requesting), ("GBR", StateRole.Requested), ("CYP", StateRole.Requested)],
            [M(Stage.Frozen, "GBR", 100), M(Stage.Frozen, "CYP", 40), M(Stage.Frozen, "UKR", 500)]);
        Assert.Equal(140m, Public(c).Sum(r => r.UsdTotal));
    }

    [Fact]
    public void A_figure_without_a_rate_is_counted_as_such()
    {
        var row = Assert.Single(Public(TwoSided(M(Stage.Frozen, "CHE", null))));
        Assert.Null(row.UsdTotal);
        Assert.Equal(1, row.WithoutRate);
    }
}
