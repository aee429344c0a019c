using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Analytics;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Statistics;

/// <summary>The public statistics dashboard: what the reader may see, counted once per case and stage.</summary>
[AllowAnonymous]
[PublicRead]
public sealed class IndexModel(Dashboard dashboard) : PageModel
{
    public StatisticsFilter Filter { get; private set; } = StatisticsFilter.None;
    public StateRole MapRole { get; private set; } = StateRole.Requested;
    public Dashboard.Content? Figures { get; private set; }
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        Filter = StatisticsEndpoints.BindFilter(HttpContext, errors);
        MapRole = StatisticsEndpoints.BindMapRole(HttpContext, errors);
        Errors = errors.Errors;
        Figures = await dashboard.BuildAsync(User.CaseReader(), errors.HasErrors ? StatisticsFilter.None : Filter, MapRole, cancellationToken: cancellationToken);
    }

    /// <summary>The address of a chart's download, with the filters the reader chose.</summary>
    public string Download(string chart, string format) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            $"/api/v1/statistics/charts/{chart}.{format}",
            Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
}
