using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;
using RecoveryWatch.Web.Pages.Statistics;

namespace RecoveryWatch.Web.Api;

/// <summary>A question of the profile with its label in the reader's language and the answers it takes.</summary>
public sealed record FrameworkQuestionView(string Code, FrameworkSection Section, string? Article, string Label, IReadOnlyList<FrameworkAnswerOption> Answers);

public sealed record FrameworkAnswerOption(string Code, string Label);

/// <summary>
/// Legal framework profiles: validated versions are public (they describe law); a State's focal points and the Secretariat
/// write its open version; the Secretariat validates. The comparison puts any States side by side on any questions.
/// </summary>
public static class LegalFrameworkEndpoints
{
    public static readonly IReadOnlyList<string> ComparisonFormats = ["csv", "xlsx"];

    public static RouteGroupBuilder MapLegalFrameworkEndpoints(this RouteGroupBuilder api)
    {
        var frameworks = api.MapGroup("/legal-frameworks").WithTags("Legal frameworks");
        frameworks.MapGet("/", async (LegalFrameworkQueries q, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(ct)))
            .AllowAnonymous().WithSummary("States with a validated legal framework profile: its version, date and source");
        frameworks.MapGet("/questions", Questions).AllowAnonymous()
            .WithSummary("The questions of a profile, by section, with the UNCAC article, the answers each takes, and labels in the reader's language (?lang=)");
        frameworks.MapGet("/compare", CompareAsync).AllowAnonymous()
            .WithSummary("States side by side (states=NGA,CHE,GBR, at most 12) on questions (questions=DirectEnforcement,ProofCriminal; none: all), "
                + "from each State's validated version; a missing answer has no 'answer'");
        frameworks.MapGet("/compare.{format}", DownloadComparisonAsync).AllowAnonymous()
            .WithSummary("The comparison as csv or xlsx: one row per State and question, missing answers included and marked");
        frameworks.MapGet("/{state}", ProfileAsync).AllowAnonymous()
            .WithSummary("A State's current (validated) profile and its versions; open versions are listed for the State's focal points and the Secretariat");
        frameworks.MapGet("/{state}/versions/{number:int}", VersionAsync).AllowAnonymous()
            .WithSummary("One version of a State's profile (validated or superseded for anyone; open ones for its editors)");
        frameworks.MapGet("/{state}/draft", DraftAsync).RequireAuthorization(Policies.EditLegalFrameworks)
            .WithSummary("The State's open version (draft or submitted); 404 if none. What it returns can be PUT back unchanged");
        frameworks.MapPut("/{state}/draft", SaveDraftAsync).RequireAuthorization(Policies.EditLegalFrameworks)
            .WithSummary("Create (version 0) or replace the open version: asOf, source and every answer; 409 if it changed since the version read or awaits validation");
        frameworks.MapPost("/{state}/draft/submit", (string state, FrameworkStepRequest body, HttpContext http, EditLegalFramework edit, CancellationToken ct) =>
                StepAsync(edit.SubmitAsync(state, body.Version, http.User.FrameworkEditor(), ct)))
            .RequireAuthorization(Policies.EditLegalFrameworks).WithSummary("Send the draft for validation; 409 if not a draft or changed since read");
        frameworks.MapPost("/{state}/draft/return", (string state, FrameworkStepRequest body, HttpContext http, EditLegalFramework edit, CancellationToken ct) =>
                StepAsync(edit.ReturnAsync(state, body.Version, http.User.FrameworkEditor(), ct)))
            .RequireAuthorization(Policies.ValidateLegalFrameworks).WithSummary("Send a submitted version back to the State (Secretariat)");
        frameworks.MapPost("/{state}/draft/validate", (string state, FrameworkStepRequest body, HttpContext http, EditLegalFramework edit, CancellationToken ct) =>
                StepAsync(edit.ValidateAsync(state, body.Version, http.User.FrameworkEditor(), ct)))
            .RequireAuthorization(Policies.ValidateLegalFrameworks)
            .WithSummary("Validate the open version (Secretariat): it becomes the State's profile, the previous one is superseded; 409 if already validated or changed");
        return api;
    }

    private static Ok<IReadOnlyList<FrameworkQuestionView>> Questions(HttpContext http)
    {
        var language = Localization.RequestedLanguage(http);
        return TypedResults.Ok<IReadOnlyList<FrameworkQuestionView>>([.. LegalFrameworkQuestions.All.Select(q => new FrameworkQuestionView(q.Code, q.Section, q.Article, q.Name(language),
            [.. LegalFrameworkQuestions.AnswersOf(q.AnswerKind).Select(a => new FrameworkAnswerOption(a.Code, a.Name(language)))]))]);
    }

