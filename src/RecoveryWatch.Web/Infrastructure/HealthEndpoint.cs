using RecoveryWatch.Data;

namespace RecoveryWatch.Web.Infrastructure;

public static class HealthEndpoint
{
    /// <summary>200 when the database answers, 503 with Retry-After otherwise (what load balancers and the README rely on).</summary>
    public static async Task<IResult> CheckAsync(HttpContext context, RecoveryWatchDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Database.CanConnectAsync(cancellationToken))
        {
            return TypedResults.Text("Healthy");
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable");
    }
}

public static class SecurityHeaders
{
    /// <summary>No inline script, no framing, no MIME sniffing; the full hardening comes with the accounts issue.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            await next();
        });
}
