using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryWatch.Analytics;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

/// <summary>Dated exchange rates: public to read (they are published data and say how every US-dollar figure was made),
/// imported by the Secretariat.</summary>
public static class ExchangeRateEndpoints
{
    public static RouteGroupBuilder MapExchangeRateEndpoints(this RouteGroupBuilder api)
    {
        var rates = api.MapGroup("/exchange-rates").WithTags("Exchange rates");
        rates.MapGet("/", ListAsync).AllowAnonymous()
            .WithSummary("Stored rates, newest first (units of the currency per US dollar, and the inverse used for conversion); optional currency, page, pageSize");
        rates.MapPost("/", ImportAsync).RequireAuthorization(Policies.EditCases)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ExchangeRateFile.MaxBytes + 65536))
            .WithSummary("Import rates from CSV (body text/csv, or multipart 'file'): header " + ExchangeRateFile.Header + "; 200 with the counts added and replaced, "
                + "or 400 listing every error as \"line N: column\" with nothing stored")
            .WithDescription("A rate for a currency and date already stored replaces it (a correction). Every measure of the imported currencies is converted again "
                + "with the nearest rate on or before its date, in the same transaction.");
        return api;
    }

    private static async Task<Ok<ExchangeRatePage>> ListAsync(string? currency, int? page, int? pageSize, ImportExchangeRates rates, CancellationToken ct) =>
        TypedResults.Ok(await rates.ListAsync(currency, page ?? 1, pageSize ?? ImportExchangeRates.DefaultPageSize, ct));

    private static async Task<Ok<RatesImportSummary>> ImportAsync(HttpContext http, ImportExchangeRates import, CancellationToken ct)
    {
        byte[] content;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw new ValidationFailedException([new ValidationError("file", "Required")]);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else if (http.Request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else
        {
            throw new ValidationFailedException([new ValidationError("file", "RatesCsvExpected")]);
        }

        return TypedResults.Ok(await import.HandleAsync(content, http.User.Actor(), ct));
    }
}