    private static async Task<Ok<FrameworkComparison>> CompareAsync(HttpContext http, LegalFrameworkQueries queries, CancellationToken ct)
    {
        var (states, questions) = Selection(http);
        return TypedResults.Ok(await queries.CompareAsync(states, questions, Localization.RequestedLanguage(http), ct));
    }

    private static async Task<IResult> DownloadComparisonAsync(string format, HttpContext http, LegalFrameworkQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken ct)
    {
        if (!ComparisonFormats.Contains(format))
        {
            throw new ValidationFailedException([new ValidationError("format", "UnknownCode", format)]);
        }

        var (states, questions) = Selection(http);
        var language = Localization.RequestedLanguage(http);
        // The words the file adds ("No answer") in the language asked for, like the labels beside them.
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
        var table = ComparisonTable(await queries.CompareAsync(states, questions, language, ct), localizer);
        var name = $"recoverywatch-legal-frameworks-{string.Join('-', states)}-{language}.{format}";
        return format == "csv"
            ? Results.File(ChartDownloads.Csv(table), "text/csv; charset=utf-8", name)
            : Results.File(ChartDownloads.Xlsx(table, "comparison"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    /// <summary>The comparison as a table of one row per State and question, as the downloads hold it: codes for programs,
    /// labels for readers, the law cited, and the version compared, so every cell says where it comes from.</summary>
    public static ChartTable ComparisonTable(FrameworkComparison comparison, IStringLocalizer localizer)
    {
        var states = comparison.States.ToDictionary(s => s.Code, StringComparer.Ordinal);
        var missing = localizer["Frameworks.Missing"].Value;
        var noProfile = localizer["Frameworks.NoProfile"].Value;
        var rows = comparison.Rows.SelectMany(r => r.Cells.Select(c =>
        {
            var state = states[c.State];
            return new TableRow(
            [
                c.State, state.Name, r.Question, r.Label, r.Article ?? string.Empty,
                c.Answer ?? string.Empty, c.AnswerLabel ?? (state.Number is null ? noProfile : missing),
                c.Note ?? string.Empty, c.LawTitle ?? string.Empty, c.LawArticle ?? string.Empty, c.LawUrl ?? string.Empty,
                state.AsOf ?? string.Empty, state.Source ?? string.Empty,
            ], null);
        })).ToList();
        return new ChartTable(["state", "state_name", "question", "question_label", "uncac_article", "answer", "answer_label", "note", "law_title", "law_article", "law_url", "as_of", "source"], rows);
    }

    private static async Task<Ok<FrameworkProfile>> ProfileAsync(string state, HttpContext http, LegalFrameworkQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ProfileAsync(state, http.User.EditsFramework(state), WithPeople(http), ct));

    private static async Task<Ok<LegalFrameworkDocument>> VersionAsync(string state, int number, HttpContext http, LegalFrameworkQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.VersionAsync(state, number, http.User.EditsFramework(state), WithPeople(http), ct));

    private static async Task<Ok<LegalFrameworkDocument>> DraftAsync(string state, HttpContext http, LegalFrameworkQueries queries, CancellationToken ct)
    {
        if (!http.User.EditsFramework(state))
        {
            throw new NotYourStateException();
        }

        return TypedResults.Ok(await queries.OpenAsync(state, WithPeople(http), ct) ?? throw new NotFoundException($"{state} has no open version."));
    }

    private static async Task<Ok<LegalFrameworkDocument>> SaveDraftAsync(string state, HttpContext http, EditLegalFramework edit, CancellationToken ct)
    {
        SaveFrameworkRequest request;
        if (!http.Request.HasJsonContentType())
        {
            throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }

        try
        {
            request = await JsonSerializer.DeserializeAsync<SaveFrameworkRequest>(http.Request.Body, JsonOptions.Api, ct)
                ?? throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }
        catch (JsonException exception)
        {
            throw new ValidationFailedException([JsonOptions.ToValidationError(exception)]);
        }

        return TypedResults.Ok((await edit.SaveDraftAsync(state, request, http.User.FrameworkEditor(), ct)).Version);
    }

    private static async Task<Ok<LegalFrameworkDocument>> StepAsync(Task<FrameworkStepResult> step) => TypedResults.Ok((await step).Version);

    private static (IReadOnlyList<string> States, IReadOnlyList<FrameworkQuestion> Questions) Selection(HttpContext http)
    {
        var errors = new ValidationCollector();
        var selection = LegalFrameworkQueries.ParseSelection(http.Request.Query["states"], http.Request.Query["questions"], errors, statesRequired: true);
        errors.ThrowIfAny();
        return selection;
    }

    /// <summary>Who validated is the Secretariat's business; the public sees when.</summary>
    private static bool WithPeople(HttpContext http) => http.User.FrameworkEditor().IsSecretariat && http.User.Identity?.IsAuthenticated == true;

}
