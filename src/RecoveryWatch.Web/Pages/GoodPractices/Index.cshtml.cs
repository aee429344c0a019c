using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.GoodPractices;

/// <summary>The collection of good practices: published ones for anyone, searchable in any script and filtered by tags;
/// writers also find their drafts ("My State's practices") and the Secretariat those awaiting publication.</summary>
[AllowAnonymous]
public sealed class IndexModel(PracticeQueries queries) : PageModel
{
    public PracticeFilter Filter { get; private set; } = new();
    public PracticePage Result { get; private set; } = new([], 0, 1, PracticeFilter.DefaultPageSize);
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];
    public PracticeActor Actor { get; private set; } = PracticeActor.Public;

    public int PageCount => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (filter, errors) = PracticeFilterBinder.Bind(Request.Query);
        Filter = filter;
        Errors = errors;
        Actor = User.PracticeActor();
        Result = await queries.SearchAsync(filter, Actor, cancellationToken);
    }

    /// <summary>The current search with some parameters replaced (null removes one); page is reset unless given.</summary>
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

        return QueryHelpers.AddQueryString("/good-practices", query.Where(q => q.Value.Length > 0).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
    }
}
