using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

/// <summary>The challenge taxonomy (COSP resolution 8/9): public to read, extended by the Secretariat. What GET returns for a
/// type can be PUT back unchanged.</summary>
public static class ChallengeEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapChallengeEndpoints(this RouteGroupBuilder api)
    {
        var challenges = api.MapGroup("/challenges").WithTags("Challenges");
        challenges.MapGet("/", async (ManageChallengeTypes manage, CancellationToken ct) => TypedResults.Ok(await manage.ListAsync(ct)))
            .AllowAnonymous()
            .WithSummary("The taxonomy of challenges: code, labels in the six languages, description, built-in, retired (kept on old data, refused for new links)");
        challenges.MapGet("/{code}", async (string code, ManageChallengeTypes manage, CancellationToken ct) => TypedResults.Ok(await manage.GetAsync(code, ct)))
            .AllowAnonymous().WithSummary("One challenge type");
        challenges.MapPost("/", CreateAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<ChallengeTypeDocument>("application/json")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Add a challenge type (Secretariat): code (a Latin letter, then letters, digits or _), names in ar, zh, en, fr, ru, es (all required), "
                + "optional description; 409 if the code exists");
        challenges.MapPut("/{code}", UpdateAsync).RequireAuthorization(Policies.EditCases)
            .Accepts<ChallengeTypeDocument>("application/json")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Edit a type's labels and description, or retire it (retired: true) (Secretariat); the code never changes; a stale version is a 409");
        challenges.MapPost("/{code}/retire", async (string code, int? version, HttpContext http, ManageChallengeTypes manage, CancellationToken ct) =>
                TypedResults.Ok(await manage.RetireAsync(code, version, http.User.Actor(), ct)))
            .RequireAuthorization(Policies.EditCases).DisableAntiforgery()
            .WithSummary("Retire a type (Secretariat): no longer offered nor accepted for new links; cases that have it keep it");
        challenges.MapGet("/state-reports", StateReportsAsync).RequireAuthorization(Policies.EditCases)
            .WithSummary("Challenges States reported meeting in general (questionnaire rows without a case reference), with their submission and cell (Secretariat); state=ISO3, challenge=CODE");
        return api;
    }

    private static async Task<Created<ChallengeTypeDocument>> CreateAsync(HttpContext http, ManageChallengeTypes manage, CancellationToken ct)
    {
        var created = await manage.CreateAsync(await ReadJsonAsync(http, ct), http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/challenges/{Uri.EscapeDataString(created.Code!)}", created);
    }

    private static async Task<Ok<ChallengeTypeDocument>> UpdateAsync(string code, HttpContext http, ManageChallengeTypes manage, CancellationToken ct) =>
        TypedResults.Ok(await manage.UpdateAsync(code, await ReadJsonAsync(http, ct), http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<StateChallengeItem>>> StateReportsAsync(string? state, string? challenge, ChallengeFrequencies frequencies, CancellationToken ct)
    {
        var errors = new ValidationCollector();
        var code = state?.Trim().ToUpperInvariant();
        if (code is { Length: > 0 } && !StateCode.IsKnown(code))
        {
            errors.Add("state", "UnknownState", state!);
        }

        errors.ThrowIfAny();
        return TypedResults.Ok(await frequencies.ListAsync(string.IsNullOrEmpty(code) ? null : code, string.IsNullOrWhiteSpace(challenge) ? null : challenge.Trim(), ct));
    }

    /// <summary>Reads the body so that malformed JSON is reported with the path of the offending field.</summary>
    private static async Task<ChallengeTypeDocument> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<ChallengeTypeDocument>(http.Request.Body, JsonOptions.Api, cancellationToken)
                ?? throw new ValidationFailedException([new ValidationError("body", "JsonExpected")]);
        }
        catch (JsonException exception)
        {
            throw new ValidationFailedException([JsonOptions.ToValidationError(exception)]);
        }
    }
}
