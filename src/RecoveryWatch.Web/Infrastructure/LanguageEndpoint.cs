using Microsoft.AspNetCore.Localization;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Infrastructure;

public static class LanguageEndpoint
{
    /// <summary>The language switcher: remembers the choice in the culture cookie for a year and returns to the page.
    /// A GET so that it works as a plain form without script; it changes nothing but a preference.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitcher(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language", (string? culture, string? returnUrl, HttpContext http) =>
        {
            var language = Languages.Normalize(culture);
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? StripCultureParameter(returnUrl)
                : "/cases";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A ?culture= in the page's address would override the cookie just set.</summary>
    private static string StripCultureParameter(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[question..]);
        var kept = query.Where(q => !string.Equals(q.Key, Localization.CultureQueryKey, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(url[..question], kept);
    }
}
