using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.GoodPractices;

/// <summary>One practice: its text rendered from Markdown (sanitised), tags in the reader's language, attachments, and the
/// workflow buttons the reader may use. An unpublished practice is "not found" to those who may not see it.</summary>
[AllowAnonymous]
public sealed class DetailsModel(PracticeQueries queries, SavePractice save, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public GoodPracticeDocument Practice { get; private set; } = null!;
    public PracticeActor Actor { get; private set; } = PracticeActor.Public;
    public string? Error { get; private set; }

    /// <summary>The steps the reader may take now, in the order shown.</summary>
    public IReadOnlyList<PracticeAction> Steps { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>A workflow button: the version shown travels with it, so a second click (or someone else's first) is refused.</summary>
    public async Task<IActionResult> OnPostStepAsync(int id, string? step, int? version, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (!EnumCodes.TryParse<PracticeAction>(step, out var action))
        {
            return BadRequest();
        }

        try
        {
            await save.ApplyAsync(id, action, version, User.PracticeActor(), User.Actor(), cancellationToken);
            return Redirect($"/good-practices/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (PracticeForbiddenException)
        {
            return Forbid();
        }
        catch (ValidationFailedException exception)
        {
            Error = string.Join(" ", exception.Errors.Select(localizer.Message));
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Actor = User.PracticeActor();
        try
        {
            Practice = await queries.GetAsync(id, Actor, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        var status = Practice.Status!.Value;
        Steps = [.. Enum.GetValues<PracticeAction>().Where(a => GoodPractice.Target(status, a) is not null && Actor.MayApply(a, status, Practice.State))];
        CanEdit = Actor.MayEdit(status, Practice.State);
        return true;
    }
}
