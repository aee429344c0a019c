using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Api;

public static class CodebookEndpoints
{
    public static RouteGroupBuilder MapCodebookEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/codebook", GetAsync).AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("The codebook: every coded list of the API and the exports, each code with its labels in the six languages")
            .WithDescription("Lists: " + string.Join(", ", Codebook.ListNames) + ". Each entry has code, labels (ar, zh, en, fr, ru, es), "
                + "the UNCAC article where there is one, and a group where it matters (a State's regional group, a question's section, "
                + "an answer's kind). Challenges come from the taxonomy the Secretariat maintains; retired: true marks a type kept on "
                + "old data only. ISO 4217 names currencies in English only. list=NAME returns one list.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, IReadOnlyList<CodebookEntry>>>, ValidationProblem>> GetAsync(
        string? list, Codebook codebook, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (list is not null && !Codebook.ListNames.Contains(list, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(new[] { new ValidationError("list", "UnknownCode", list) }.ToProblemErrors(localizer), title: localizer["Problem.Validation"]);
        }

        return TypedResults.Ok(await codebook.GetAsync(list, cancellationToken));
    }
}
