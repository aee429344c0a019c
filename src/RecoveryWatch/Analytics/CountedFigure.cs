using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <summary>
/// What the statistics count for one case and stage: the figures of the account that counts for that stage (see
/// <see cref="CountingRule"/>), summed per asset type and reporter, once for each audience (the public, States parties,
/// the Secretariat) from the figures that audience may see, so that each reader counts exactly what it may see. Derived data: written only by <see cref="CountingRule"/>, in the same transaction as every change to the case,
/// and rebuilt from the cases by the <c>rebuild-figures</c> verb. Every statistic, facet and list total reads from here.
/// </summary>
public sealed class CountedFigure
{
    public CountedFigure(int caseId, Stage stage, AssetType assetType, Visibility visibility, string? reporter, DateOnly firstDate, int measures, decimal? usdTotal, int withoutRate,
        CaseStatus caseStatus, Visibility caseVisibility)
    {
        CaseId = caseId;
        Stage = stage;
        AssetType = assetType;
        Visibility = visibility;
        Reporter = reporter;
        FirstDate = firstDate;
        Year = firstDate.Year;
        Measures = measures;
        UsdTotal = usdTotal;
        WithoutRate = withoutRate;
        CaseStatus = caseStatus;
        CaseVisibility = caseVisibility;
    }

    public long Id { get; private set; }
    public int CaseId { get; private set; }
    public Stage Stage { get; private set; }
    public AssetType AssetType { get; private set; }

    /// <summary>The audience this row is counted for: the rule applied to the figures visible at this level.</summary>
    public Visibility Visibility { get; private set; }

    /// <summary>The State whose account counts for this stage, or null for the Secretariat's own figures.</summary>
    public string? Reporter { get; private set; }

    /// <summary>The earliest year of the measures summed here: the year the stage was reached.</summary>
    public int Year { get; private set; }

    /// <summary>The earliest date of the measures summed here (a date known only to the month or year counts from its
    /// first day): the start and end points of the durations between stages.</summary>
    public DateOnly FirstDate { get; private set; }

    public int Measures { get; private set; }

    /// <summary>US-dollar total of the measures that have a dated rate; null when none has one.</summary>
    public decimal? UsdTotal { get; private set; }

    /// <summary>Measures without a usable exchange rate: counted as cases, reported as such, never as zero dollars.</summary>
    public int WithoutRate { get; private set; }

    /// <summary>The case's status and visibility, carried along so public statistics need not join the cases.</summary>
    public CaseStatus CaseStatus { get; private set; }

    public Visibility CaseVisibility { get; private set; }
}
