using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Cases;

/// <summary>The case search as it was before the read model (EXISTS over the detail tables), kept as the oracle the read model
/// must equal for every reader and filter.</summary>
internal sealed class LegacySearchCases(RecoveryWatchDbContext db)
{
    private const int MaxPageSize = 200;

    public async Task<CaseSearchResult> HandleAsync(CaseFilter filter, CaseReader reader, int page, int pageSize, bool withFacets, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var own = reader.OwnStates;
        var anyOwn = own.Length > 0;
        var figures = db.CountedFiguresVisibleTo(reader);
        var filtered = db.Cases.AsNoTracking().VisibleTo(reader).Filter(filter, reader, figures);
        var total = await filtered.CountAsync(cancellationToken);
        // Children come with their visibility and are filtered here, a page (at most 200 cases) at a time.
        var rows = await filtered.Sort(filter.Sort)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.IsSynthetic,
                c.Status,
                Owned = anyOwn && c.States.Any(s => own.Contains(s.StateCode)),
                States = c.States.Select(s => new { s.StateCode, s.Role, s.Visibility }).ToList(),
                Years = c.Measures.Select(m => new { m.Year, m.Visibility }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        // Per stage, the counted figures (one account per case and stage), as the statistics count them.
        var ids = rows.Select(r => r.Id).ToList();
        var stages = (await figures.Where(f => ids.Contains(f.CaseId))
            .GroupBy(f => new { f.CaseId, f.Stage })
            .Select(g => new { g.Key.CaseId, g.Key.Stage, Measures = g.Sum(f => f.Measures), Usd = g.Sum(f => f.UsdTotal) })
            .ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);

        var items = rows.Select(r =>
        {
            bool Sees(Visibility v) => r.Owned || reader.Levels.Contains(v);
            var years = r.Years.Where(m => Sees(m.Visibility)).Select(m => m.Year).ToList();
            return new CaseListItem
            {
                Id = r.Id,
                Title = r.Title,
                IsSynthetic = r.IsSynthetic,
                Status = r.Status,
                States = [.. r.States.Where(s => Sees(s.Visibility)).OrderBy(s => s.Role).ThenBy(s => s.StateCode, StringComparer.Ordinal).Select(s => new CaseStateItem(s.StateCode, s.Role))],
                Stages = [.. stages[r.Id].OrderBy(s => s.Stage).Select(s => new StageTotal(s.Stage, s.Measures, RecoveryWatch.Common.Amounts.Normalize(s.Usd)))],
                FirstYear = years.Count == 0 ? null : years.Min(),
                LastYear = years.Count == 0 ? null : years.Max(),
            };
        }).ToList();

        var facets = withFacets ? await FacetsAsync(filtered, figures, reader, cancellationToken) : null;
        return new CaseSearchResult(items, total, page, pageSize, facets);
    }

    private async Task<CaseFacets> FacetsAsync(IQueryable<Case> filtered, IQueryable<RecoveryWatch.Analytics.CountedFigure> figures, CaseReader reader, CancellationToken cancellationToken)
    {
        var levels = reader.Levels;
        var ids = filtered.Select(c => c.Id);
        var owned = filtered.OwnedBy(reader).Select(c => c.Id);
        var states = await db.CaseStates.AsNoTracking()
            .Where(s => ids.Contains(s.CaseId) && (levels.Contains(s.Visibility) || owned.Contains(s.CaseId)))
            .Select(s => new { s.CaseId, s.StateCode }).Distinct()
            .GroupBy(s => s.StateCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key)
            .Take(30)
            .ToListAsync(cancellationToken);
        var stages = await figures
            .Where(f => ids.Contains(f.CaseId))
            .Select(f => new { f.CaseId, f.Stage }).Distinct()
            .GroupBy(m => m.Stage)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var routes = await db.Set<Proceeding>().AsNoTracking()
            .Where(p => ids.Contains(p.CaseId) && (levels.Contains(p.Visibility) || owned.Contains(p.CaseId)))
            .Select(p => new { p.CaseId, p.RouteCode }).Distinct()
            .GroupBy(p => p.RouteCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var offences = await db.Set<CaseOffence>().AsNoTracking()
            .Where(o => ids.Contains(o.CaseId))
            .Select(o => new { o.CaseId, o.OffenceCode }).Distinct()
            .GroupBy(o => o.OffenceCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return new CaseFacets(
            [.. states.Select(s => new FacetCount(s.Key, s.Count))],
            [.. stages.OrderBy(s => s.Key).Select(s => new FacetCount(s.Key.ToString(), s.Count))],
            [.. routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new FacetCount(r.Key, r.Count))],
            [.. offences.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new FacetCount(o.Key, o.Count))]);
    }
}
