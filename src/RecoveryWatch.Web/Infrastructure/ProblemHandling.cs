using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Turns exceptions into RFC 9457 problem details: broken rules into 400 with every field's error, a missing or
/// invisible record into 404, an unreachable database into 503 with Retry-After, anything else into a 500 without internals.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at /error; the feature keeps the path that failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? string.Empty;
        if (DatabaseOutage.IsOutage(exception))
        {
            // Not a bug to investigate: one line, no stack, and the client is told when to come back.
            logger.LogWarning("Database unavailable for {Path}: {Message}", path, exception.GetBaseException().Message);
            await DatabaseOutage.WriteAsync(httpContext, path, problems, localizer, exception);
            return true;
        }

        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && !path.StartsWith("/healthz", StringComparison.OrdinalIgnoreCase))
        {
            // Pages show the error page (re-executed at /error) instead of JSON.
            if (exception is not NotFoundException)
            {
                logger.LogError(exception, "Unhandled exception for {Path}", path);
            }

            return false;
        }

        ProblemDetails problem;
        switch (exception)
        {
            case ConflictException conflict:
                problem = new HttpValidationProblemDetails(conflict.Errors.ToProblemErrors(localizer))
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = localizer["Problem.Conflict"],
                };
                break;
            case ValidationFailedException validation:
                problem = new HttpValidationProblemDetails(validation.Errors.ToProblemErrors(localizer))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = localizer["Problem.Validation"],
                };
                break;
            case RecoveryWatch.Collection.WorkbookRejectedException workbook:
                problem = WorkbookProblem(workbook, localizer);
                break;
            case Api.ForbiddenStateException or NotYourStateException:
                problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = localizer["Problem.NotYourState"] };
                break;
            case RecoveryWatch.Knowledge.PracticeForbiddenException:
                problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = localizer["Problem.PracticeForbidden"] };
                break;
            case NotFoundException:
                problem = new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = localizer["Problem.NotFound"] };
                break;
            case BadHttpRequestException { InnerException: System.Text.Json.JsonException json }:
                // A JSON body bound by the framework: the same answer as for bodies the endpoints read themselves.
                problem = new HttpValidationProblemDetails(new[] { Api.JsonOptions.ToValidationError(json) }.ToProblemErrors(localizer))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = localizer["Problem.Validation"],
                };
                break;
            case BadHttpRequestException bad:
                problem = new ProblemDetails { Status = bad.StatusCode, Title = localizer["Problem.BadRequest"] };
                break;
            default:
                logger.LogError(exception, "Unhandled exception for {Path}", path);
                problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = localizer["Problem.Internal"] };
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        problem.Instance ??= httpContext.Request.Path;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Where a workbook error is ("Measures!D5", or the sheet or "workbook") and what it says, in the reader's language.</summary>
    public static (string Where, string Message) Describe(RecoveryWatch.Collection.CellError error, IStringLocalizer localizer) =>
        (error.Row is null ? error.Sheet : $"{error.Sheet}!{error.Cell}", localizer["Workbook." + error.Code, error.Arguments].Value);

    /// <summary>Every error of a workbook: under "errors" keyed by "Sheet!Cell" (as for JSON fields) and under "cells" with the
    /// sheet, row and column apart, for programs that fix files.</summary>
    public static ProblemDetails WorkbookProblem(RecoveryWatch.Collection.WorkbookRejectedException workbook, IStringLocalizer localizer)
    {
        var problem = new HttpValidationProblemDetails(workbook.Errors
            .Select(e => Describe(e, localizer))
            .GroupBy(e => e.Where)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = localizer["Problem.Workbook"],
        };
        problem.Extensions["cells"] = workbook.Errors.Select(e => new { sheet = e.Sheet, row = e.Row, column = e.Column, message = localizer["Workbook." + e.Code, e.Arguments].Value }).ToList();
        return problem;
    }
}
