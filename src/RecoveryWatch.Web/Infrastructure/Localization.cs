using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Infrastructure;

public static class Localization
{
    public const string CultureQueryKey = "culture";

    public static IServiceCollection AddRecoveryWatchLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.All.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // ?culture= first, then the cookie set by the language switcher, then the browser's Accept-Language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = CultureQueryKey, UIQueryStringKey = CultureQueryKey },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>The current UN language (ar, zh, en, fr, ru, es) of the request.</summary>
    public static string CurrentLanguage => Languages.Normalize(CultureInfo.CurrentUICulture.Name);

    /// <summary>The language an API call asks for with <c>lang</c> (a 400 naming <c>lang</c> when it is not one of the six),
    /// else the reader's.</summary>
    public static string RequestedLanguage(HttpContext http)
    {
        if (http.Request.Query["lang"].FirstOrDefault() is not { } asked)
        {
            return CurrentLanguage;
        }

        return Languages.TryParse(asked, out var language)
            ? language
            : throw new ValidationFailedException([new ValidationError("lang", "UnknownCode", asked)]);
    }

    public static string Message(this IStringLocalizer localizer, ValidationError error) =>
        localizer["Validation." + error.Code, [.. error.Arguments.Select(a => a is MessageKey key ? localizer[key.Key].Value : a)]].Value;

    public static Dictionary<string, string[]> ToProblemErrors(this IEnumerable<ValidationError> errors, IStringLocalizer localizer) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(localizer.Message).ToArray());
}
