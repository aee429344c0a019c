using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

/// <summary>
/// Good practices in asset recovery (COSP resolution 8/9): published ones are open to anyone; focal points write their own
/// States' practices and submit them; the Secretariat publishes. An unpublished practice is "not found" (404) to those who
/// may not see it, never "forbidden", so its existence is not revealed.
/// </summary>
public static class GoodPracticeEndpoints
{
    /// <summary>A practice's Markdown with room for JSON escapes; larger bodies are refused before they are read.</summary>
    public const long MaxPracticeBodyBytes = 1024 * 1024;

    public static RouteGroupBuilder MapGoodPracticeEndpoints(this RouteGroupBuilder api)
    {
        var practices = api.MapGroup("/good-practices").WithTags("Good practices");
        practices.MapGet("/", ListAsync).AllowAnonymous()
            .WithSummary("Search good practices: q (title, summary and body), stage, route, challenge, state, language, status, mine, page, pageSize")
            .WithDescription("Anonymous callers and delegates get published practices only; status and mine serve focal points (their own States) and the Secretariat.");
        practices.MapGet("/{id:int}", GetAsync).AllowAnonymous()
            .WithSummary("One practice, with its Markdown, the rendered HTML and its attachments; 404 if the caller may not see it");
        practices.MapPost("/", CreateAsync).RequireAuthorization(Policies.WritePractices)
            .Accepts<GoodPracticeDocument>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxPracticeBodyBytes))
            .WithSummary("Create a draft practice (a focal point for its State, or the Secretariat)");
        practices.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Policies.WritePractices)
            .Accepts<GoodPracticeDocument>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxPracticeBodyBytes))
            .WithSummary("Replace a practice's content; what GET returns can be sent back unchanged and changes nothing; a stale version is a 409");
        foreach (var action in Enum.GetValues<PracticeAction>())
        {
            practices.MapPost("/{id:int}/" + action.ToString().ToLowerInvariant(), (int id, HttpContext http, SavePractice save, PracticeQueries queries, CancellationToken ct) =>
                    ApplyAsync(id, action, http, save, queries, ct))
                .RequireAuthorization(Policies.WritePractices)
                .Accepts<PracticeStepRequest>("application/json")
                .WithSummary(action switch
                {
                    PracticeAction.Submit => "Submit a draft to the Secretariat; body {\"version\": N}",
                    PracticeAction.Publish => "Publish (the Secretariat); body {\"version\": N}; a second click gets 409",
                    PracticeAction.Withdraw => "Withdraw (a focal point while draft or submitted, the Secretariat at any time); body {\"version\": N}",
                    _ => "Take a withdrawn practice back to draft to rework it; body {\"version\": N}",
                });
        }

        practices.MapPost("/{id:int}/attachments", AttachAsync).RequireAuthorization(Policies.WritePractices)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(PracticeLimits.MaxAttachmentBytes + 65536))
            .WithSummary("Attach a file (multipart 'file'): pdf, docx, xlsx, pptx, png or jpeg, 10 MB at most");
        practices.MapGet("/attachments/{id:int}", DownloadAsync).AllowAnonymous()
            .WithSummary("Download an attachment, to those who may see its practice");
        practices.MapDelete("/attachments/{id:int}", DetachAsync).RequireAuthorization(Policies.WritePractices)
            .WithSummary("Remove an attachment; query version=N (the practice's)");
        return api;
    }

    private static async Task<Results<Ok<PracticePage>, ValidationProblem>> ListAsync(HttpContext http, PracticeQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken ct)
    {
        var (filter, errors) = PracticeFilterBinder.Bind(http.Request.Query);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToProblemErrors(localizer), title: localizer["Problem.Validation"]);
        }

        return TypedResults.Ok(await queries.SearchAsync(filter, http.User.PracticeActor(), ct));
    }

    private static async Task<Ok<GoodPracticeDocument>> GetAsync(int id, HttpContext http, PracticeQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetAsync(id, http.User.PracticeActor(), ct));

    private static async Task<Created<GoodPracticeDocument>> CreateAsync(HttpContext http, SavePractice save, PracticeQueries queries, CancellationToken ct)
    {
        var document = await ReadJsonAsync<GoodPracticeDocument>(http, ct);
        var actor = http.User.PracticeActor();
        var id = await save.CreateAsync(document, actor, http.User.Actor(), cancellationToken: ct);
        return TypedResults.Created($"/api/v1/good-practices/{id}", await queries.GetAsync(id, actor, ct));
    }

    private static async Task<Ok<GoodPracticeDocument>> UpdateAsync(int id, HttpContext http, SavePractice save, PracticeQueries queries, CancellationToken ct)
    {
        var document = await ReadJsonAsync<GoodPracticeDocument>(http, ct);
        var actor = http.User.PracticeActor();
        await save.UpdateAsync(id, document, actor, http.User.Actor(), ct);
        return TypedResults.Ok(await queries.GetAsync(id, actor, ct));
    }

    private static async Task<IResult> ApplyAsync(int id, PracticeAction action, HttpContext http, SavePractice save, PracticeQueries queries, CancellationToken ct)
    {
        var step = await ReadJsonAsync<PracticeStepRequest>(http, ct);
        var actor = http.User.PracticeActor();
        await save.ApplyAsync(id, action, step.Version, actor, http.User.Actor(), ct);
        return TypedResults.Ok(await queries.GetAsync(id, actor, ct));
    }

    private static async Task<Created<PracticeAttachmentView>> AttachAsync(int id, HttpContext http, SavePractice save, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            throw new ValidationFailedException([new ValidationError("file", "Required")]);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new ValidationFailedException([new ValidationError("file", "Required")]);
        if (file.Length > PracticeLimits.MaxAttachmentBytes)
        {
            throw new ValidationFailedException([new ValidationError("file", "FileTooLarge", PracticeLimits.MaxAttachmentBytes / (1024 * 1024))]);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var view = await save.AttachAsync(id, file.FileName, buffer.ToArray(), http.User.PracticeActor(), http.User.Actor(), ct);
        return TypedResults.Created(view.Url, view);
    }

    /// <summary>Always a download (<c>Content-Disposition: attachment</c>) with the stored type, never sniffed: a file is
    /// never opened as a page of this site.</summary>
    public static async Task<IResult> DownloadAsync(int id, HttpContext http, PracticeQueries queries, CancellationToken ct)
    {
        var file = await queries.DownloadAsync(id, http.User.PracticeActor(), ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<NoContent> DetachAsync(int id, int? version, HttpContext http, SavePractice save, CancellationToken ct)
    {
        await save.DetachAsync(id, version, http.User.PracticeActor(), http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<T> ReadJsonAsync<T>(HttpContext http, CancellationToken ct)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, JsonOptions.Api, ct)
                ?? throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }
        catch (JsonException exception)
        {
            throw new ValidationFailedException([JsonOptions.ToValidationError(exception)]);
        }
    }
}

/// <summary>A workflow step names the version the caller saw, so a repeated or concurrent step is refused, not applied twice.</summary>
public sealed record PracticeStepRequest(int? Version);

/// <summary>Reads the search of good practices from a query string, for the page and the API alike; bad codes name their field.</summary>
public static class PracticeFilterBinder
{
    public static (PracticeFilter Filter, IReadOnlyList<ValidationError> Errors) Bind(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Get(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var errors = new ValidationCollector();
        var filter = new PracticeFilter();
        var q = Get("q");
        if (q is not null)
        {
            if (TextInput.Normalize(q, false, out var normalized) is { } refusal)
            {
                errors.Add("q", refusal);
            }
            else if (normalized!.Length > 200)
            {
                errors.Add("q", "TooLong", 200);
            }
            else
            {
                filter = filter with { Q = normalized };
            }
        }

        if (Get("stage") is { } stageText)
        {
            filter = EnumCodes.TryParse<Stage>(stageText, out var stage) ? filter with { Stage = stage } : Error(filter, errors, "stage", stageText);
        }

        if (Get("route") is { } route)
        {
            filter = PracticeCodes.IsRoute(route) ? filter with { Route = route } : Error(filter, errors, "route", route);
        }

        if (Get("challenge") is { } challenge)
        {
            filter = ChallengeType.IsWellFormedCode(challenge) ? filter with { Challenge = challenge } : Error(filter, errors, "challenge", challenge);
        }

        if (Get("state") is { } state)
        {
            filter = StateCode.IsKnown(state.ToUpperInvariant()) ? filter with { State = state.ToUpperInvariant() } : Error(filter, errors, "state", state);
        }

        if (Get("language") is { } language)
        {
            filter = PracticeCodes.IsLanguage(language.ToLowerInvariant()) ? filter with { Language = language.ToLowerInvariant() } : Error(filter, errors, "language", language);
        }

        if (Get("status") is { } statusText)
        {
            filter = EnumCodes.TryParse<PracticeStatus>(statusText, out var status) ? filter with { Status = status } : Error(filter, errors, "status", statusText);
        }

        if (Get("mine") is { } mine)
        {
            filter = bool.TryParse(mine, out var m) ? filter with { Mine = m } : Error(filter, errors, "mine", mine);
        }

        filter = filter with
        {
            Page = Number(errors, "page", Get("page"), 1, 1_000_000) ?? 1,
            PageSize = Number(errors, "pageSize", Get("pageSize"), 1, PracticeQueries.MaxPageSize) ?? PracticeFilter.DefaultPageSize,
        };
        return (filter, errors.Errors);
    }

    private static PracticeFilter Error(PracticeFilter filter, ValidationCollector errors, string field, string value)
    {
        errors.Add(field, "UnknownCode", value.Length > 60 ? value[..60] + "…" : value);
        return filter;
    }

    private static int? Number(ValidationCollector errors, string field, string? text, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(field, "OutOfRange", min, max);
            return null;
        }

        return value;
    }
}
