using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using RecoveryWatch.Data;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Marks a page or endpoint as a public read of case data (case list and page, statistics, exports, codebook): for an
/// anonymous reader its answer depends only on the address, the reader's language and the
/// <see cref="CaseDataGeneration"/>, so it gets an <c>ETag</c>, a 304 to a matching <c>If-None-Match</c> without running
/// its queries, and (unless <see cref="Store"/> is false) a place in the output cache.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicReadAttribute : Attribute
{
    /// <summary>Whether the answer is kept in the output cache. False for exports: they are streamed and may run to tens of
    /// megabytes for 100,000 cases, and the output cache holds a whole body in memory; the ETag and 304 spare them anyway.</summary>
    public bool Store { get; init; } = true;
}

/// <summary>Settings of <c>HttpCaching</c> in configuration.</summary>
public sealed class PublicReadOptions
{
    /// <summary>How long a browser or shared cache may reuse an anonymous answer without asking again. 0 (the default):
    /// <c>public, no-cache</c>, every reuse is revalidated — a correction by the Secretariat shows at once, and a
    /// revalidation costs one read of one row. A few seconds in front of a CDN on the day a note is published:
    /// <c>public, max-age=N, must-revalidate</c>.</summary>
    public int MaxAgeSeconds { get; set; }

    /// <summary>How long the output cache keeps an answer. Answers of an older generation are never served again; this
    /// only bounds how long they take memory.</summary>
    public int OutputCacheSeconds { get; set; } = 600;
}

/// <summary>
/// HTTP caching of public reads: ETag and conditional GET, <c>Cache-Control</c>/<c>Vary</c>, and the output cache keyed
/// by the case data generation. Signed-in readers (cookie or bearer token) are never served from, nor stored into, a
/// cache, and their answers say <c>private, no-store</c>: a focal point's restricted details must not reach anyone else
/// through this instance's cache, a proxy or a CDN.
/// </summary>
public static class PublicReadCaching
{
    public const string ConfigurationSection = "HttpCaching";

    /// <summary>The headers an anonymous public read varies by: its language may come from the cookie or Accept-Language,
    /// its body encoding from Accept-Encoding, and a request with credentials must never get a shared copy.</summary>
    public static readonly string[] VaryBy = [HeaderNames.AcceptEncoding, HeaderNames.AcceptLanguage, HeaderNames.Cookie, HeaderNames.Authorization];

