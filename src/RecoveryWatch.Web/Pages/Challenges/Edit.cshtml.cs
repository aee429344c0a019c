using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Challenges;

/// <summary>The Secretariat adds a challenge type, edits its labels in the six languages, or retires it. The rules are the
/// handler's (<see cref="ManageChallengeTypes"/>), as for the API; the page shows each error beside its field.</summary>
[Authorize(Policy = Policies.EditCases)]
public sealed class EditModel(ManageChallengeTypes manage, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Null for a new type.</summary>
    public string? Code { get; private set; }

    [BindProperty]
    public string? NewCode { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Names { get; set; } = [];

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public bool Retired { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    public bool BuiltIn { get; private set; }

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (code is not null)
        {
            try
            {
                var type = await manage.GetAsync(code, cancellationToken);
                Names = type.Names!;
                Description = type.Description;
                Retired = type.Retired;
                Version = type.Version;
                BuiltIn = type.BuiltIn == true;
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        var document = new ChallengeTypeDocument
        {
            Code = code ?? NewCode,
            Names = Languages.All.ToDictionary(l => l, l => Names.GetValueOrDefault(l), StringComparer.Ordinal),
            Description = Description,
            Retired = Retired,
            Version = Version,
        };
        try
        {
            var saved = code is null
                ? await manage.CreateAsync(document, User.Actor(), cancellationToken)
                : await manage.UpdateAsync(code, document, User.Actor(), cancellationToken);
            return Redirect($"/challenges#challenge-{saved.Code}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException exception)
        {
            Errors = exception.Errors;
        }

        return Page();
    }

    /// <summary>The messages of the errors of one field ("code", "names.fr", "description"…).</summary>
    public IEnumerable<string> ErrorsFor(string field) => Errors.Where(e => e.Field == field).Select(localizer.Message);
}
