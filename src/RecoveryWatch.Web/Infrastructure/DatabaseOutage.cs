using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// The database cannot be reached for a moment (PostgreSQL restarting or refusing connections, a SQLite file locked beyond
/// its busy timeout). Such a request is answered 503 with <c>Retry-After</c> — a state the client can wait out — instead of a
/// 500 that reads like a bug, and the next request tries the database again: nothing is cached about the outage.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client is asked to wait; a PostgreSQL restart takes about that long.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Seconds Npgsql may spend opening a connection when the connection string does not say (its default is 15):
    /// long enough for a loaded server, short enough that a request during an outage answers instead of hanging.</summary>
    public const int PostgresConnectTimeoutSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN: another writer held the file past the busy timeout, or the file is gone.
    private static readonly int[] SqliteUnavailable = [5, 6, 14];

    /// <summary>Whether the exception, or one it wraps, says the database is unreachable rather than that a query is wrong.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql marks connection failures, broken connections, timeouts and the server's own "shutting down" /
                // "starting up" (57P01, 57P03) as transient; a syntax or constraint error is not.
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode):
                case SocketException:
                case TimeoutException:
                    return true;
                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Answers the request that met an outage: problem details for the API and /healthz, a short page in the reader's
    /// language for people (written here, not through the layout, which may itself need the database).</summary>
    public static async Task WriteAsync(HttpContext context, string path, IProblemDetailsService problems, IStringLocalizer localizer, Exception exception)
    {
        // Broken pooled connections would otherwise fail one request each after the database is back.
        NpgsqlConnection.ClearAllPools();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/healthz", StringComparison.OrdinalIgnoreCase))
        {
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = localizer["Problem.Unavailable"],
                Instance = path,
            };
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        // The app's encoder, which leaves Arabic, Chinese and Cyrillic as characters (see Program.cs).
        var html = context.RequestServices.GetRequiredService<HtmlEncoder>();
        var title = html.Encode(localizer["Unavailable.Title"]);
        var text = html.Encode(localizer["Unavailable.Text"]);
        var back = html.Encode(localizer["Unavailable.Retry"]);
        var target = html.Encode(context.Request.PathBase + path + context.Request.QueryString);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{culture.Name}" dir="{(culture.TextInfo.IsRightToLeft ? "rtl" : "ltr")}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{title}</h1><p>{text}</p><p><a href="{target}">{back}</a></p></main></body>
            </html>
            """);
    }

    /// <summary>The PostgreSQL connection string with a short connect timeout unless it sets one itself.</summary>
    public static string WithConnectTimeout(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Timeout") || given.ContainsKey("Connect Timeout") || given.ContainsKey("Connection Timeout"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = PostgresConnectTimeoutSeconds }.ConnectionString;
    }
}
