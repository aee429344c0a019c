using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Brotli and gzip for pages, JSON, CSV, SVG, scripts and styles, also over HTTPS (the app usually runs behind TLS).
/// </summary>
/// <remarks>
/// BREACH recovers a secret from the size of compressed HTTPS answers when the same answer also reflects text the
/// attacker chose, and the attacker can make the victim's browser send many such requests with its cookies. The rule:
/// <list type="bullet">
/// <item>answers to anonymous readers are compressed: they hold public data only; the one secret an anonymous page may
/// hold, the anti-forgery form token, is encrypted afresh for every answer, so its bytes never repeat;</item>
/// <item>answers to a browser that carries a sign-in cookie are not compressed over HTTPS (static files aside, which hold
/// nothing personal): they hold restricted case details and the search box reflects its query (<c>/cases?q=</c>);</item>
/// <item>answers to bearer-token API clients are compressed: a token is not sent by a browser on its own, so no other site
/// can make a client repeat requests with it.</item>
/// </list>
/// </remarks>
public static class Compression
{
    /// <summary>The defaults (HTML, CSS, JavaScript, JSON, XML, plain text) plus CSV exports, SVG charts and problem details.</summary>
    public static readonly string[] MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/csv", "image/svg+xml", "application/problem+json"];

    /// <summary>The prefix of ASP.NET Core Identity's cookies (sign-in, two-step sign-in).</summary>
    private const string SignInCookiePrefix = ".AspNetCore.Identity.";

    public static IServiceCollection AddRecoveryWatchCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        // Fastest: on two cores the processor, not the network, limits a burst of readers; it still shrinks a page about fivefold.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>After the static files (which stay compressed for everyone), before the pages and endpoints.</summary>
    public static IApplicationBuilder UseNoHttpsCompressionWhenSignedIn(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpsCompressionFeature>() is { } feature && CarriesSignInCookie(context.Request))
            {
                feature.Mode = HttpsCompressionMode.DoNotCompress;
            }

            return next(context);
        });

    private static bool CarriesSignInCookie(HttpRequest request)
    {
        foreach (var name in request.Cookies.Keys)
        {
            if (name.StartsWith(SignInCookiePrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
