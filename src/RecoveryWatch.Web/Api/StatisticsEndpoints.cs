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
            .AllowAnonymous().WithTags("Open data")
            .WithSummary("Volumes frozen, seized, confiscated and returned per group and stage: cases and USD, each case counted once per group")
            .WithDescription("by=year|region|route|offence|state|assettype (default year); role=Requesting|Requested|Transit limits by=state and by=region to States in that role. "
                + "Per case and stage one account counts: the requested State's for freezing, seizure and confiscation, the requesting State's for returns, "
                + "else the other side's, else the Secretariat's. casesWithoutRate counts cases whose figures have no dated exchange rate (left out of usdTotal).");
        api.MapGet("/statistics/coverage", async (int? round, HttpContext http, CoverageStatistics coverage, CancellationToken ct) =>
                TypedResults.Ok(await coverage.HandleAsync(round, http.User.CaseReader(), ct)))
            .AllowAnonymous().WithTags("Open data")
            .WithSummary("Coverage of information requests (?round=id, else every round): States asked, States that answered (submitted or validated), validated, and States asked with cases the caller may see");
        return api;
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

        errors.ThrowIfAny();
        return TypedResults.Ok(await statistics.HandleAsync(grouping, http.User.CaseReader(), stateRole, cancellationToken));
    }
}
