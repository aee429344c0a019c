using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

public sealed record ClarificationRequest(List<CommentInput> Comments);

/// <summary>Information requests: rounds, the Excel template per State and language, submissions, review.</summary>
public static class RoundEndpoints
{
    public static RouteGroupBuilder MapRoundEndpoints(this RouteGroupBuilder api)
    {
        var rounds = api.MapGroup("/rounds").WithTags("Information requests");
        rounds.MapGet("/", ListAsync).RequireAuthorization(Policies.TakePartInRounds).WithSummary("Rounds, with the status of each State asked (a focal point sees its own)");
        rounds.MapPost("/", CreateAsync).RequireAuthorization(Policies.ManageUsers).WithSummary("Create an information request (administrators)");
        rounds.MapGet("/{id:int}", GetAsync).RequireAuthorization(Policies.TakePartInRounds).WithSummary("One round");
        rounds.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Policies.ManageUsers)
            .WithSummary("Edit a round (administrators): send back what GET returns with the changes (title in ?lang=, mandate, period, deadline, questionnaireVersion, "
                + "states); id, code and each State's status are read-only. 200 with the round; unchanged, nothing is written. 409 on a stale version, on removing a State "
                + "that has answered, or on changing the questionnaire or the period once a State has answered");
        rounds.MapGet("/{id:int}/reminders", RemindersAsync).RequireAuthorization(Policies.EditCases)
            .WithSummary("The reminders sent for the round (Secretariat): when, to which State, to whom, by whom, and the text sent in the recipient's language");
        rounds.MapPost("/{id:int}/reminders", RemindAsync).RequireAuthorization(Policies.EditCases)
            .WithSummary("Remind States that have not answered (Secretariat): {\"states\":[ISO3…]} for chosen States, or no body / no States for every overdue State. "
                + "One reminder per State and round a day: the answer lists the reminders sent and the States skipped (already reminded today, no focal point, answered); "
                + "409 if another request reminded one of them at the same moment");
        rounds.MapGet("/{id:int}/template.xlsx", TemplateAsync).RequireAuthorization(Policies.TakePartInRounds).WithSummary("The Excel template for a State (?state=ISO3&lang=), pre-filled with its known cases");
        rounds.MapGet("/{id:int}/note.docx", NoteAsync).RequireAuthorization(Policies.ManageMeetings)
            .WithSummary("The Secretariat's note to the Working Group on the round, as a Word document (?lang=, ?symbol= else the next free CAC/COSP/WG.2/<year>/<n>), "
                + "from the statistics as the public sees them");
        rounds.MapPost("/{id:int}/submissions/{state}", SubmitAsync).RequireAuthorization(Policies.TakePartInRounds)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(WorkbookReader.MaxFileBytes + 65536))
            .WithSummary("Submit a filled-in template (multipart 'file'): 201 with the submission, 400 listing every error with sheet, row and column, or 409 naming the State's "
                + "current answer it would supersede (send again with ?replace=true), a validated answer, or another import for the State and round stored at the same time");

        var submissions = api.MapGroup("/submissions").WithTags("Information requests");
        submissions.MapGet("/{id:int}", SubmissionAsync).RequireAuthorization(Policies.TakePartInRounds).WithSummary("A submission and what it would change");
        submissions.MapPost("/{id:int}/clarification", ClarifyAsync).RequireAuthorization(Policies.EditCases)
            .WithSummary("Ask the State for clarification, row by row; 409 if the answer is no longer waiting for review (asked, validated or superseded meanwhile)");
        submissions.MapPost("/{id:int}/validate", ValidateAsync).RequireAuthorization(Policies.EditCases)
            .WithSummary("Validate and merge into the case database, once: 409 if already validated, sent back or superseded, or validated at the same time by another request");
        var reconciliation = api.MapGroup("/reconciliation").WithTags("Information requests").RequireAuthorization(Policies.EditCases);
        reconciliation.MapGet("/", async (Reconciliation r, CancellationToken ct) => TypedResults.Ok(await r.ListAsync(ct)))
            .WithSummary("Proposed matches between reports of the same matter, then every decision taken (status, decidedBy, decidedAt, the two cases' ids and titles at the time)");
        reconciliation.MapGet("/{id:int}", async (int id, Reconciliation r, CancellationToken ct) => TypedResults.Ok(await r.CompareAsync(id, ct)))
            .WithSummary("One proposal with its two reports side by side: each field (title, States and roles, offences, routes, years, summary) and each stage's figures "
                + "marked as agreeing or not, and the score taken apart by criterion");
        reconciliation.MapPost("/{id:int}/confirm", async (int id, HttpContext http, Reconciliation r, CancellationToken ct) => TypedResults.Ok(new { caseId = await r.ConfirmAsync(id, http.User.Actor(), ct) }))
            .WithSummary("Confirm: the two reports become one canonical case; 409 if the proposal is already decided");
        reconciliation.MapPost("/{id:int}/reject", async (int id, HttpContext http, Reconciliation r, CancellationToken ct) =>
        {
            await r.RejectAsync(id, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Reject: they are different matters; 409 if the proposal is already decided");

        return api;
    }


    /// <summary>A focal point acts for its own States only; the Secretariat for any.</summary>
    private static void CheckState(HttpContext http, string state)
    {
        if (http.User.ActingStates() is { } own && !own.Contains(state))
        {
            throw new ForbiddenStateException();
        }
    }

    private static async Task<Ok<IReadOnlyList<RoundView>>> ListAsync(HttpContext http, Rounds rounds, CancellationToken ct) =>
        TypedResults.Ok(await rounds.ListAsync(http.User.ActingStates(), Localization.RequestedLanguage(http), ct));

    private static async Task<Ok<RoundView>> GetAsync(int id, HttpContext http, Rounds rounds, CancellationToken ct) =>
        TypedResults.Ok(await rounds.GetAsync(id, http.User.ActingStates(), Localization.RequestedLanguage(http), ct));

    private static async Task<Ok<RoundView>> UpdateAsync(int id, EditRoundRequest request, HttpContext http, Rounds rounds, CancellationToken ct) =>
        TypedResults.Ok((await rounds.UpdateAsync(id, request, Localization.RequestedLanguage(http), http.User.Actor(), ct)).Round);

    private static async Task<Ok<IReadOnlyList<ReminderView>>> RemindersAsync(int id, Reminders reminders, CancellationToken ct) =>
        TypedResults.Ok(await reminders.ListAsync(id, ct));

    private static async Task<Ok<RemindersOutcome>> RemindAsync(int id, SendRemindersRequest? request, HttpContext http, Reminders reminders, CancellationToken ct) =>
        TypedResults.Ok(await reminders.SendAsync(id, request ?? new SendRemindersRequest(), http.User.Actor(), ct));

    private static async Task<Created<RoundView>> CreateAsync(CreateRoundRequest request, HttpContext http, Rounds rounds, CancellationToken ct)
    {
        var view = await rounds.CreateAsync(request, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/rounds/{view.Id}", view);
    }

    private static async Task<IResult> NoteAsync(int id, string? symbol, HttpContext http, RecoveryWatch.Reporting.GatherNoteContent gather, CancellationToken ct)
    {
        var language = Localization.RequestedLanguage(http);
        var content = await gather.HandleAsync(id, symbol, ct);
        return TypedResults.File(RecoveryWatch.Reporting.SecretariatNote.Write(content, language), RecoveryWatch.Reporting.SecretariatNote.ContentType,
            RecoveryWatch.Reporting.SecretariatNote.FileName(content.Symbol, language));
    }

    private static async Task<IResult> TemplateAsync(int id, string? state, HttpContext http, SubmissionTemplate template, CancellationToken ct)
    {
        var code = state?.Trim().ToUpperInvariant() ?? http.User.ActingStates()?.FirstOrDefault() ?? string.Empty;
        if (code.Length == 0)
        {
            throw new ValidationFailedException([new ValidationError("state", "Required")]);
        }

        CheckState(http, code);
        var workbook = await template.WriteAsync(id, code, Localization.RequestedLanguage(http), ct);
        return TypedResults.File(workbook.Content, SubmissionTemplate.ContentType, workbook.FileName);
    }

    /// <param name="replace">The sender's consent that this answer supersedes the State's current one; without it such an
    /// upload is a 409 naming the answer it would supersede.</param>
    private static async Task<Created<SubmissionSummary>> SubmitAsync(int id, string state, IFormFile file, bool? replace, HttpContext http, ImportSubmission import, CancellationToken ct)
    {
        var code = state.Trim().ToUpperInvariant();
        CheckState(http, code);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var summary = await import.HandleAsync(id, code, file.FileName, buffer.ToArray(), http.User.Actor(), replace == true ? Replacement.Current : null, ct);
        return TypedResults.Created($"/api/v1/submissions/{summary.Id}", summary);
    }

    private static async Task<Ok<SubmissionView>> SubmissionAsync(int id, HttpContext http, RecoveryWatchDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await SubmissionQueries.GetAsync(db, id, http.User.ActingStates(), ct));

    private static async Task<NoContent> ClarifyAsync(int id, ClarificationRequest request, HttpContext http, ReviewSubmission review, CancellationToken ct)
    {
        await review.RequestClarificationAsync(id, request.Comments ?? [], http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<int>>> ValidateAsync(int id, HttpContext http, ReviewSubmission review, CancellationToken ct) =>
        TypedResults.Ok(await review.ValidateAsync(id, http.User.Actor(), ct));
}

/// <summary>A focal point acting for a State that is not its own.</summary>
public sealed class ForbiddenStateException : Exception
{
    public ForbiddenStateException()
        : base("Not your State.")
    {
    }

    public ForbiddenStateException(string message)
        : base(message)
    {
    }

    public ForbiddenStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
