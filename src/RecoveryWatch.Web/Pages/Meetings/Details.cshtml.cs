using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Meetings;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Meetings;

/// <summary>A meeting: agenda with annotations and documents, organization of work, joint sittings, and adoption of the
/// report by silence procedure (the Secretariat circulates; delegates may break silence before the deadline).</summary>
[AllowAnonymous]
public sealed class DetailsModel(RecoveryWatchDbContext db, SilenceProcedures silence, AgendaLifecycle lifecycle, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    /// <summary>The language the agenda was asked for (?lang=, else the reader's); the agenda may exist only in others.</summary>
    public string RequestedLanguage { get; private set; } = RecoveryWatch.ReferenceData.Languages.Default;
    public IReadOnlyDictionary<string, MeetingDocument> Documents { get; private set; } = new Dictionary<string, MeetingDocument>();
    public IReadOnlyList<SilenceView> Procedures { get; private set; } = [];
    public bool CanCirculate { get; private set; }
    public bool CanBreakSilence { get; private set; }
    public bool CanRegister { get; private set; }
    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    [BindProperty]
    public string? DraftSymbol { get; set; }

    [BindProperty]
    public DateTime? Deadline { get; set; }

    [BindProperty]
    public SilenceBreakKind Kind { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int ProcedureId { get; set; }

    /// <summary>Set by the confirmation step's button: only then is silence broken (breaking it cannot be undone).</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    /// <summary>The objection or amendment awaiting the delegate's confirmation, shown in place of the form.</summary>
    public PendingBreak? Pending { get; private set; }

    /// <summary>Draft symbols with an entry in the document register, which the page may link to.</summary>
    public IReadOnlySet<string> RegisteredSymbols { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCirculateAsync(int id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageMeetings)).Succeeded)
        {
            return Forbid();
        }

        var meeting = await MeetingQueries.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        try
        {
            // The deadline is typed in the meeting's time zone, as the Secretariat announces it.
            DateTimeOffset? deadline = null;
            if (Deadline is { } wallClock)
            {
                deadline = meeting.TryInstant(wallClock, out var instant)
                    ? instant
                    : throw new ValidationFailedException([new ValidationError("deadline", "InvalidLocalTime")]);
            }

            await silence.CirculateAsync(id, DraftSymbol ?? string.Empty, deadline, User.Actor(), cancellationToken);
            return Redirect($"/meetings/{id}#silence");
        }
        catch (ValidationFailedException exception)
        {
            AddErrors(exception);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAdoptAsync(int id, CancellationToken cancellationToken) =>
        SecretariatStepAsync(id, () => lifecycle.AdoptAsync(id, User.Actor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAmendAsync(int id, CancellationToken cancellationToken) =>
        SecretariatStepAsync(id, () => lifecycle.AmendAsync(id, Text, User.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> SecretariatStepAsync(int id, Func<Task> step, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageMeetings)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await step();
            return Redirect($"/meetings/{id}#lifecycle");
        }
        catch (ValidationFailedException exception)
        {
            AddErrors(exception);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostBreakAsync(int id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.BreakSilence)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var state = User.ActingStates()!.First();
            if (!Confirm)
            {
                // First step: check the text by the rule the break applies, store nothing, and ask for confirmation.
                var text = silence.CheckBreakText(Text);
                if (!await LoadAsync(id, cancellationToken))
                {
                    return NotFound();
                }

                var procedure = Procedures.FirstOrDefault(p => p.Id == ProcedureId);
                if (procedure is null)
                {
                    return NotFound();
                }

                if (procedure.Status != SilenceStatus.Open)
                {
                    // Closed since the page was read: say so now rather than after the confirmation.
                    AddErrors(new ValidationFailedException([new ValidationError("text", procedure.Status == SilenceStatus.Broken ? "AlreadyBroken" : "DeadlinePassed")]));
                    return Page();
                }

                Pending = new PendingBreak(ProcedureId, state, Kind, text);
                return Page();
            }

            await silence.BreakAsync(ProcedureId, state, Kind, Text, User.Actor(), cancellationToken);
            return Redirect($"/meetings/{id}#silence");
        }
        catch (ValidationFailedException exception)
        {
            AddErrors(exception);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private void AddErrors(ValidationFailedException exception)
    {
        foreach (var error in exception.Errors)
        {
            ModelState.AddModelError(char.ToUpperInvariant(error.Field[0]) + error.Field[1..], localizer.Message(error));
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var meeting = await MeetingQueries.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        var language = RecoveryWatch.ReferenceData.Languages.Normalize(Lang ?? Localization.CurrentLanguage);
        RequestedLanguage = language;
        Meeting = MeetingQueries.View(meeting, language);
        Documents = await MeetingQueries.DocumentsAsync(db, meeting, cancellationToken);
        Procedures = await silence.ForMeetingAsync(id, cancellationToken);
        var drafts = Procedures.Select(p => p.DraftSymbol).Distinct().ToList();
        RegisteredSymbols = drafts.Count == 0 ? new HashSet<string>()
            : (await db.Documents.AsNoTracking().Where(d => drafts.Contains(d.Symbol)).Select(d => d.Symbol).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        CanCirculate = (await authorization.AuthorizeAsync(User, Policies.ManageMeetings)).Succeeded;
        CanBreakSilence = (await authorization.AuthorizeAsync(User, Policies.BreakSilence)).Succeeded;
        CanRegister = (await authorization.AuthorizeAsync(User, Policies.RegisterParticipants)).Succeeded;
        return true;
    }

    public string Time(DateTimeOffset local) => UnFormat.Time(local);

    public string Day(DateTimeOffset local) => local.ToString("dddd " + UnFormat.DatePattern(), UnFormat.Culture());

    public static string DocumentUrl(string symbol) => "/documents?symbol=" + Uri.EscapeDataString(symbol);
}

/// <summary>An objection or amendment checked and shown back to the delegate, not yet sent.</summary>
public sealed record PendingBreak(int ProcedureId, string State, SilenceBreakKind Kind, string Text);
