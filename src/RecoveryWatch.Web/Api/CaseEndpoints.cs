using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

/// <param name="Page">The page number; absent when the page was asked for by <c>cursor</c>.</param>
/// <param name="NextCursor">Where the next page starts: pass it as <c>cursor</c> (with the same filters and sort, without
/// <c>page</c>); absent on the last page. Deep pages by cursor cost the same as the first.</param>
/// <param name="Next">The address of the next page (this request with <c>cursor</c>), absent on the last page.</param>
public sealed record CaseListResponse(IReadOnlyList<CaseListItem> Items, int Total, int? Page, int PageSize, string? NextCursor = null, string? Next = null);

public static class CaseEndpoints
{
    /// <summary>Room for a whole case with its children; larger bodies are refused before they are read.</summary>
    public const long MaxCaseBodyBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("/", ListAsync).AllowAnonymous().PublicRead()
            .WithSummary("Search cases")
            .WithDescription("Filters: q, state, role, region, stage, route, offence, yearFrom, yearTo, minUsd, maxUsd, sort, page, pageSize, cursor. "
                + "Anonymous callers get the public fields of published cases only. For deep pages follow `nextCursor` (or the `next` address) "
                + "instead of counting pages: each page then costs the same as the first.");
        cases.MapGet("/{id:int}", GetAsync).AllowAnonymous().PublicRead().WithSummary("One case with the details the caller may see");
        cases.MapPost("/", CreateAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<SaveCaseRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxCaseBodyBytes))
            .WithSummary("Create a case (Secretariat)");
        cases.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<SaveCaseRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxCaseBodyBytes))
            .WithSummary("Replace a case (Secretariat)");
        cases.MapPost("/{id:int}/publish", PublishAsync).RequireAuthorization(Policies.EditCases)
            .WithSummary("Publish a draft case (Secretariat)")
            .WithDescription("Makes a draft public, for example one proposed by the validation of a State's answer. 400 naming `summary` or `sources` when the case has "
                + "no public summary or no public source; 409 when it is already published, or was published or changed at the same time by another request.");
        return api;
    }

    private static async Task<Results<Ok<CaseListResponse>, ValidationProblem>> ListAsync(
        HttpContext http, SearchCases search, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var bound = CaseFilterBinder.Bind(http.Request.Query);
        if (bound.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(bound.Errors.ToProblemErrors(localizer), title: localizer["Problem.Validation"]);
        }

        var result = await search.HandleAsync(bound.Filter, http.User.CaseReader(), bound.Page, bound.PageSize, withFacets: false, bound.Cursor, cancellationToken);
        var nextCursor = result.Next?.Encode();
        string? next = null;
        if (nextCursor is not null)
        {
            var query = http.Request.Query.Where(q => q.Key is not ("page" or "cursor"))
                .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
                .Append(new KeyValuePair<string, string?>("cursor", nextCursor));
            next = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/v1/cases", query);
        }

        return TypedResults.Ok(new CaseListResponse(result.Items, result.Total, bound.Cursor is null ? result.Page : null, result.PageSize, nextCursor, next));
    }

    private static async Task<Ok<CaseDetails>> GetAsync(int id, HttpContext http, GetCase getCase, CancellationToken cancellationToken) =>
        TypedResults.Ok(await getCase.HandleAsync(id, http.User.CaseReader(), cancellationToken));

    private static async Task<Created<CaseDetails>> CreateAsync(HttpContext http, SaveCase save, GetCase getCase, CancellationToken cancellationToken)
    {
        var request = await ReadJsonAsync(http, cancellationToken);
        var id = await save.CreateAsync(request, http.User.Actor(), cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{id}", await getCase.HandleAsync(id, http.User.CaseReader(), cancellationToken));
    }

    private static async Task<Ok<CaseDetails>> UpdateAsync(int id, HttpContext http, SaveCase save, GetCase getCase, CancellationToken cancellationToken)
    {
        var request = await ReadJsonAsync(http, cancellationToken);
        await save.UpdateAsync(id, request, http.User.Actor(), cancellationToken);
        return TypedResults.Ok(await getCase.HandleAsync(id, http.User.CaseReader(), cancellationToken));
    }

    private static async Task<Ok<CaseDetails>> PublishAsync(int id, HttpContext http, PublishCase publish, GetCase getCase, CancellationToken cancellationToken)
    {
        await publish.HandleAsync(id, http.User.Actor(), cancellationToken);
        return TypedResults.Ok(await getCase.HandleAsync(id, http.User.CaseReader(), cancellationToken));
    }

    /// <summary>Reads the body ourselves so that malformed JSON is reported with the path of the offending field
    /// (e.g. <c>measures[0].amount</c>) instead of a bare 400.</summary>
    private static async Task<SaveCaseRequest> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<SaveCaseRequest>(http.Request.Body, JsonOptions.Api, cancellationToken)
                ?? throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }
        catch (JsonException exception)
        {
            throw new ValidationFailedException([JsonOptions.ToValidationError(exception)]);
        }
    }
}

public static class JsonOptions
{
    public static readonly JsonSerializerOptions Api = CreateApi();

    public static void Configure(JsonSerializerOptions options)
    {
        // Codes are defined names only: a number such as "visibility": 7, or "Frozen, Seized", would otherwise be stored
        // as a value the application does not know.
        options.Converters.Add(new StrictEnumJsonConverter());
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        // "title": null for a property that may not be null is refused with its path instead of failing later.
        options.RespectNullableAnnotations = true;
    }

    /// <summary>What was wrong with a JSON body, at the JSON path of the field (<c>measures[0].stage</c>).</summary>
    public static ValidationError ToValidationError(JsonException exception)
    {
        var path = exception.Path is null or "$" ? "body" : exception.Path.TrimStart('$').TrimStart('.');
        return exception is UnknownCodeJsonException unknown
            ? new ValidationError(path, "UnknownCode", unknown.Code)
            : new ValidationError(path, "MalformedJson", exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0);
    }

    private static JsonSerializerOptions CreateApi()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
