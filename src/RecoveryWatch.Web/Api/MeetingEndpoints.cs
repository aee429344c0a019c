using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Meetings;
using RecoveryWatch.Reporting;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

public sealed record CirculateRequest(string? DraftSymbol, DateTimeOffset? Deadline);

public sealed record AmendAgendaRequest(string? Text);

public sealed record BreakSilenceRequest(SilenceBreakKind Kind, string? Text);

public static class MeetingEndpoints
{
    public static RouteGroupBuilder MapMeetingEndpoints(this RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/meetings").WithTags("Meetings");
        meetings.MapGet("/", ListAsync).AllowAnonymous().WithSummary("Meetings, newest first");
        meetings.MapGet("/{id:int}", GetAsync).AllowAnonymous().WithSummary("A meeting with its agenda, organization of work and joint sittings (?lang=)");
        meetings.MapGet("/{id:int}/calendar.ics", CalendarAsync).AllowAnonymous().WithSummary("The organization of work as iCalendar");
        meetings.MapGet("/{id:int}/agenda.docx", AgendaAsync).AllowAnonymous().WithSummary("The annotated provisional agenda as a Word document (?lang=)");
        meetings.MapPost("/{id:int}/agenda/adopt", AdoptAsync).RequireAuthorization(Policies.ManageMeetings).WithSummary("Record the adoption of the provisional agenda");
        meetings.MapPost("/{id:int}/agenda/amendments", AmendAsync).RequireAuthorization(Policies.ManageMeetings).WithSummary("Record an amendment to the agenda");
        meetings.MapGet("/{id:int}/silence", SilenceListAsync).AllowAnonymous().WithSummary("Silence procedures on the meeting's draft reports");
        meetings.MapPost("/{id:int}/silence", CirculateAsync).RequireAuthorization(Policies.ManageMeetings).WithSummary("Circulate a draft report under silence procedure");
        meetings.MapGet("/{id:int}/participants", ParticipantsAsync).RequireAuthorization(Policies.RegisterParticipants).WithSummary("Registered participants (the Secretariat: all; a delegation: its own)");
        meetings.MapPost("/{id:int}/participants", RegisterAsync).RequireAuthorization(Policies.RegisterParticipants).WithSummary("Register a member of a delegation, in person or online");

        var silence = api.MapGroup("/silence").WithTags("Meetings");
        silence.MapGet("/{id:int}", SilenceAsync).AllowAnonymous().WithSummary("A silence procedure (closes itself at the deadline)");
        silence.MapPost("/{id:int}/breaks", BreakAsync).RequireAuthorization(Policies.BreakSilence).WithSummary("Object to, or propose an amendment to, the draft (delegates)");
        silence.MapGet("/{id:int}/outcome.docx", OutcomeAsync).AllowAnonymous().WithSummary("The letter announcing the outcome (409 while the procedure is open)");

        var documents = api.MapGroup("/documents").WithTags("Documents");
        documents.MapGet("/{symbol}", DocumentAsync).AllowAnonymous().WithSummary("A document by its UN symbol (URL-encoded), with its language versions");
        documents.MapGet("/{symbol}/{lang}", DownloadAsync).AllowAnonymous().WithSummary("The file of one language version");
        documents.MapPost("/{symbol}/{lang}", UploadAsync).RequireAuthorization(Policies.ManageMeetings)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadDocumentVersion.MaxBytes + 65536))
            .WithSummary("Upload the file of one language version (multipart 'file')");
        return api;
    }

    private static string Language(HttpContext http) =>
        RecoveryWatch.ReferenceData.Languages.Normalize(http.Request.Query["lang"].FirstOrDefault() ?? Localization.CurrentLanguage);

    private static async Task<Ok<IReadOnlyList<MeetingSummary>>> ListAsync(HttpContext http, RecoveryWatchDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await MeetingQueries.ListAsync(db, Language(http), ct));

    private static async Task<Results<Ok<MeetingView>, NotFound>> GetAsync(int id, HttpContext http, RecoveryWatchDbContext db, CancellationToken ct) =>
        await MeetingQueries.LoadAsync(db, id, ct) is { } meeting ? TypedResults.Ok(MeetingQueries.View(meeting, Language(http))) : TypedResults.NotFound();

    private static async Task<IResult> CalendarAsync(int id, HttpContext http, RecoveryWatchDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await MeetingQueries.LoadAsync(db, id, ct) ?? throw new NotFoundException();
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(MeetingCalendar.Write(meeting, Language(http), clock.GetUtcNow())), "text/calendar; charset=utf-8", MeetingCalendar.FileName(meeting));
    }

    private static async Task<IResult> AgendaAsync(int id, HttpContext http, RecoveryWatchDbContext db, CancellationToken ct)
    {
        var meeting = await MeetingQueries.LoadAsync(db, id, ct) ?? throw new NotFoundException();
        var language = Language(http);
        var bytes = AnnotatedAgenda.Write(meeting, await MeetingQueries.DocumentsAsync(db, meeting, ct), language);
        return TypedResults.File(bytes, AnnotatedAgenda.ContentType, AnnotatedAgenda.FileName(meeting.AgendaSymbol, language));
    }

    private static async Task<Ok<MeetingView>> AdoptAsync(int id, HttpContext http, AgendaLifecycle lifecycle, RecoveryWatchDbContext db, CancellationToken ct)
    {
        await lifecycle.AdoptAsync(id, http.User.Actor(), ct);
        return TypedResults.Ok(MeetingQueries.View((await MeetingQueries.LoadAsync(db, id, ct))!, Language(http)));
    }

    private static async Task<Ok<MeetingView>> AmendAsync(int id, AmendAgendaRequest request, HttpContext http, AgendaLifecycle lifecycle, RecoveryWatchDbContext db, CancellationToken ct)
    {
        await lifecycle.AmendAsync(id, request.Text, http.User.Actor(), ct);
        return TypedResults.Ok(MeetingQueries.View((await MeetingQueries.LoadAsync(db, id, ct))!, Language(http)));
    }

    private static async Task<Ok<IReadOnlyList<SilenceView>>> SilenceListAsync(int id, SilenceProcedures procedures, CancellationToken ct) =>
        TypedResults.Ok(await procedures.ForMeetingAsync(id, ct));

    private static async Task<Created<SilenceView>> CirculateAsync(int id, CirculateRequest request, HttpContext http, SilenceProcedures procedures, CancellationToken ct)
    {
        var view = await procedures.CirculateAsync(id, request.DraftSymbol ?? string.Empty, request.Deadline, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/silence/{view.Id}", view);
    }

    private static async Task<Ok<SilenceView>> SilenceAsync(int id, SilenceProcedures procedures, CancellationToken ct) =>
        TypedResults.Ok(await procedures.GetAsync(id, ct));

    private static async Task<Ok<SilenceView>> BreakAsync(int id, BreakSilenceRequest request, HttpContext http, SilenceProcedures procedures, CancellationToken ct)
    {
        var state = http.User.ActingStates()!.First();
        return TypedResults.Ok(await procedures.BreakAsync(id, state, request.Kind, request.Text, http.User.Actor(), ct));
    }

    private static async Task<IResult> OutcomeAsync(int id, HttpContext http, SilenceProcedures procedures, RecoveryWatchDbContext db, CancellationToken ct)
    {
        var view = await procedures.ClosedAsync(id, ct);
        var meeting = await MeetingQueries.LoadAsync(db, view.MeetingId, ct) ?? throw new NotFoundException();
        var language = Language(http);
        return TypedResults.File(OutcomeLetter.Write(meeting, view, language), AnnotatedAgenda.ContentType, $"silence-{view.Id}-{language}.docx");
    }

    private static async Task<Ok<IReadOnlyList<ParticipantView>>> ParticipantsAsync(int id, HttpContext http, Participation participation, CancellationToken ct) =>
        TypedResults.Ok(await participation.ListAsync(id, http.User.ActingStates(), ct));

    private static async Task<Created<ParticipantView>> RegisterAsync(int id, RegisterParticipantRequest request, HttpContext http, Participation participation, CancellationToken ct)
    {
        var view = await participation.RegisterAsync(id, request, http.User.ActingStates(), http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/meetings/{id}/participants", view);
    }

    private static DocumentSymbol Symbol(string encoded)
    {
        var text = Uri.UnescapeDataString(encoded);
        return DocumentSymbol.TryParseDetailed(text, out var symbol, out var error)
            ? symbol
            : throw new ValidationFailedException([new ValidationError("symbol", "InvalidSymbol", text, error.Reason)]);
    }

    private static async Task<Results<Ok<DocumentView>, NotFound>> DocumentAsync(string symbol, HttpContext http, RecoveryWatchDbContext db, CancellationToken ct) =>
        await MeetingQueries.DocumentAsync(db, Symbol(symbol), Language(http), ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<IResult> DownloadAsync(string symbol, string lang, RecoveryWatchDbContext db, CancellationToken ct)
    {
        var text = Symbol(symbol).ToString();
        var version = await db.Documents.Where(d => d.Symbol == text).SelectMany(d => d.Versions)
            .Where(v => v.Language == lang && v.Status == VersionStatus.Available)
            .Select(v => new { v.Content, v.ContentType, v.FileName, v.Sha256 })
            .SingleOrDefaultAsync(ct);
        if (version?.Content is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.File(version.Content, version.ContentType ?? "application/octet-stream", version.FileName,
            entityTag: version.Sha256 is null ? null : new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + version.Sha256 + "\""));
    }

    private static async Task<Created<UploadedVersion>> UploadAsync(string symbol, string lang, IFormFile file, HttpContext http, UploadDocumentVersion upload, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var uploaded = await upload.HandleAsync(Uri.UnescapeDataString(symbol), lang, file.FileName, file.ContentType, stream, file.Length, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/documents/{Uri.EscapeDataString(uploaded.Symbol)}/{lang}", uploaded);
    }
}
