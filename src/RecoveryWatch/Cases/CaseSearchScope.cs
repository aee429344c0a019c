using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// What one reader reads of the search read model, and the filters on it. The reader's rules (<see cref="CaseReader"/>) are
/// a choice of rows: the rows of its audience; for a focal point, the Secretariat's rows of the published cases of its own
/// States and the States parties' rows of the others. A filter keeps the rows that have the value in the same audience's
/// narrow table, so it never looks at a detail the reader may not see.
/// </summary>
public sealed class CaseSearchScope(RecoveryWatchDbContext db, CaseReader reader)
{
    /// <summary>A reader that also sees the restricted details of its own States' cases (a focal point).</summary>
    public bool IsFocal { get; } = reader.OwnStates.Length > 0 && reader.Clearance != Visibility.Secretariat;

    private Visibility Audience => reader.Clearance;

    /// <summary>Cases involving one of the reader's own States, in any role and whatever that State's visibility, as
    /// <see cref="CaseQueries.OwnedBy"/> has it.</summary>
    private IQueryable<int> Owned()
    {
        var own = reader.OwnStates;
        return db.CaseSearchTerms.Where(t => t.Audience == Visibility.Secretariat && t.Kind == CaseSearchTermKind.State && own.Contains(t.Code)).Select(t => t.CaseId);
    }

    public IQueryable<CaseSearchRow> Rows()
    {
        var rows = db.CaseSearchRows.AsNoTracking();
        var audience = Audience;
        if (!IsFocal)
        {
            return rows.Where(r => r.Audience == audience);
        }

        var owned = Owned();
        return rows.Where(r => r.Status == CaseStatus.Published
            && ((r.Audience == Visibility.Secretariat && owned.Contains(r.CaseId)) || (r.Audience == audience && !owned.Contains(r.CaseId))));
    }

    /// <summary>The rows whose case is in <paramref name="ids"/> of the row's own audience.</summary>
    private IQueryable<CaseSearchRow> Having(IQueryable<CaseSearchRow> rows, Func<Visibility, IQueryable<int>> ids)
    {
        if (!IsFocal)
        {
            var of = ids(Audience);
            return rows.Where(r => of.Contains(r.CaseId));
        }

        var audience = Audience;
        var secretariat = ids(Visibility.Secretariat);
        var others = ids(audience);
        return rows.Where(r => (r.Audience == Visibility.Secretariat && secretariat.Contains(r.CaseId)) || (r.Audience == audience && others.Contains(r.CaseId)));
    }

    private IQueryable<CaseSearchRow> HavingTerm(IQueryable<CaseSearchRow> rows, CaseSearchTermKind kind, IReadOnlyCollection<string> codes)
    {
        if (codes.Count == 1)
        {
            var code = codes.First();
            return Having(rows, a => db.CaseSearchTerms.Where(t => t.Audience == a && t.Kind == kind && t.Code == code).Select(t => t.CaseId));
        }

        var list = codes.ToArray();
        return Having(rows, a => db.CaseSearchTerms.Where(t => t.Audience == a && t.Kind == kind && list.Contains(t.Code)).Select(t => t.CaseId));
    }

    /// <summary>Applies the filters; the same meaning as <see cref="CaseQueries.Filter"/> (which the exports use) has on the
    /// detail tables, and a test holds the two equal for every kind of reader.</summary>
    public IQueryable<CaseSearchRow> Filter(CaseFilter filter)
    {
        var rows = Rows();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            rows = Text(rows, filter.Q.Trim().ToLowerInvariant());
        }

