using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Cases;

/// <summary>The public case search with facets; the same filters as <c>/api/v1/cases</c>.</summary>
[AllowAnonymous]
[PublicRead]
public sealed class IndexModel(SearchCases search) : PageModel
{
    public CaseFilter Filter { get; private set; } = new();
    public CaseSearchResult Result { get; private set; } = new([], 0, 1, 25, null);
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public int PageCount => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var bound = CaseFilterBinder.Bind(Request.Query);
        Filter = bound.Filter;
        Errors = bound.Errors;
        Result = await search.HandleAsync(bound.Filter, User.CaseReader(), bound.Page, bound.PageSize, withFacets: true, cancellationToken);
    }

    /// <summary>The current query string with some parameters replaced (null removes one); page is reset unless given.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (!changes.Any(c => c.Key == "page"))
        {
            query.Remove("page");
        }

        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                query.Remove(key);
            }
            else
            {
                query[key] = value;
            }
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/cases", query.Where(q => q.Value.Length > 0).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
    }

    public string ExportLink(string format) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            "/api/v1/export/cases." + format,
            Request.Query.Where(q => q.Key is not ("page" or "pageSize" or "cursor")).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
}
