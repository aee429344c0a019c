using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <summary>A measure as the counting rule needs it.</summary>
public sealed record CountableMeasure(Stage Stage, AssetType AssetType, Visibility Visibility, string? ReportingState, DateOnly Date, decimal? Usd);

/// <summary>A case as the counting rule needs it: its status and visibility, its States with their roles, its measures.</summary>
public sealed record CountableCase(int CaseId, CaseStatus Status, Visibility Visibility, IReadOnlyList<(string State, StateRole Role)> States, IReadOnlyList<CountableMeasure> Measures);

/// <summary>
/// The one rule by which figures are counted, so that each case counts once per stage and the Working Group's totals never
/// add up two accounts of the same assets (COSP resolution 8/9 asks for the volumes frozen, seized, confiscated and
/// returned; stages are never added together).
/// <para>Both sides of a case may report the same stage. Per case and stage one side's account counts:</para>
/// <list type="number">
/// <item>the requested State's for freezing, seizure and confiscation — it holds the assets and takes those measures
/// (UNCAC arts. 54–55) — and the requesting State's for returns — it receives them (art. 57);</item>
/// <item>failing that, the other side's account;</item>
/// <item>failing any State's account, the Secretariat's own figures (entered from open sources).</item>
/// </list>
/// Where several States of the winning side reported (two requested States each freezing what lies in its jurisdiction),
/// each one's account counts: they describe different assets. A State's figure corrected by the Secretariat stays in that
/// State's account. The rule is applied once per audience (the public, States parties, the Secretariat) to the figures that
/// audience may see, and the result stored as <see cref="CountedFigure"/> rows in the write's own transaction.
/// </summary>
public static class CountingRule
{
    /// <summary>The audiences figures are counted for: each reader counts what the rule makes of the figures it may see.</summary>
    public static readonly IReadOnlyList<Visibility> Audiences = [Visibility.Public, Visibility.StatesParties, Visibility.Secretariat];

    public static IEnumerable<CountedFigure> Count(CountableCase c)
    {
        var roles = c.States.ToLookup(s => s.State, s => s.Role, StringComparer.Ordinal);
        foreach (var audience in Audiences)
        {
            // The rule is applied to what this audience may see: a restricted account neither counts for a reader who may
            // not see it nor hides the other side's public account from that reader.
            var visible = audience.VisibleLevels();
            foreach (var stage in c.Measures.Where(m => visible.Contains(m.Visibility)).GroupBy(m => m.Stage))
            {
                foreach (var part in Counted(stage.Key, stage, m => m.ReportingState, roles).GroupBy(m => (m.AssetType, m.ReportingState)))
                {
                    var converted = part.Where(m => m.Usd is not null).ToList();
                    yield return new CountedFigure(
                        c.CaseId,
                        stage.Key,
                        part.Key.AssetType,
                        audience,
                        part.Key.ReportingState,
                        part.Min(m => m.Date),
                        part.Count(),
                        converted.Count == 0 ? null : converted.Sum(m => m.Usd!.Value),
                        part.Count() - converted.Count,
                        c.Status,
                        c.Visibility);
                }
            }
        }
    }

    /// <summary>Of one stage's figures, those that count: the accounts of the best rank (see the rule above). Used wherever
    /// figures are added up — the counted figures, the export's totals, the check of returns against confiscation.</summary>
    public static IReadOnlyList<T> Counted<T>(Stage stage, IEnumerable<T> figuresOfStage, Func<T, string?> reporter, ILookup<string, StateRole> roles)
    {
        var ranked = figuresOfStage.Select(f => (Figure: f, Rank: Rank(stage, reporter(f), roles))).ToList();
        if (ranked.Count == 0)
        {
            return [];
        }

        var best = ranked.Min(r => r.Rank);
        return [.. ranked.Where(r => r.Rank == best).Select(r => r.Figure)];
    }

    /// <summary>0 for the side whose account counts first for <paramref name="stage"/>, 1 for the other side, 2 for a State
    /// in another role (transit) or no longer in the case, 3 for the Secretariat's own figures.</summary>
    public static int Rank(Stage stage, string? reporter, ILookup<string, StateRole> roles)
    {
        if (reporter is null)
        {
            return 3;
        }

        var preferred = stage == Stage.Returned ? StateRole.Requesting : StateRole.Requested;
        var other = preferred == StateRole.Requesting ? StateRole.Requested : StateRole.Requesting;
        var has = roles[reporter].ToList();
        return has.Contains(preferred) ? 0 : has.Contains(other) ? 1 : 2;
    }

    /// <summary>Replaces the counted figures of <paramref name="caseIds"/> with what the rule makes of the stored cases. Runs
    /// inside the caller's transaction (the DbContext calls it on every save that touches a case, its States or measures).</summary>
    public static async Task RebuildAsync(RecoveryWatchDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in caseIds.Distinct().Chunk(1000))
        {
            await db.CountedFigures.Where(f => chunk.Contains(f.CaseId)).ExecuteDeleteAsync(cancellationToken);
            var cases = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.Status, c.Visibility }).ToListAsync(cancellationToken);
            var states = (await db.CaseStates.AsNoTracking().Where(s => chunk.Contains(s.CaseId))
                .Select(s => new { s.CaseId, s.StateCode, s.Role }).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);
            var measures = (await db.Measures.AsNoTracking().Where(m => chunk.Contains(m.CaseId))
                .Select(m => new { m.CaseId, m.Stage, m.AssetType, m.Visibility, m.ReportingState, m.Year, m.Month, m.Day, m.UsdAmount }).ToListAsync(cancellationToken)).ToLookup(m => m.CaseId);
            var rows = cases.SelectMany(c => Count(new CountableCase(
                c.Id,
                c.Status,
                c.Visibility,
                [.. states[c.Id].Select(s => (s.StateCode, s.Role))],
                [.. measures[c.Id].Select(m => new CountableMeasure(m.Stage, m.AssetType, m.Visibility, m.ReportingState, new PartialDate(m.Year, m.Month, m.Day).Earliest, m.UsdAmount))]))).ToList();
            db.CountedFigures.AddRange(rows);
        }
    }
}