        var catalog = ReferenceCatalog.Default;
        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            var state = filter.State.Trim().ToUpperInvariant();
            rows = filter.Role is { } role
                ? HavingTerm(rows, CaseSearchTermKind.StateRole, [CaseSearchIndex.StateRoleCode(state, role)])
                : HavingTerm(rows, CaseSearchTermKind.State, [state]);
        }
        else if (filter.Role is { } role && filter.Region is null)
        {
            // With a region, the region's filter below asks for a member State in this role, which implies this one.
            rows = HavingTerm(rows, CaseSearchTermKind.StateRole, [.. catalog.States.Keys.Select(s => CaseSearchIndex.StateRoleCode(s, role))]);
        }

        if (filter.Region is { } region)
        {
            var members = catalog.StatesInGroup(region);
            rows = filter.Role is { } role
                ? HavingTerm(rows, CaseSearchTermKind.StateRole, [.. members.Select(s => CaseSearchIndex.StateRoleCode(s, role))])
                : HavingTerm(rows, CaseSearchTermKind.State, [.. members]);
        }

        if (filter.Stage is { } stage)
        {
            if (filter.YearFrom is not null || filter.YearTo is not null)
            {
                // The year the case reached the stage, as the statistics count it: its earliest counted figure of the stage.
                var from = filter.YearFrom ?? int.MinValue;
                var to = filter.YearTo ?? int.MaxValue;
                rows = Having(rows, a => db.CaseSearchStages.Where(s => s.Audience == a && s.Stage == stage && s.FirstYear >= from && s.FirstYear <= to).Select(s => s.CaseId));
            }

            rows = filter.AssetType is { } type
                ? HavingTerm(rows, CaseSearchTermKind.StageAsset, [CaseSearchIndex.StageAssetCode(stage, type)])
                : Having(rows, a => db.CaseSearchStages.Where(s => s.Audience == a && s.Stage == stage).Select(s => s.CaseId));
        }
        else if (filter.AssetType is { } type)
        {
            rows = HavingTerm(rows, CaseSearchTermKind.StageAsset, [.. Enum.GetValues<Stage>().Select(s => CaseSearchIndex.StageAssetCode(s, type))]);
        }

        if (!string.IsNullOrWhiteSpace(filter.Challenge))
        {
            rows = HavingTerm(rows, CaseSearchTermKind.Challenge, [filter.Challenge.Trim()]);
        }

        foreach (var (code, role) in new[] { (filter.Requesting, StateRole.Requesting), (filter.Requested, StateRole.Requested) })
        {
            if (!string.IsNullOrWhiteSpace(code))
            {
                rows = HavingTerm(rows, CaseSearchTermKind.StateRole, [CaseSearchIndex.StateRoleCode(code.Trim().ToUpperInvariant(), role)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Route))
        {
            rows = HavingTerm(rows, CaseSearchTermKind.Route, [filter.Route.Trim()]);
        }

        if (!string.IsNullOrWhiteSpace(filter.Offence))
        {
            rows = HavingTerm(rows, CaseSearchTermKind.Offence, [filter.Offence.Trim()]);
        }

        if (filter.Stage is null && (filter.YearFrom is not null || filter.YearTo is not null))
        {
            // The years of the case's counted figures (what the statistics count), not of every account reported.
            var from = filter.YearFrom ?? int.MinValue;
            var to = filter.YearTo ?? int.MaxValue;
            rows = Having(rows, a => db.CaseSearchYears.Where(y => y.Audience == a && y.Year >= from && y.Year <= to).Select(y => y.CaseId));
        }

        if (filter.MinUsd is { } min)
        {
            rows = filter.MaxUsd is { } max
                ? Having(rows, a => db.CaseSearchAmounts.Where(m => m.Audience == a && m.Usd >= min && m.Usd <= max).Select(m => m.CaseId))
                : Having(rows, a => db.CaseSearchAmounts.Where(m => m.Audience == a && m.Usd >= min).Select(m => m.CaseId));
        }
        else if (filter.MaxUsd is { } max)
        {
            rows = Having(rows, a => db.CaseSearchAmounts.Where(m => m.Audience == a && m.Usd >= 0m && m.Usd <= max).Select(m => m.CaseId));
        }

        return rows;
    }

    /// <summary>Free text (lower-cased) in the title, or in the summary where the row's audience may read it. Through the
    /// trigram indexes of <see cref="SearchIndexSql"/> from three characters on; shorter text is looked for in every case.</summary>
    private IQueryable<CaseSearchRow> Text(IQueryable<CaseSearchRow> rows, string text)
    {
        IQueryable<int> titles, either;
        if (!db.IsPostgres && text.EnumerateRunes().Count() >= SearchIndexSql.MinIndexedLength)
        {
            titles = SearchIndexSql.SqliteMatches(db, text, SearchIndexSql.TextColumns.Title);
            either = SearchIndexSql.SqliteMatches(db, text, SearchIndexSql.TextColumns.Either);
        }
        else if (db.IsPostgres)
        {
            // LIKE (not strpos) is what a pg_trgm index answers.
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            titles = db.Cases.Where(c => EF.Functions.Like(c.TitleSearch, pattern, "\\")).Select(c => c.Id);
            either = db.Cases.Where(c => EF.Functions.Like(c.TitleSearch, pattern, "\\") || EF.Functions.Like(c.SummarySearch, pattern, "\\")).Select(c => c.Id);
        }
        else
        {
            titles = db.Cases.Where(c => c.TitleSearch.Contains(text)).Select(c => c.Id);
            either = db.Cases.Where(c => c.TitleSearch.Contains(text) || c.SummarySearch.Contains(text)).Select(c => c.Id);
        }

        // "In the title, or in a summary the row may show", written so that the matches drive the look-up of the rows.
        return rows.Where(r => either.Contains(r.CaseId) && (r.SummaryVisible || titles.Contains(r.CaseId)));
    }

    /// <summary>The terms of the reader's audience (every row it reads has its terms there; not for focal points).</summary>
    public IQueryable<CaseSearchTerm> TermsOfAudience()
    {
        var audience = Audience;
        return db.CaseSearchTerms.AsNoTracking().Where(t => t.Audience == audience);
    }

    /// <summary>The terms of <paramref name="rows"/>, each in the row's audience.</summary>
    public IQueryable<CaseSearchTerm> TermsOf(IQueryable<CaseSearchRow> rows)
    {
        var terms = db.CaseSearchTerms.AsNoTracking();
        var audience = Audience;
        if (!IsFocal)
        {
            var ids = rows.Select(r => r.CaseId);
            return terms.Where(t => t.Audience == audience && ids.Contains(t.CaseId));
        }

        var secretariat = rows.Where(r => r.Audience == Visibility.Secretariat).Select(r => r.CaseId);
        var others = rows.Where(r => r.Audience == audience).Select(r => r.CaseId);
        return terms.Where(t => (t.Audience == Visibility.Secretariat && secretariat.Contains(t.CaseId)) || (t.Audience == audience && others.Contains(t.CaseId)));
    }

    public IQueryable<CaseSearchStage> StagesOfAudience()
    {
        var audience = Audience;
        return db.CaseSearchStages.AsNoTracking().Where(s => s.Audience == audience);
    }

    public IQueryable<CaseSearchStage> StagesOf(IQueryable<CaseSearchRow> rows)
    {
        var stages = db.CaseSearchStages.AsNoTracking();
        var audience = Audience;
        if (!IsFocal)
        {
            var ids = rows.Select(r => r.CaseId);
            return stages.Where(s => s.Audience == audience && ids.Contains(s.CaseId));
        }

        var secretariat = rows.Where(r => r.Audience == Visibility.Secretariat).Select(r => r.CaseId);
        var others = rows.Where(r => r.Audience == audience).Select(r => r.CaseId);
        return stages.Where(s => (s.Audience == Visibility.Secretariat && secretariat.Contains(s.CaseId)) || (s.Audience == audience && others.Contains(s.CaseId)));
    }
}
