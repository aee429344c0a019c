using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Analytics;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Challenges;

/// <summary>
/// The challenge taxonomy with, per type, the number of cases the reader may see that met it (COSP resolution 8/9: "the most
/// common challenges"), filtered like the statistics (years, region, stage) and by a State of the case; each count links
/// to exactly its cases. The Secretariat also sees how many States reported each type in general, and edits the taxonomy.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(ChallengeTaxonomy taxonomy, ChallengeStatistics statistics, ChallengeFrequencies frequencies, IAuthorizationService authorization) : PageModel
{
    public ChallengeCatalog Types { get; private set; } = new([]);
    public StatisticsFilter Filter { get; private set; } = StatisticsFilter.None;
    public string? State { get; private set; }
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    /// <summary>Per type, the cases that met it and the list of exactly those cases.</summary>
    public IReadOnlyDictionary<string, ChallengeRow> Cases { get; private set; } = new Dictionary<string, ChallengeRow>();

    /// <summary>Null unless the reader is the Secretariat.</summary>
    public IReadOnlyDictionary<string, StateChallengeCount>? StateReports { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        Filter = StatisticsEndpoints.BindFilter(HttpContext, errors);
        var bound = CaseFilterBinder.Bind(Request.Query);
        foreach (var error in bound.Errors.Where(e => e.Field == "state"))
        {
            errors.Add(error.Field, error.Code, error.Arguments);
        }

        State = bound.Filter.State;
        Errors = errors.Errors;
        if (errors.HasErrors)
        {
            Filter = StatisticsFilter.None;
            State = null;
        }

        Types = await taxonomy.GetAsync(cancellationToken);
        var reader = User.CaseReader();
        // With a State: the cases in which the reader may see that State (the by=state grouping of the statistics).
        var rows = State is { } state
            ? (await statistics.HandleAsync(ChallengeGrouping.State, reader, Filter, cancellationToken: cancellationToken)).Where(r => r.Group == state)
            : (await statistics.HandleAsync(reader, Filter, cancellationToken)).Where(r => r.Stage is null);
        Cases = rows.ToDictionary(r => r.Challenge, StringComparer.Ordinal);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        if (CanEdit)
        {
            StateReports = (await frequencies.CountsAsync(State, cancellationToken)).ToDictionary(c => c.Challenge, StringComparer.Ordinal);
        }
    }

    /// <summary>The case list of a type that no visible case met (an empty list, with the same filters).</summary>
    public string EmptyLink(string code) => Filter.CasesLink(("challenge", code), ("state", State));
}