    public static IServiceCollection AddPublicReadCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PublicReadOptions>(configuration.GetSection(ConfigurationSection));
        services.AddSingleton<CaseDataGenerations>();
        services.AddSingleton<PublicReadOutputPolicy>();
        services.AddSingleton<OlderGenerationEviction>();
        services.AddOutputCache();
        services.AddSingleton<IConfigureOptions<OutputCacheOptions>, ConfigureOutputCache>();
        return services;
    }

    /// <summary>After authentication and authorization (the user must be known), before the endpoints.</summary>
    public static IApplicationBuilder UsePublicReadCaching(this IApplicationBuilder app)
    {
        app.UseMiddleware<ConditionalPublicReads>();
        return app.UseOutputCache();
    }

    public static RouteHandlerBuilder PublicRead(this RouteHandlerBuilder builder, bool store = true) =>
        builder.WithMetadata(new PublicReadAttribute { Store = store });

    /// <summary>The public read this request is for, or null: a GET or HEAD to an endpoint marked <see cref="PublicReadAttribute"/>.</summary>
    public static PublicReadAttribute? PublicReadOf(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? http.GetEndpoint()?.Metadata.GetMetadata<PublicReadAttribute>()
            : null;

    /// <summary>
    /// Whether the request is one whose answer may be shared with every other anonymous reader of the same address and
    /// language: no signed-in user, no Authorization header, and no cookie but the language and anti-forgery ones (a
    /// sign-in cookie, even one no longer valid, or a one-time notice kept in TempData, makes the answer personal).
    /// </summary>
    public static bool IsShareable(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true || !StringValues.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            return false;
        }

        foreach (var name in http.Request.Cookies.Keys)
        {
            if (name != CookieRequestCultureProvider.DefaultCookieName && !name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The entity tag of an anonymous public read: a hash of the build (the pages' code and the reference data), the case
    /// data generation, the UTC day (durations count stalled cases up to today), the method-independent address, the
    /// reader's resolved culture (query, cookie or Accept-Language, as localization chose it) and the endpoint that answers.
    /// Weak (<c>W/</c>): it names what the answer means, not its bytes — the same tag covers the identity, gzip and Brotli
    /// encodings of a body (a strong tag would have to differ per content coding), and If-None-Match compares weakly anyway.
    /// The generation is hashed, not shown: the tag tells an anonymous reader that something changed, not how much.
    /// </summary>
    public static string ETagFor(HttpContext http, long generation, DateOnly today)
    {
        var request = http.Request;
        var text = string.Join('\n',
            Build,
            generation.ToString(CultureInfo.InvariantCulture),
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            request.PathBase.Value + request.Path.Value + request.QueryString.Value,
            CultureInfo.CurrentCulture.Name,
            CultureInfo.CurrentUICulture.Name,
            http.GetEndpoint()?.DisplayName ?? "");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "W/\"" + Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>Identifies this build of the web and domain assemblies: a deployment that changes a page or the reference
    /// data changes every tag, while instances running the same build agree.</summary>
    private static readonly string Build = typeof(PublicReadCaching).Assembly.ManifestModule.ModuleVersionId.ToString("N")
        + typeof(CaseDataGeneration).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    internal static void MarkShared(HttpResponse response, string etag, PublicReadOptions options)
    {
        var headers = response.Headers;
        headers.ETag = etag;
        headers.CacheControl = options.MaxAgeSeconds > 0
            ? $"public, max-age={options.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}, must-revalidate"
            : "public, no-cache";
        headers.Vary = MergeVary(headers.Vary);
    }

    internal static void MarkPrivate(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ETag = StringValues.Empty;
        headers.CacheControl = "private, no-store";
    }

    /// <summary>
    /// The cookies the answer really sets. Every page reads TempData (the layout's signed-out notice), and the TempData
    /// provider then deletes its cookie whether or not the request had one; a shareable request never has one (see
    /// <see cref="IsShareable"/>), so for it that deletion is a no-op, and is dropped (before the answer starts): it would otherwise keep every public
    /// page out of every cache, this one and the CDN's alike.
    /// </summary>
    internal static StringValues CookiesSet(HttpResponse response)
    {
        var setCookie = response.Headers.SetCookie;
        if (StringValues.IsNullOrEmpty(setCookie) || response.HttpContext.Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName))
        {
            return setCookie;
        }

        return new StringValues([.. setCookie.Where(c => !(SetCookieHeaderValue.TryParse(c, out var cookie)
            && cookie.Name.Equals(CookieTempDataProvider.CookieName, StringComparison.Ordinal) && cookie.Value.Length == 0))]);
    }

    private static string MergeVary(StringValues existing)
    {
        var names = new List<string>();
        foreach (var value in existing.Concat(VaryBy))
        {
            foreach (var name in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(name);
                }
            }
        }

        return string.Join(", ", names);
    }

    /// <summary>Whether If-None-Match names the tag (weak comparison, RFC 9110 §13.1.2). <c>*</c> is left to the endpoint:
    /// whether the resource exists is its question.</summary>
    internal static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Tag != EntityTagHeaderValue.Any.Tag && current.Compare(t, useStrongComparison: false));
    }

    private sealed class ConfigureOutputCache(PublicReadOutputPolicy policy) : IConfigureOptions<OutputCacheOptions>
    {
        public void Configure(OutputCacheOptions options)
        {
            // A base policy that does nothing unless the endpoint is a public read: other endpoints are never cached.
            options.AddBasePolicy(policy);
            // A page of results or a statistics chart is tens of kilobytes; anything far larger is not worth memory.
            options.MaximumBodySize = 4 * 1024 * 1024;
        }
    }
}

