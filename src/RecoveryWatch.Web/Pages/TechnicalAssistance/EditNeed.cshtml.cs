using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.TechnicalAssistance;

/// <summary>The Secretariat records a need or edits one and moves its status; every rule is the handler's, shown next to
/// its field. Focal points read their States' needs on the list but do not edit them.</summary>
[Authorize(Policy = Policies.EditCases)]
public sealed class EditNeedModel(Knowledge.TechnicalAssistance assistance, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public NeedDocument Input { get; set; } = new();

    public NeedDocument? Stored { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        if (id is { } known)
        {
            try
            {
                Stored = await assistance.GetNeedAsync(known, CaseReader.Secretariat, cancellationToken);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }

            Input = Stored;
        }
        else
        {
            Input = new NeedDocument { State = Request.Query["state"].FirstOrDefault(), Priority = NeedPriority.Medium, Visibility = Visibility.Secretariat };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is { } known)
        {
            try
            {
                Stored = await assistance.GetNeedAsync(known, CaseReader.Secretariat, cancellationToken);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }

        // A code the strict binder refused is already in ModelState, next to its field; the handler's rules add the others,
        // so every error shows at once.
        if (!ModelState.IsValid)
        {
            foreach (var error in await assistance.CheckNeedAsync(id, Input with { State = Stored?.State ?? Input.State }, cancellationToken))
            {
                var key = "Input." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
                if (ModelState[key] is not { Errors.Count: > 0 })
                {
                    ModelState.AddModelError(key, localizer.Message(error));
                }
            }
        }
        else
        {
            try
            {
                int saved;
                if (id is { } existing)
                {
                    // The State is fixed once recorded: the form shows it and does not post it.
                    await assistance.UpdateNeedAsync(existing, Input with { State = Stored!.State }, User.Actor(), cancellationToken);
                    saved = existing;
                }
                else
                {
                    saved = await assistance.CreateNeedAsync(Input, User.Actor(), cancellationToken);
                }

                return Redirect($"/technical-assistance/needs/edit/{saved.ToString(System.Globalization.CultureInfo.InvariantCulture)}?saved=true");
            }
            catch (ValidationFailedException exception)
            {
                foreach (var error in exception.Errors)
                {
                    ModelState.AddModelError("Input." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], localizer.Message(error));
                }
            }
        }

        if (Stored is not null)
        {
            // The version and status shown are those stored now: a conflict asks to look again, not to resend the old version.
            Input = Input with { Version = Stored.Version };
        }

        return Page();
    }
}
