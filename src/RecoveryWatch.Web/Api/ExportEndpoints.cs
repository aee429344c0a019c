using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/export/cases.{format}", ExportAsync).AllowAnonymous().PublicRead(store: false).WithTags("Open data")
            .WithSummary("Export cases as CSV, XLSX or JSON")
            .WithDescription("Same filters as /api/v1/cases; streamed. Anonymous callers get the public fields of published cases only. "
                + "labels=true adds, beside each coded column, a <column>_label column (JSON: a labels object per case) in the language lang "
                + "(ar, zh, en, fr, ru, es; default: the request's language); the codes and their labels in all six languages are at /api/v1/codebook.");
        return api;
    }

    private static async Task<IResult> ExportAsync(string format, HttpContext http, ExportCases export, Codebook codebook, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!RecoveryWatch.Common.EnumCodes.TryParse<ExportFormat>(format, out var exportFormat))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: localizer["Problem.NotFound"]);
        }

        var bound = CaseFilterBinder.Bind(http.Request.Query);
        var errors = bound.Errors.ToList();
        var labelLanguage = BindLabels(http.Request.Query, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToProblemErrors(localizer), title: localizer["Problem.Validation"]);
        }

        var (contentType, extension) = exportFormat switch
        {
            ExportFormat.Csv => ("text/csv; charset=utf-8", "csv"),
            ExportFormat.Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            _ => ("application/json; charset=utf-8", "json"),
        };
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"recoverywatch-cases.{extension}\"";
        await export.WriteAsync(exportFormat, bound.Filter, http.User.CaseReader(), http.Response.Body,
            labelLanguage is null ? null : codebook.Labeler(labelLanguage), cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary><c>labels=true</c> asks for label columns; <c>lang</c> (one of the six UN languages) chooses their language,
    /// the request's language otherwise. Null: codes only, the default output, unchanged.</summary>
    public static string? BindLabels(IQueryCollection query, List<RecoveryWatch.Common.ValidationError> errors)
    {
        string? language = null;
        if (query.TryGetValue("lang", out var lang) && !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(lang))
        {
            if (RecoveryWatch.ReferenceData.Languages.All.Contains(lang.ToString(), StringComparer.Ordinal))
            {
                language = lang.ToString();
            }
            else
            {
                errors.Add(new RecoveryWatch.Common.ValidationError("lang", "UnknownLanguage", lang.ToString()));
            }
        }

        if (!query.TryGetValue("labels", out var labels) || Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(labels))
        {
            return null;
        }

        if (!bool.TryParse(labels.ToString(), out var wanted))
        {
            errors.Add(new RecoveryWatch.Common.ValidationError("labels", "NotABoolean", labels.ToString()));
            return null;
        }

        return wanted ? language ?? Localization.CurrentLanguage : null;
    }
}
