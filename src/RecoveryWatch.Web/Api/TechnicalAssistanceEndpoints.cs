using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

/// <summary>
/// Technical-assistance needs and activities (COSP resolution 8/9). Anyone reads what its clearance allows (a focal point
/// also its own States' restricted needs); the Secretariat records and edits. What <c>GET needs/{id}</c> returns can be
/// <c>PUT</c> back unchanged and changes nothing.
/// </summary>
public static class TechnicalAssistanceEndpoints
{
    private const long MaxBodyBytes = 1024 * 1024;

    public static RouteGroupBuilder MapTechnicalAssistanceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/technical-assistance").WithTags("Technical assistance");
        group.MapGet("/needs", ListNeedsAsync).AllowAnonymous()
            .WithSummary("Needs the caller may see; filters state, region, area, type, priority, status, unmet=true; page, pageSize");
        group.MapGet("/needs/{id:int}", GetNeedAsync).AllowAnonymous().WithSummary("One need, in the shape PUT takes");
        group.MapPost("/needs", CreateNeedAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<NeedDocument>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Record a need (Secretariat): state, area, type, priority, description, visibility (Secretariat when omitted), status (Open when omitted)");
        group.MapPut("/needs/{id:int}", UpdateNeedAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<NeedDocument>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Edit a need or move its status (Secretariat): Open → InProgress → Met, or Withdrawn; a stale version is a 409");
        group.MapGet("/activities", ListActivitiesAsync).AllowAnonymous()
            .WithSummary("Activities delivered that the caller may see, newest first; optional state, page, pageSize");
        group.MapPost("/activities", CreateActivityAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<ActivityDocument>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Record an activity delivered (Secretariat) and the needs it answered; needs[i].markAs (InProgress or Met) moves a need explicitly");
        group.MapGet("/unmet", UnmetAsync).AllowAnonymous()
            .WithSummary("Unmet needs (open or in progress) by=region|type|area, counted over the needs the caller may see, each row with its needs link");
        return api;
    }

    private static async Task<Ok<NeedPage>> ListNeedsAsync(HttpContext http, TechnicalAssistance assistance, CancellationToken ct)
    {
        var filter = NeedFilter.Parse(name => http.Request.Query[name].FirstOrDefault());
        var (page, pageSize) = Paging(http);
        return TypedResults.Ok(await assistance.ListNeedsAsync(filter, http.User.CaseReader(), page, pageSize, ct));
    }

    private static async Task<Ok<NeedDocument>> GetNeedAsync(int id, HttpContext http, TechnicalAssistance assistance, CancellationToken ct) =>
        TypedResults.Ok(await assistance.GetNeedAsync(id, http.User.CaseReader(), ct));

    private static async Task<Created<NeedDocument>> CreateNeedAsync(HttpContext http, TechnicalAssistance assistance, CancellationToken ct)
    {
        var request = await ReadJsonAsync<NeedDocument>(http, ct);
        var id = await assistance.CreateNeedAsync(request, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/technical-assistance/needs/{id.ToString(CultureInfo.InvariantCulture)}", await assistance.GetNeedAsync(id, http.User.CaseReader(), ct));
    }

    private static async Task<Ok<NeedDocument>> UpdateNeedAsync(int id, HttpContext http, TechnicalAssistance assistance, CancellationToken ct)
    {
        var request = await ReadJsonAsync<NeedDocument>(http, ct);
        await assistance.UpdateNeedAsync(id, request, http.User.Actor(), ct);
        return TypedResults.Ok(await assistance.GetNeedAsync(id, http.User.CaseReader(), ct));
    }

    private static async Task<Ok<ActivityPage>> ListActivitiesAsync(HttpContext http, TechnicalAssistance assistance, CancellationToken ct)
    {
        var (page, pageSize) = Paging(http);
        return TypedResults.Ok(await assistance.ListActivitiesAsync(http.User.CaseReader(), http.Request.Query["state"].FirstOrDefault(), page, pageSize, ct));
    }

    private static async Task<Created<ActivityDocument>> CreateActivityAsync(HttpContext http, TechnicalAssistance assistance, CancellationToken ct)
    {
        var request = await ReadJsonAsync<ActivityDocument>(http, ct);
        var id = await assistance.CreateActivityAsync(request, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/technical-assistance/activities?page=1", await assistance.GetActivityAsync(id, http.User.CaseReader(), ct));
    }

    private static async Task<Ok<IReadOnlyList<UnmetCount>>> UnmetAsync(HttpContext http, TechnicalAssistance assistance, CancellationToken ct)
    {
        var by = http.Request.Query["by"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(by))
        {
            throw new ValidationFailedException([new ValidationError("by", "Required")]);
        }

        if (!EnumCodes.TryParse<UnmetGrouping>(by, out var grouping))
        {
            throw new ValidationFailedException([new ValidationError("by", "UnknownCode", by)]);
        }

        return TypedResults.Ok(await assistance.UnmetAsync(grouping, http.User.CaseReader(), ct));
    }

    /// <summary>page and pageSize as whole numbers, or an error naming the parameter.</summary>
    private static (int Page, int PageSize) Paging(HttpContext http)
    {
        var errors = new ValidationCollector();
        int Read(string name, int fallback)
        {
            var text = http.Request.Query[name].FirstOrDefault();
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
            {
                return value;
            }

            errors.Add(name, "OutOfRange", 1, int.MaxValue);
            return fallback;
        }

        var page = Read("page", 1);
        var pageSize = Read("pageSize", TechnicalAssistance.DefaultPageSize);
        errors.ThrowIfAny();
        return (page, pageSize);
    }

    /// <summary>Reads the body so that malformed JSON, an unknown code or an unknown field is reported at its JSON path.</summary>
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
