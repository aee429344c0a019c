using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Reporting;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Reports;

/// <summary>The Secretariat chooses a round and a language and downloads its note to the Working Group in Word. A plain GET
/// form: producing the note changes nothing, so the download link can be bookmarked or shared among staff.</summary>
[Authorize(Policy = Policies.ManageMeetings)]
public sealed class NoteModel(RecoveryWatch.Collection.Rounds rounds, GatherNoteContent gather, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<RoundView> Rounds { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Round { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Symbol { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var language = Localization.CurrentLanguage;
        if (Lang is not null && !RecoveryWatch.ReferenceData.Languages.TryParse(Lang, out language))
        {
            ModelState.AddModelError("lang", localizer.Message(new ValidationError("lang", "UnknownCode", Lang)));
        }
        else if (Round is { } round)
        {
            try
            {
                var content = await gather.HandleAsync(round, Symbol, cancellationToken);
                return File(SecretariatNote.Write(content, language), SecretariatNote.ContentType, SecretariatNote.FileName(content.Symbol, language));
            }
            catch (NotFoundException)
            {
                // Said next to the field, with the form to choose another round.
                ModelState.AddModelError("round", localizer.Message(new ValidationError("round", "UnknownCode", round)));
            }
            catch (ValidationFailedException exception)
            {
                foreach (var error in exception.Errors)
                {
                    ModelState.AddModelError(error.Field, localizer.Message(error));
                }
            }
        }

        Rounds = await rounds.ListAsync(null, Localization.CurrentLanguage, cancellationToken);
        return Page();
    }
}