/// <summary>
/// Reads the <see cref="CaseDataGeneration"/> at most once per request (the conditional check and the output cache share
/// it), from the request's own database context — so from the database the request's other reads use. Once per process
/// it checks that the triggers are installed; if not, it logs an error and caching stays off (answers are computed every
/// time), rather than serving answers that no change would ever invalidate.
/// </summary>
public sealed class CaseDataGenerations(ILogger<CaseDataGenerations> logger)
{
    private static readonly object ItemKey = new();
    private int _triggers; // 0 not checked yet, 1 installed, -1 missing

    /// <summary>The generation this request has already read, if it has.</summary>
    public static long? Known(HttpContext http) => http.Items.TryGetValue(ItemKey, out var known) ? (long?)known : null;

    public async ValueTask<long?> ReadAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known))
        {
            return (long?)known;
        }

        var db = http.RequestServices.GetRequiredService<RecoveryWatchDbContext>();
        if (Volatile.Read(ref _triggers) == 0)
        {
            var installed = await CaseDataGeneration.TriggersInstalledAsync(db, http.RequestAborted);
            if (!installed)
            {
                logger.LogError("The case data generation triggers are missing from the database: public reads are not cached. Apply the migrations that call CaseDataGenerationSql.Up.");
            }

            Volatile.Write(ref _triggers, installed ? 1 : -1);
        }

        var generation = _triggers == 1 ? await CaseDataGeneration.ReadAsync(db, http.RequestAborted) : null;
        http.Items[ItemKey] = generation;
        return generation;
    }
}

