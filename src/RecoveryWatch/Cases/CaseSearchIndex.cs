using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// What a list row of the case search shows to one audience (the public, States parties, the Secretariat), and its sort
/// keys. Derived data, like <see cref="CountedFigure"/>: written only by <see cref="CaseSearchIndex"/> in the same transaction
/// as every change to the case, rebuilt from the cases by <c>rebuild-figures</c>.
/// <para>A row exists for an audience only where that audience may see the case: the Secretariat's for every case, the
/// others' for published cases within their clearance. A focal point reads the Secretariat's row of the cases of its own
/// States (whose restricted details it may see) and the States parties' row of the others (see <see cref="CaseReader"/>).</para>
/// </summary>
public sealed class CaseSearchRow
{
    public int CaseId { get; set; }
    public Visibility Audience { get; set; }
    public CaseStatus Status { get; set; }
    public required string Title { get; set; }
    public bool IsSynthetic { get; set; }

    /// <summary>Whether this audience may read the summary, hence match free text in it.</summary>
    public bool SummaryVisible { get; set; }

    /// <summary>The case's own first and last year (of all its measures), as the search has always sorted on them.</summary>
    public int? SortFirstYear { get; set; }
    public int? SortLastYear { get; set; }

    /// <summary>First and last year of the measures this audience may see: what the list shows.</summary>
    public int? FirstYear { get; set; }
    public int? LastYear { get; set; }
}

public enum CaseSearchTermKind
{
    /// <summary>A State involved (any role): the code, e.g. NGA.</summary>
    State,

    /// <summary>A State in a role: "NGA:Requested".</summary>
    StateRole,

    Route,
    Offence,
    Challenge,

    /// <summary>A stage and asset type of the counted figures: "Frozen:BankFunds".</summary>
    StageAsset,
}

/// <summary>A coded value of a case that one audience may see, for the filters and facets: one narrow indexed row each.</summary>
public sealed class CaseSearchTerm
{
    public int CaseId { get; set; }
    public Visibility Audience { get; set; }
    public CaseSearchTermKind Kind { get; set; }
    public required string Code { get; set; }
}

/// <summary>A stage the case reached for one audience (it has a counted figure for it), with the list's totals: the counted
/// figures of the stage summed over asset types and reporters, and the year the stage was reached (earliest figure).</summary>
public sealed class CaseSearchStage
{
    public int CaseId { get; set; }
    public Visibility Audience { get; set; }
    public Stage Stage { get; set; }
    public int FirstYear { get; set; }
    public int Measures { get; set; }
    public decimal? UsdTotal { get; set; }
}

/// <summary>A year of the case's counted figures for one audience (the year filter without a stage).</summary>
public sealed class CaseSearchYear
{
    public int CaseId { get; set; }
    public Visibility Audience { get; set; }
    public int Year { get; set; }
}

/// <summary>The US-dollar figure of a single measure one audience may see (the amount filter).</summary>
public sealed class CaseSearchAmount
{
    public int CaseId { get; set; }
    public Visibility Audience { get; set; }
    public decimal Usd { get; set; }
}

