using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/export/cases.{format}", ExportAsync).AllowAnonymous().WithTags("Open data")
            .WithSummary("Export cases as CSV, XLSX or JSON")
            .WithDescription("Same filters as /api/v1/cases; streamed. Anonymous callers get the public fields of published cases only.");
        return api;
    }

    private static async Task<IResult> ExportAsync(string format, HttpContext http, ExportCases export, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!RecoveryWatch.Common.EnumCodes.TryParse<ExportFormat>(format, out var exportFormat))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: localizer["Problem.NotFound"]);
        }

        var bound = CaseFilterBinder.Bind(http.Request.Query);
        if (bound.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(bound.Errors.ToProblemErrors(localizer), title: localizer["Problem.Validation"]);
        }

        var (contentType, extension) = exportFormat switch
        {
            ExportFormat.Csv => ("text/csv; charset=utf-8", "csv"),
            ExportFormat.Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            _ => ("application/json; charset=utf-8", "json"),
        };
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"recoverywatch-cases.{extension}\"";
        await export.WriteAsync(exportFormat, bound.Filter, http.User.CaseReader(), http.Response.Body, cancellationToken);
        return TypedResults.Empty;
    }
}
