using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.GoodPractices;

/// <summary>Writing a practice: a focal point for its own State, the Secretariat for any (or for itself). The same rules as
/// the API (<see cref="SavePractice"/>); every error beside its field. Attachments are added and removed here too.</summary>
[Authorize(Policy = Policies.WritePractices)]
[RequestSizeLimit(PracticeLimits.MaxAttachmentBytes + 65536)]
public sealed class EditModel(PracticeQueries queries, SavePractice save, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PracticeInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public int? Id { get; private set; }

    public PracticeActor Actor { get; private set; } = PracticeActor.Public;

    public IReadOnlyList<PracticeAttachmentView> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Actor = User.PracticeActor();
        if (id is null)
        {
            Input = new PracticeInput { State = Actor.OwnStates.FirstOrDefault(), Language = Localization.CurrentLanguage };
            return Page();
        }

        return await LoadAsync(id.Value, fillInput: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Actor = User.PracticeActor();
        var document = Input.ToDocument();
        try
        {
            if (id is null)
            {
                id = await save.CreateAsync(document, Actor, User.Actor(), cancellationToken: cancellationToken);
            }
            else
            {
                await save.UpdateAsync(id.Value, document, Actor, User.Actor(), cancellationToken);
            }

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
            AddErrors(exception);
        }

        return id is null ? Page() : await LoadAsync(id.Value, fillInput: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostAttachAsync(int id, CancellationToken cancellationToken)
    {
        Actor = User.PracticeActor();
        try
        {
            if (Upload is null)
            {
                throw new ValidationFailedException([new ValidationError("file", "Required")]);
            }

            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            await save.AttachAsync(id, Upload.FileName, buffer.ToArray(), Actor, User.Actor(), cancellationToken);
            return Redirect($"/good-practices/edit/{id}");
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
            AddErrors(exception);
        }

        return await LoadAsync(id, fillInput: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostDetachAsync(int id, int attachment, int? version, CancellationToken cancellationToken)
    {
        Actor = User.PracticeActor();
        try
        {
            await save.DetachAsync(attachment, version, Actor, User.Actor(), cancellationToken);
            return Redirect($"/good-practices/edit/{id}");
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
            AddErrors(exception);
        }

        return await LoadAsync(id, fillInput: true, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(int id, bool fillInput, CancellationToken cancellationToken)
    {
        GoodPracticeDocument practice;
        try
        {
            practice = await queries.GetAsync(id, Actor, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        if (!Actor.MayEdit(practice.Status!.Value, practice.State))
        {
            return Forbid();
        }

        Id = id;
        Attachments = practice.Attachments ?? [];
        if (fillInput)
        {
            Input = PracticeInput.From(practice);
        }

        return Page();
    }

    /// <summary>Each error under its form field ("title" → Input.Title, "routes[2]" → Input.Routes).</summary>
    private void AddErrors(ValidationFailedException exception)
    {
        foreach (var error in exception.Errors)
        {
            var field = error.Field.Split('[')[0];
            var key = field == "file" ? nameof(Upload) : "Input." + char.ToUpperInvariant(field[0]) + field[1..];
            ModelState.AddModelError(key, localizer.Message(error));
        }
    }
}

/// <summary>The practice form as posted (strings, so that a tampered code is refused by the rules, not by binding).</summary>
public sealed class PracticeInput
{
    public int? Version { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? State { get; set; }
    public string? Language { get; set; }
    public List<string> OtherLanguages { get; set; } = [];
    public List<string> Stages { get; set; } = [];
    public List<string> Routes { get; set; } = [];
    public List<string> Challenges { get; set; } = [];

    public static PracticeInput From(GoodPracticeDocument d) => new()
    {
        Version = d.Version,
        Title = d.Title,
        Summary = d.Summary,
        Body = d.Body,
        State = d.State,
        Language = d.Language,
        OtherLanguages = [.. (d.OtherLanguages ?? []).OfType<string>()],
        Stages = [.. (d.Stages ?? []).Select(s => s.ToString()!)],
        Routes = [.. (d.Routes ?? []).OfType<string>()],
        Challenges = [.. (d.Challenges ?? []).OfType<string>()],
    };

    public GoodPracticeDocument ToDocument() => new()
    {
        Version = Version,
        Title = Title,
        Summary = Summary,
        Body = Body,
        State = string.IsNullOrWhiteSpace(State) ? null : State,
        Language = Language,
        OtherLanguages = [.. OtherLanguages],
        // An unknown stage (only a tampered form sends one) becomes an empty entry, which the rules refuse naming it.
        Stages = [.. Stages.Select(s => EnumCodes.TryParse<Stage>(s, out var stage) ? stage : (Stage?)null)],
        Routes = [.. Routes],
        Challenges = [.. Challenges],
    };
}