/// <summary>
/// Keeps the search read model (<see cref="CaseSearchRow"/> and its narrow tables, and on SQLite the full-text index) equal
/// to the cases. The DbContext calls <see cref="RebuildAsync"/> in the transaction of every save that touches a case or one
/// of the details the search reads, after the counted figures (which the stages come from) are rebuilt.
/// </summary>
public static class CaseSearchIndex
{
    public static async Task RebuildAsync(RecoveryWatchDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in caseIds.Distinct().Chunk(1000))
        {
            await db.Set<CaseSearchRow>().Where(r => chunk.Contains(r.CaseId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<CaseSearchTerm>().Where(r => chunk.Contains(r.CaseId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<CaseSearchStage>().Where(r => chunk.Contains(r.CaseId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<CaseSearchYear>().Where(r => chunk.Contains(r.CaseId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<CaseSearchAmount>().Where(r => chunk.Contains(r.CaseId)).ExecuteDeleteAsync(cancellationToken);
            await SearchIndexSql.ReindexTextAsync(db, chunk, cancellationToken);

            var cases = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.Title, c.IsSynthetic, c.Status, c.Visibility, c.SummaryVisibility, c.FirstYear, c.LastYear })
                .ToListAsync(cancellationToken);
            var states = (await db.CaseStates.AsNoTracking().Where(s => chunk.Contains(s.CaseId))
                .Select(s => new { s.CaseId, s.StateCode, s.Role, s.Visibility }).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);
            var routes = (await db.Set<Proceeding>().AsNoTracking().Where(p => chunk.Contains(p.CaseId))
                .Select(p => new { p.CaseId, p.RouteCode, p.Visibility }).ToListAsync(cancellationToken)).ToLookup(p => p.CaseId);
            var offences = (await db.Set<CaseOffence>().AsNoTracking().Where(o => chunk.Contains(o.CaseId))
                .Select(o => new { o.CaseId, o.OffenceCode }).ToListAsync(cancellationToken)).ToLookup(o => o.CaseId);
            var challenges = (await db.Set<CaseChallenge>().AsNoTracking().Where(o => chunk.Contains(o.CaseId))
                .Select(o => new { o.CaseId, o.ChallengeCode }).ToListAsync(cancellationToken)).ToLookup(o => o.CaseId);
            var measures = (await db.Measures.AsNoTracking().Where(m => chunk.Contains(m.CaseId))
                .Select(m => new { m.CaseId, m.Year, m.UsdAmount, m.Visibility }).ToListAsync(cancellationToken)).ToLookup(m => m.CaseId);
            var figures = (await db.CountedFigures.AsNoTracking().Where(f => chunk.Contains(f.CaseId))
                .Select(f => new { f.CaseId, f.Visibility, f.Stage, f.AssetType, f.Year, f.Measures, f.UsdTotal }).ToListAsync(cancellationToken)).ToLookup(f => (f.CaseId, f.Visibility));

            foreach (var c in cases)
            {
                foreach (var audience in CountingRule.Audiences)
                {
                    var levels = audience.VisibleLevels();
                    // Drafts are the Secretariat's alone; other audiences see published cases within their clearance.
                    if (audience != Visibility.Secretariat && (c.Status != CaseStatus.Published || !levels.Contains(c.Visibility)))
                    {
                        continue;
                    }

                    var years = measures[c.Id].Where(m => levels.Contains(m.Visibility)).Select(m => m.Year).ToList();
                    db.Add(new CaseSearchRow
                    {
                        CaseId = c.Id,
                        Audience = audience,
                        Status = c.Status,
                        Title = c.Title,
                        IsSynthetic = c.IsSynthetic,
                        SummaryVisible = levels.Contains(c.SummaryVisibility),
                        SortFirstYear = c.FirstYear,
                        SortLastYear = c.LastYear,
                        FirstYear = years.Count == 0 ? null : years.Min(),
                        LastYear = years.Count == 0 ? null : years.Max(),
                    });

                    var visibleStates = states[c.Id].Where(s => levels.Contains(s.Visibility)).ToList();
                    var caseFigures = figures[(c.Id, audience)].ToList();
                    var terms = visibleStates.Select(s => (CaseSearchTermKind.State, s.StateCode))
                        .Concat(visibleStates.Select(s => (CaseSearchTermKind.StateRole, StateRoleCode(s.StateCode, s.Role))))
                        .Concat(routes[c.Id].Where(p => levels.Contains(p.Visibility)).Select(p => (CaseSearchTermKind.Route, p.RouteCode)))
                        .Concat(offences[c.Id].Select(o => (CaseSearchTermKind.Offence, o.OffenceCode)))
                        .Concat(challenges[c.Id].Select(o => (CaseSearchTermKind.Challenge, o.ChallengeCode)))
                        .Concat(caseFigures.Select(f => (CaseSearchTermKind.StageAsset, StageAssetCode(f.Stage, f.AssetType))))
                        .Distinct();
                    foreach (var (kind, code) in terms)
                    {
                        db.Add(new CaseSearchTerm { CaseId = c.Id, Audience = audience, Kind = kind, Code = code });
                    }

                    foreach (var stage in caseFigures.GroupBy(f => f.Stage))
                    {
                        var converted = stage.Where(f => f.UsdTotal is not null).ToList();
                        db.Add(new CaseSearchStage
                        {
                            CaseId = c.Id,
                            Audience = audience,
                            Stage = stage.Key,
                            FirstYear = stage.Min(f => f.Year),
                            Measures = stage.Sum(f => f.Measures),
                            UsdTotal = converted.Count == 0 ? null : converted.Sum(f => f.UsdTotal!.Value),
                        });
                    }

                    foreach (var year in caseFigures.Select(f => f.Year).Distinct())
                    {
                        db.Add(new CaseSearchYear { CaseId = c.Id, Audience = audience, Year = year });
                    }

                    foreach (var usd in measures[c.Id].Where(m => m.UsdAmount is not null && levels.Contains(m.Visibility)).Select(m => m.UsdAmount!.Value).Distinct())
                    {
                        db.Add(new CaseSearchAmount { CaseId = c.Id, Audience = audience, Usd = usd });
                    }
                }
            }
        }
    }

    public static string StateRoleCode(string state, StateRole role) => state + ":" + role;

    public static string StageAssetCode(Stage stage, AssetType type) => stage + ":" + type;
}
