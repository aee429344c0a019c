using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Rounds;

/// <summary>A round: each State's status (reminders list for the Secretariat), the template to download, and the upload,
/// which answers with every error and its cell in the reader's language. An upload that would supersede the State's
/// current answer is not stored until the sender has seen that answer (date, channel, counts) and ticked to replace it.</summary>
[Authorize(Policy = Policies.TakePartInRounds)]
public sealed class DetailsModel(RecoveryWatch.Collection.Rounds rounds, ImportSubmission import, RecoveryWatchDbContext db, IStringLocalizer<SharedResource> localizer,
    Reminders reminders, IAuthorizationService authorization) : PageModel
{
    /// <summary>The reminders sent for this round, newest first (Secretariat only).</summary>
    public IReadOnlyList<ReminderView> SentReminders { get; private set; } = [];

    /// <summary>What the reminder just asked for did: sent to whom, and who was skipped and why.</summary>
    public RemindersOutcome? ReminderResult { get; private set; }

    /// <summary>Why the reminder was not sent (no State chosen, or sent at the same moment by another request).</summary>
    public IReadOnlyList<string> ReminderErrors { get; private set; } = [];

    /// <summary>The States ticked for a reminder.</summary>
    [BindProperty]
    public List<string> RemindStates { get; set; } = [];

    public bool CanEdit { get; private set; }

    public bool Edited { get; private set; }

    public RoundView Round { get; private set; } = null!;
    public IReadOnlyList<(string Where, string Message)> Errors { get; private set; } = [];

    /// <summary>Why nothing was stored when the file itself was fine: a validated answer, an answer stored at the same time.</summary>
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>The State's current answer that the upload would supersede, listed for the sender to confirm.</summary>
    public CurrentSubmission? Confirmation { get; private set; }

    public int? Submitted { get; private set; }

    [BindProperty]
    public string? State { get; set; }

    [BindProperty]
    public IFormFile? Workbook { get; set; }

    /// <summary>The answer the sender agreed to supersede (the confirmation's check box); only that one is superseded.</summary>
    [BindProperty]
    public int? Replaces { get; set; }

    public bool IsSecretariat => User.ActingStates() is null;

    public async Task<IActionResult> OnGetAsync(int id, int? submitted, bool? edited, CancellationToken cancellationToken)
    {
        Submitted = submitted;
        Edited = edited == true;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var state = State?.Trim().ToUpperInvariant() ?? string.Empty;
        if (User.ActingStates() is { } own && !own.Contains(state))
        {
            return Forbid();
        }

        if (Workbook is null)
        {
            // No file chosen: say so, rather than the import's "not an .xlsx workbook" about an empty upload.
            Errors = [(nameof(Workbook), localizer.Message(new ValidationError(nameof(Workbook), "Required")))];
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        try
        {
            using var buffer = new MemoryStream();
            await Workbook.CopyToAsync(buffer, cancellationToken);
            var summary = await import.HandleAsync(id, state, Workbook.FileName, buffer.ToArray(), User.Actor(), Replaces is { } confirmed ? Replacement.Of(confirmed) : null, cancellationToken);
            return Redirect($"/rounds/{id}?submitted={summary.Id}");
        }
        catch (WorkbookRejectedException rejected)
        {
            Errors = [.. rejected.Errors.Select(e => ProblemExceptionHandler.Describe(e, localizer))];
        }
        catch (ConflictException conflict) when (conflict.Errors.Any(e => e.Code is ImportSubmission.WouldSupersede or ImportSubmission.ChangedSinceConfirmed))
        {
            // The confirmation step: list the answer that would be superseded (the current one, which may not be the one
            // confirmed earlier if another answer arrived meanwhile) and ask again.
            Confirmation = (await SubmissionQueries.CurrentAsync(db, id, state, cancellationToken)).SingleOrDefault();
            Refusals = [.. conflict.Errors.Where(e => e.Code == ImportSubmission.ChangedSinceConfirmed).Select(localizer.Message)];
        }
        catch (ConflictException conflict)
        {
            Refusals = [.. conflict.Errors.Select(localizer.Message)];
        }
        catch (ValidationFailedException exception)
        {
            Errors = [.. exception.Errors.Select(e => (e.Field, localizer.Message(e)))];
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The Secretariat reminds the overdue States (<paramref name="scope"/> "overdue") or those ticked ("selected").
    /// One reminder per State a day: a second click, even at the same moment, sends nothing more.</summary>
    public async Task<IActionResult> OnPostRemindAsync(int id, string? scope, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded)
        {
            return Forbid();
        }

        if (scope != "overdue" && RemindStates.Count == 0)
        {
            ReminderErrors = [localizer.Message(new ValidationError("states", "ChooseStates"))];
        }
        else
        {
            try
            {
                ReminderResult = await reminders.SendAsync(id, new SendRemindersRequest { States = scope == "overdue" ? null : [.. RemindStates] }, User.Actor(), cancellationToken);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            catch (ValidationFailedException exception)
            {
                ReminderErrors = [.. exception.Errors.Select(localizer.Message)];
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Round = await rounds.GetAsync(id, User.ActingStates(), Localization.CurrentLanguage, cancellationToken);
            CanEdit = (await authorization.AuthorizeAsync(User, Policies.ManageUsers)).Succeeded;
            if (IsSecretariat)
            {
                SentReminders = await reminders.ListAsync(id, cancellationToken);
            }

            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
