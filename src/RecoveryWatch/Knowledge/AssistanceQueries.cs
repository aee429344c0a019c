using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// What a reader may see of technical assistance, in the query itself, with the rule the case data follows
/// (<see cref="CaseReader"/>): needs within its clearance, and a focal point also the restricted needs of its own States;
/// the Secretariat everything. Counts are taken over the same rows, so a restricted need never shows even as a number.
/// </summary>
public static class AssistanceQueries
{
    public static IQueryable<AssistanceNeed> VisibleTo(this IQueryable<AssistanceNeed> needs, CaseReader reader)
    {
        var levels = reader.Levels;
        var own = reader.OwnStates;
        return own.Length == 0
            ? needs.Where(n => levels.Contains(n.Visibility))
            : needs.Where(n => levels.Contains(n.Visibility) || own.Contains(n.StateCode));
    }

    /// <summary>Activities within the reader's clearance, or (for a focal point) that benefited one of its States.</summary>
    public static IQueryable<AssistanceActivity> VisibleTo(this IQueryable<AssistanceActivity> activities, CaseReader reader)
    {
        var levels = reader.Levels;
        var own = reader.OwnStates;
        return own.Length == 0
            ? activities.Where(a => levels.Contains(a.Visibility))
            : activities.Where(a => levels.Contains(a.Visibility) || a.States.Any(s => own.Contains(s.StateCode)));
    }

    public static IQueryable<AssistanceNeed> Filter(this IQueryable<AssistanceNeed> needs, NeedFilter filter)
    {
        if (filter.State is { } state)
        {
            needs = needs.Where(n => n.StateCode == state);
        }

        if (filter.Region is { } region)
        {
            var members = ReferenceCatalog.Default.StatesInGroup(region);
            needs = needs.Where(n => members.Contains(n.StateCode));
        }

        if (filter.Area is { } area)
        {
            needs = needs.Where(n => n.AreaCode == area);
        }

        if (filter.Type is { } type)
        {
            needs = needs.Where(n => n.Type == type);
        }

        if (filter.Priority is { } priority)
        {
            needs = needs.Where(n => n.Priority == priority);
        }

        if (filter.Status is { } status)
        {
            needs = needs.Where(n => n.Status == status);
        }

        if (filter.Unmet)
        {
            needs = needs.Where(n => n.Status == NeedStatus.Open || n.Status == NeedStatus.InProgress);
        }

        return needs;
    }

    public static IQueryable<AssistanceNeed> Unmet(this IQueryable<AssistanceNeed> needs) =>
        needs.Where(n => n.Status == NeedStatus.Open || n.Status == NeedStatus.InProgress);

    internal static IQueryable<AssistanceNeed> Needs(this RecoveryWatchDbContext db) => db.Set<AssistanceNeed>();

    internal static IQueryable<AssistanceActivity> Activities(this RecoveryWatchDbContext db) => db.Set<AssistanceActivity>();
}
