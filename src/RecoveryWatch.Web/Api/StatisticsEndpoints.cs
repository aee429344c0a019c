using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryWatch.Analytics;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

/// <summary>Open-data statistics, read from the counted figures (one account per case and stage) over what the caller may see.</summary>
public static class StatisticsEndpoints
{
    public static RouteGroupBuilder MapStatisticsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics/volumes", VolumesAsync)
            .AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("Volumes frozen, seized, confiscated and returned per group and stage: cases and USD, each case counted once per group")
            .WithDescription("by=year|region|route|offence|state|assettype (default year); role=Requesting|Requested|Transit limits by=state and by=region to States in that role. "
                + "Per case and stage one account counts: the requested State's for freezing, seizure and confiscation, the requesting State's for returns, "
                + "else the other side's, else the Secretariat's. casesWithoutRate counts cases whose figures have no dated exchange rate (left out of usdTotal). "
                + FiltersDescription);
        api.MapGet("/statistics/durations", DurationsAsync)
            .AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("Time from the first freezing or seizure to confiscation and to return: median, quartiles and distribution in days, and stalled cases")
            .WithDescription("stalledAfter=N (years, default 3): cases frozen or seized more than N years ago with no confiscation. yearFrom/yearTo select the cases "
                + "by the year of their first freezing or seizure; region as in /api/v1/cases.");
        api.MapGet("/statistics/flows", FlowsAsync)
            .AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("Requesting State → requested State, per stage: cases and USD, each case once per pair")
            .WithDescription(FiltersDescription);
        api.MapGet("/statistics/challenges", ChallengesAsync)
            .AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("Challenges met, by number of cases and by the stages the cases reached (stage null: all cases that met it)")
            .WithDescription("by=type|state|region|route (default type): per challenge, the cases that met it per State of the case, per UN regional group of such a "
                + "State, or per legal route of a proceeding of the case (group), each case once per group, from what the caller may see; "
                + "role=Requesting|Requested|Transit limits by=state and by=region to States in that role. " + FiltersDescription);
        api.MapGet("/statistics/coverage", async (int? round, HttpContext http, CoverageStatistics coverage, CancellationToken ct) =>
                TypedResults.Ok(await coverage.HandleAsync(round, http.User.CaseReader(), ct)))
            .AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("Coverage of information requests (?round=id, else every round): States asked, States that answered (submitted or validated), validated, and States asked with cases the caller may see");
        return api;
    }

    private const string FiltersDescription = "Filters, with the meaning they have in /api/v1/cases so each figure links to its cases: yearFrom, yearTo "
        + "(the year a case reached the stage), region (a UN regional group of a State involved), stage.";

    /// <summary>The statistics filters, bound by the case list's own binder so a parameter means the same in both.</summary>
    public static StatisticsFilter BindFilter(HttpContext http, ValidationCollector errors)
    {
        var bound = CaseFilterBinder.Bind(http.Request.Query);
        foreach (var error in bound.Errors.Where(e => e.Field is "yearFrom" or "yearTo" or "region" or "stage"))
        {
            errors.Add(error.Field, error.Code, error.Arguments);
        }

        return new StatisticsFilter { YearFrom = bound.Filter.YearFrom, YearTo = bound.Filter.YearTo, Region = bound.Filter.Region, Stage = bound.Filter.Stage };
    }

    /// <summary>The role of the States the dashboard's map shades: where assets are located (requested, the default) or
    /// the States asking for them.</summary>
    public static StateRole BindMapRole(HttpContext http, ValidationCollector errors)
    {
        var text = http.Request.Query["mapRole"].ToString();
        if (text.Length == 0)
        {
            return StateRole.Requested;
        }

        if (EnumCodes.TryParse<StateRole>(text, out var role) && role is StateRole.Requested or StateRole.Requesting)
        {
            return role;
        }

        errors.Add("mapRole", "UnknownCode", text);
        return StateRole.Requested;
    }

    private static async Task<Ok<DurationStatisticsResult>> DurationsAsync(int? stalledAfter, HttpContext http, DurationStatistics statistics, CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var filter = BindFilter(http, errors);
        if (stalledAfter is < 1 or > 50)
        {
            errors.Add("stalledAfter", "OutOfRange", 1, 50);
        }

        errors.ThrowIfAny();
        return TypedResults.Ok(await statistics.HandleAsync(http.User.CaseReader(), filter, stalledAfter ?? DurationStatistics.DefaultStalledAfterYears, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<FlowRow>>> FlowsAsync(HttpContext http, FlowStatistics statistics, CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var filter = BindFilter(http, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await statistics.HandleAsync(http.User.CaseReader(), filter, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<ChallengeRow>>> ChallengesAsync(string? by, string? role, HttpContext http, ChallengeStatistics statistics, CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var grouping = ChallengeGrouping.Type;
        if (by is not null && !EnumCodes.TryParse(by, out grouping))
        {
            errors.Add("by", "UnknownCode", by);
        }

        StateRole? stateRole = null;
        if (role is not null)
        {
            if (EnumCodes.TryParse<StateRole>(role, out var parsed))
            {
                stateRole = parsed;
            }
            else
            {
                errors.Add("role", "UnknownCode", role);
            }
        }

        if (stateRole is not null && grouping is not (ChallengeGrouping.State or ChallengeGrouping.Region))
        {
            errors.Add("role", "RoleNeedsStateOrRegion");
        }

        var filter = BindFilter(http, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await statistics.HandleAsync(grouping, http.User.CaseReader(), filter, stateRole, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<VolumeRow>>> VolumesAsync(string? by, string? role, HttpContext http, VolumeStatistics statistics, CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var grouping = VolumeGrouping.Year;
        if (by is not null && !EnumCodes.TryParse(by, out grouping))
        {
            errors.Add("by", "UnknownCode", by);
        }

        StateRole? stateRole = null;
        if (role is not null)
        {
            if (EnumCodes.TryParse<StateRole>(role, out var parsed))
            {
                stateRole = parsed;
            }
            else
            {
                errors.Add("role", "UnknownCode", role);
            }
        }

        if (stateRole is not null && grouping is not (VolumeGrouping.State or VolumeGrouping.Region))
        {
            errors.Add("role", "RoleNeedsStateOrRegion");
        }

        var filter = BindFilter(http, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await statistics.HandleAsync(grouping, http.User.CaseReader(), stateRole, filter, cancellationToken));
    }
}
