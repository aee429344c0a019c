using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>The query pieces every read of cases is built from: what a reader may see, then the filters.</summary>
public static class CaseQueries
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, CaseReader reader)
    {
        var levels = reader.Levels;
        var own = reader.OwnStates;
        var anyOwn = own.Length > 0;
        var visible = cases.Where(c => levels.Contains(c.Visibility) || (anyOwn && c.States.Any(s => own.Contains(s.StateCode))));
        return reader.SeesDrafts ? visible : visible.Where(c => c.Status == CaseStatus.Published);
    }

    /// <summary>The details (States, proceedings, measures…) whose own visibility lets the reader see them: within its
    /// clearance, or of a case involving one of its own States. The case itself is checked by <see cref="VisibleTo(IQueryable{Case}, CaseReader)"/>.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> details, IQueryable<CaseState> allStates, CaseReader reader)
        where T : class, ICaseDetail
    {
        var levels = reader.Levels;
        var own = reader.OwnStates;
        if (own.Length == 0)
        {
            return details.Where(d => levels.Contains(d.Visibility));
        }

        var owned = allStates.Where(s => own.Contains(s.StateCode)).Select(s => s.CaseId);
        return details.Where(d => levels.Contains(d.Visibility) || owned.Contains(d.CaseId));
    }

    /// <summary>The counted figures (<see cref="CountingRule"/>) the reader counts: of the cases it may see (the rule of
    /// <see cref="VisibleTo(IQueryable{Case}, CaseReader)"/> on the columns the figures carry), the rows counted for its
    /// audience — the Secretariat's for a focal point's own cases, whose restricted details it may see.</summary>
    public static IQueryable<CountedFigure> CountedFiguresVisibleTo(this RecoveryWatchDbContext db, CaseReader reader)
    {
        var levels = reader.Levels;
        var audience = reader.Clearance;
        var own = reader.OwnStates;
        var figures = db.CountedFigures.AsNoTracking();
        if (!reader.SeesDrafts)
        {
            figures = figures.Where(f => f.CaseStatus == CaseStatus.Published);
        }

        if (own.Length == 0)
        {
            return figures.Where(f => f.Visibility == audience && levels.Contains(f.CaseVisibility));
        }

        var owned = db.CaseStates.Where(s => own.Contains(s.StateCode)).Select(s => s.CaseId);
        return figures.Where(f => (owned.Contains(f.CaseId) && f.Visibility == Visibility.Secretariat)
            || (!owned.Contains(f.CaseId) && f.Visibility == audience && levels.Contains(f.CaseVisibility)));
    }

    /// <summary>Cases whose restricted details the reader may see because one of its own States is involved.</summary>
    public static IQueryable<Case> OwnedBy(this IQueryable<Case> cases, CaseReader reader)
    {
        var own = reader.OwnStates;
        return own.Length == 0 ? cases.Where(_ => false) : cases.Where(c => c.States.Any(s => own.Contains(s.StateCode)));
    }

    /// <summary>Applies the filters, each over the details the reader may see, so that a filter never reveals a restricted detail.</summary>
    /// <param name="figures">The counted figures the reader may see (<see cref="CountedFiguresVisibleTo"/>): a case reached a
    /// stage when it has a counted figure for it, the same test as the stage facet and the statistics.</param>
    public static IQueryable<Case> Filter(this IQueryable<Case> cases, CaseFilter filter, CaseReader reader, IQueryable<CountedFigure> figures)
    {
        var levels = reader.Levels;
        var own = reader.OwnStates;
        var anyOwn = own.Length > 0;
        var query = cases;
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(c => c.TitleSearch.Contains(text) || ((levels.Contains(c.SummaryVisibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode)))) && c.SummarySearch.Contains(text)));
        }

        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            var state = filter.State.Trim().ToUpperInvariant();
            var role = filter.Role;
            query = query.Where(c => c.States.Any(s => s.StateCode == state && (role == null || s.Role == role) && (levels.Contains(s.Visibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode))))));
        }
        else if (filter.Role is { } role)
        {
            query = query.Where(c => c.States.Any(s => s.Role == role && (levels.Contains(s.Visibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode))))));
        }

        if (filter.Region is { } region)
        {
            var members = ReferenceCatalog.Default.StatesInGroup(region);
            var role = filter.Role;
            query = query.Where(c => c.States.Any(s => members.Contains(s.StateCode) && (role == null || s.Role == role) && (levels.Contains(s.Visibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode))))));
        }

        if (filter.Stage is { } stage)
        {
            var type = filter.AssetType;
            if (filter.YearFrom is not null || filter.YearTo is not null)
            {
                // The year the case reached the stage, as the statistics count it: its earliest counted figure of the stage.
                var from = filter.YearFrom ?? int.MinValue;
                var to = filter.YearTo ?? int.MaxValue;
                query = query.Where(c => figures.Where(f => f.CaseId == c.Id && f.Stage == stage).Min(f => (int?)f.Year) >= from
                    && figures.Where(f => f.CaseId == c.Id && f.Stage == stage).Min(f => (int?)f.Year) <= to);
            }

            query = query.Where(c => figures.Any(f => f.CaseId == c.Id && f.Stage == stage && (type == null || f.AssetType == type)));
        }
        else if (filter.AssetType is { } type)
        {
            query = query.Where(c => figures.Any(f => f.CaseId == c.Id && f.AssetType == type));
        }

        if (!string.IsNullOrWhiteSpace(filter.Challenge))
        {
            var challenge = filter.Challenge.Trim();
            query = query.Where(c => c.Challenges.Any(ch => ch.ChallengeCode == challenge));
        }

        foreach (var (code, role) in new[] { (filter.Requesting, StateRole.Requesting), (filter.Requested, StateRole.Requested) })
        {
            if (!string.IsNullOrWhiteSpace(code))
            {
                var state = code.Trim().ToUpperInvariant();
                query = query.Where(c => c.States.Any(s => s.StateCode == state && s.Role == role && (levels.Contains(s.Visibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode))))));
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Route))
        {
            var route = filter.Route.Trim();
            query = query.Where(c => c.Proceedings.Any(p => p.RouteCode == route && (levels.Contains(p.Visibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode))))));
        }

        if (!string.IsNullOrWhiteSpace(filter.Offence))
        {
            var offence = filter.Offence.Trim();
            query = query.Where(c => c.Offences.Any(o => o.OffenceCode == offence));
        }

        if (filter.Stage is null && (filter.YearFrom is not null || filter.YearTo is not null))
        {
            // The years of the case's counted figures (what the statistics count), not of every account reported.
            var from = filter.YearFrom ?? int.MinValue;
            var to = filter.YearTo ?? int.MaxValue;
            query = query.Where(c => figures.Any(f => f.CaseId == c.Id && f.Year >= from && f.Year <= to));
        }

        if (filter.MinUsd is not null || filter.MaxUsd is not null)
        {
            var min = filter.MinUsd ?? 0m;
            var max = filter.MaxUsd ?? decimal.MaxValue;
            query = query.Where(c => c.Measures.Any(m => m.UsdAmount != null && m.UsdAmount >= min && m.UsdAmount <= max && (levels.Contains(m.Visibility) || (anyOwn && c.States.Any(o => own.Contains(o.StateCode))))));
        }

        return query;
    }

    public static IQueryable<Case> Sort(this IQueryable<Case> cases, CaseSort sort) => sort switch
    {
        CaseSort.Oldest => cases.OrderBy(c => c.FirstYear).ThenBy(c => c.Id),
        CaseSort.Title => cases.OrderBy(c => c.Title).ThenBy(c => c.Id),
        CaseSort.TitleDescending => cases.OrderByDescending(c => c.Title).ThenByDescending(c => c.Id),
        CaseSort.Newest => cases.OrderByDescending(c => c.Id),
        _ => cases.OrderByDescending(c => c.LastYear).ThenByDescending(c => c.Id),
    };
}