/// <summary>
/// Answers a conditional GET of an anonymous public read with 304 when its tag still matches, before the output cache and
/// the endpoint (no query but the generation's), and stamps the tag, <c>Cache-Control</c> and <c>Vary</c> on the answers;
/// marks answers to signed-in readers <c>private, no-store</c>.
/// </summary>
public sealed class ConditionalPublicReads(RequestDelegate next, CaseDataGenerations generations, TimeProvider clock, IOptionsMonitor<PublicReadOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (PublicReadCaching.PublicReadOf(context) is null)
        {
            await next(context);
            return;
        }

        if (!PublicReadCaching.IsShareable(context))
        {
            context.Response.OnStarting(static state =>
            {
                PublicReadCaching.MarkPrivate((HttpResponse)state);
                return Task.CompletedTask;
            }, context.Response);
            await next(context);
            return;
        }

        var generation = await generations.ReadAsync(context);
        if (generation is null)
        {
            await next(context);
            return;
        }

        var etag = PublicReadCaching.ETagFor(context, generation.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var settings = options.CurrentValue;
        if (PublicReadCaching.Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            PublicReadCaching.MarkShared(context.Response, etag, settings);
            return;
        }

        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            // Registered first, so it runs after every other OnStarting callback and sees the final status and cookies.
            var cookies = PublicReadCaching.CookiesSet(response);
            if (cookies.Count != response.Headers.SetCookie.Count)
            {
                response.Headers.SetCookie = cookies;
            }

            if (!StringValues.IsNullOrEmpty(cookies))
            {
                PublicReadCaching.MarkPrivate(response);
            }
            else if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
            {
                PublicReadCaching.MarkShared(response, etag, settings);
            }
            else if (StringValues.IsNullOrEmpty(response.Headers.CacheControl))
            {
                // A 404 is cacheable by heuristics: the address of a draft must not stay "not found" in a CDN once published.
                response.Headers.CacheControl = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    }
}

/// <summary>
/// The output cache for public reads: only anonymous, shareable GET and HEAD requests to endpoints marked
/// <see cref="PublicReadAttribute"/> with <see cref="PublicReadAttribute.Store"/>; keyed by the address (every query
/// parameter), the resolved culture, the UTC day and the case data generation, so a change to case data anywhere — this
/// instance or another on the same database — makes every older answer unreachable. Answers that set a cookie or are not
/// 200 are not kept.
/// </summary>
public sealed class PublicReadOutputPolicy(CaseDataGenerations generations, OlderGenerationEviction eviction, TimeProvider clock, IOptionsMonitor<PublicReadOptions> options) : IOutputCachePolicy
{
    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (PublicReadCaching.PublicReadOf(http) is not { Store: true } || !PublicReadCaching.IsShareable(http))
        {
            return;
        }

        if (await generations.ReadAsync(http) is not { } generation)
        {
            return;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        // Many readers of the same address after a change: one computes the answer, the others wait for it.
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["generation"] = generation.ToString(CultureInfo.InvariantCulture);
        context.Tags.Add(eviction.Tag(generation));
        await eviction.EvictOlderThanAsync(generation);
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentCulture.Name + "|" + CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["day"] = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.CurrentValue.OutputCacheSeconds);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (!StringValues.IsNullOrEmpty(PublicReadCaching.CookiesSet(http.Response)) || http.Response.StatusCode != StatusCodes.Status200OK
            || http.User.Identity?.IsAuthenticated == true || eviction.IsOlderThanSeen(http))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Takes the output cache's answers of an older case data generation out of memory as soon as a newer generation is seen.
/// They can never be served again (their key holds their generation), but they would stay until they expire
/// (<c>HttpCaching:OutputCacheSeconds</c>, 10 minutes by default): under steady writes — a State's import every few
/// seconds — memory would grow with every write for that long (the soak of <c>bench/load</c> showed it). Each answer is
/// tagged with its generation, and the first request that sees a newer one evicts the older tags. An answer computed under
/// the old generation and finished after that is not stored at all.
/// </summary>
public sealed class OlderGenerationEviction(IServiceProvider services)
{
    private const string TagPrefix = "case-data-generation:";

    // Looked up at the first eviction, not injected: the memory store is built from the output cache options, whose
    // configuration holds the policy that holds this class, and a constructor dependency would close that circle (the
    // app hung at its first request).
    private IOutputCacheStore? _store;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _tagged = new();
    private long _newest; // the newest generation any request has seen
    private long _evictedBelow; // the tags of every generation below this one are evicted

    /// <summary>The tag of the answers of <paramref name="generation"/>, remembered until it is evicted.</summary>
    public string Tag(long generation)
    {
        _tagged.TryAdd(generation, 0);
        return TagPrefix + generation.ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask EvictOlderThanAsync(long generation)
    {
        var newest = Volatile.Read(ref _newest);
        while (generation > newest)
        {
            var before = Interlocked.CompareExchange(ref _newest, generation, newest);
            newest = before == newest ? generation : before;
        }

        // Two reads of two fields on every cached request; only the one request that moves _evictedBelow walks the tags.
        var evictedBelow = Volatile.Read(ref _evictedBelow);
        if (newest <= evictedBelow || Interlocked.CompareExchange(ref _evictedBelow, newest, evictedBelow) != evictedBelow)
        {
            return;
        }

        foreach (var older in _tagged.Keys)
        {
            if (older < newest && _tagged.TryRemove(older, out _))
            {
                // Not the request's token: the eviction must finish even if the reader who happened to trigger it goes away.
                _store ??= services.GetRequiredService<IOutputCacheStore>();
                await _store.EvictByTagAsync(TagPrefix + older.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            }
        }
    }

    /// <summary>Whether the request's answer belongs to a generation older than one already seen (its tag may be gone).</summary>
    public bool IsOlderThanSeen(HttpContext http) =>
        CaseDataGenerations.Known(http) is { } generation && generation < Volatile.Read(ref _newest);
}
