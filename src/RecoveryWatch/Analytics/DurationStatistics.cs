using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <summary>Median, quartiles and distribution of one duration, in days (a date known only to its month or year counts
/// from its first day).</summary>
/// <param name="Cases">Cases with both end points.</param>
/// <param name="Distribution">Cases per whole year elapsed: index 0 is "under one year"; the last bucket is "ten years or more".</param>
public sealed record DurationSummary(int Cases, double? MedianDays, double? LowerQuartileDays, double? UpperQuartileDays, IReadOnlyList<int> Distribution);

/// <param name="FreezingToConfiscation">From the first freezing or seizure to the first confiscation.</param>
/// <param name="FreezingToReturn">From the first freezing or seizure to the first return.</param>
/// <param name="StalledCases">Cases frozen or seized more than <paramref name="StalledAfterYears"/> years before
/// <paramref name="AsOf"/> that have no confiscation yet, oldest first.</param>
public sealed record DurationStatisticsResult(DurationSummary FreezingToConfiscation, DurationSummary FreezingToReturn, int StalledAfterYears, DateOnly AsOf,
    IReadOnlyList<int> StalledCases);

/// <summary>
/// How long recovery takes: the time from the first freezing or seizure of a case's assets (UNCAC art. 2(f) treats them
/// together as the provisional measures) to their confiscation (art. 2(g)) and to their return (art. 57), read from the
/// counted figures, so the dates are those of the accounts that count. The year filters select the cases by the year
/// they were first frozen or seized.
/// </summary>
public sealed class DurationStatistics(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const int DistributionYears = 10;
    public const int DefaultStalledAfterYears = 3;

    public async Task<DurationStatisticsResult> HandleAsync(CaseReader reader, StatisticsFilter filter, int stalledAfterYears = DefaultStalledAfterYears,
        CancellationToken cancellationToken = default)
    {
        // Both end points are needed whatever the stage filter; the years select the cohort by its first freezing or seizure.
        var stages = await db.CaseStages(reader, filter with { Stage = null, YearFrom = null, YearTo = null })
            .Select(s => new { s.CaseId, s.Stage, s.FirstDate })
            .ToListAsync(cancellationToken);
        var cases = stages.GroupBy(s => s.CaseId).Select(g => new
        {
            CaseId = g.Key,
            Start = g.Where(s => s.Stage is Stage.Frozen or Stage.Seized).Select(s => (DateOnly?)s.FirstDate).Min(),
            Confiscated = g.Where(s => s.Stage == Stage.Confiscated).Select(s => (DateOnly?)s.FirstDate).Min(),
            Returned = g.Where(s => s.Stage == Stage.Returned).Select(s => (DateOnly?)s.FirstDate).Min(),
        })
        .Where(c => c.Start is { } start && (filter.YearFrom is null || start.Year >= filter.YearFrom) && (filter.YearTo is null || start.Year <= filter.YearTo))
        .ToList();

        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var stalledBefore = asOf.AddYears(-stalledAfterYears);
        var stalled = cases.Where(c => c.Confiscated is null && c.Start < stalledBefore).OrderBy(c => c.Start).ThenBy(c => c.CaseId).Select(c => c.CaseId).ToList();
        return new DurationStatisticsResult(
            Summarize(cases.Where(c => c.Confiscated >= c.Start).Select(c => c.Confiscated!.Value.DayNumber - c.Start!.Value.DayNumber)),
            Summarize(cases.Where(c => c.Returned >= c.Start).Select(c => c.Returned!.Value.DayNumber - c.Start!.Value.DayNumber)),
            stalledAfterYears,
            asOf,
            stalled);
    }

    /// <summary>Median and quartiles by linear interpolation between the closest ranks (the method of most statistics
    /// packages, "type 7"), so a known set gives the figures a reader would compute by hand.</summary>
    public static DurationSummary Summarize(IEnumerable<int> days)
    {
        var sorted = days.Order().ToArray();
        var distribution = new int[DistributionYears + 1];
        foreach (var d in sorted)
        {
            distribution[Math.Min(DistributionYears, (int)(d / 365.25))]++;
        }

        return sorted.Length == 0
            ? new DurationSummary(0, null, null, null, distribution)
            : new DurationSummary(sorted.Length, Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), distribution);
    }

    private static double Quantile(int[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }
}
