using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

/// <summary>
/// Every page and /api/v1 endpoint the application maps, requested as every role. The table below says who may use
/// each one; an endpoint missing from the table fails the suite, so nothing new ships without a decision about access.
/// </summary>
public abstract class AccessMatrixTests(WorldApp world)
{
    public enum Role
    {
        Anonymous,
        Admin,
        Analyst,
        FocalPoint,
        Delegate,
    }

    private enum Access
    {
        /// <summary>Anyone, signed in or not.</summary>
        Public,

        /// <summary>Any signed-in user.</summary>
        SignedIn,

        /// <summary>Secretariat administrators and analysts.</summary>
        Secretariat,

        /// <summary>Secretariat administrators only.</summary>
        Admin,

        /// <summary>Delegates of a State party only.</summary>
        Delegate,

        /// <summary>Focal points and the Secretariat (information requests).</summary>
        Rounds,
    }

    /// <summary>Who may use what. Keys are "METHOD /route pattern" as the application maps them.</summary>
    private static readonly Dictionary<string, Access> Table = new(StringComparer.Ordinal)
    {
        ["GET /"] = Access.Public,
        ["GET /cases"] = Access.Public,
        ["GET /cases/{id:int}"] = Access.Public,
        ["GET /cases/{id:int}/history"] = Access.Secretariat,
        ["GET /cases/edit/{id:int?}"] = Access.Secretariat,
        ["GET /account/login"] = Access.Public,
        ["GET /account/login-2fa"] = Access.Public,
        ["GET /account/logout"] = Access.Public,
        ["GET /account/denied"] = Access.Public,
        ["GET /account/setup"] = Access.Public,
        ["GET /account/forgot-password"] = Access.Public,
        ["GET /account/two-factor"] = Access.SignedIn,
        ["GET /admin/users"] = Access.Admin,
        ["GET /admin/users/{id}"] = Access.Admin,
        ["GET /admin/audit"] = Access.Admin,
        ["GET /error"] = Access.Public,
        ["GET /language"] = Access.Public,
        ["GET /healthz"] = Access.Public,
        ["GET /openapi/{documentName}.json"] = Access.Public,
        ["GET /api/v1/cases/"] = Access.Public,
        ["GET /api/v1/cases/{id:int}"] = Access.Public,
        ["POST /api/v1/cases/"] = Access.Secretariat,
        ["PUT /api/v1/cases/{id:int}"] = Access.Secretariat,
        ["GET /api/v1/export/cases.{format}"] = Access.Public,
        ["POST /api/v1/identity/login"] = Access.Public,
        ["POST /api/v1/identity/refresh"] = Access.Public,
        ["GET /meetings"] = Access.Public,
        ["GET /meetings/{id:int}"] = Access.Public,
        ["GET /meetings/{id:int}/participants"] = Access.SignedIn,
        ["GET /documents"] = Access.Public,
        ["GET /api/v1/meetings/"] = Access.Public,
        ["GET /api/v1/meetings/{id:int}"] = Access.Public,
        ["GET /api/v1/meetings/{id:int}/calendar.ics"] = Access.Public,
        ["GET /api/v1/meetings/{id:int}/agenda.docx"] = Access.Public,
        ["GET /api/v1/meetings/{id:int}/silence"] = Access.Public,
        ["POST /api/v1/meetings/{id:int}/silence"] = Access.Secretariat,
        ["GET /api/v1/meetings/{id:int}/participants"] = Access.SignedIn,
        ["POST /api/v1/meetings/{id:int}/participants"] = Access.SignedIn,
        ["GET /api/v1/silence/{id:int}"] = Access.Public,
        ["POST /api/v1/silence/{id:int}/breaks"] = Access.Delegate,
        ["GET /api/v1/silence/{id:int}/outcome.docx"] = Access.Public,
        ["GET /api/v1/documents/{symbol}"] = Access.Public,
        ["GET /api/v1/documents/{symbol}/{lang}"] = Access.Public,
        ["POST /api/v1/documents/{symbol}/{lang}"] = Access.Secretariat,
        ["POST /api/v1/meetings/{id:int}/agenda/adopt"] = Access.Secretariat,
        ["POST /api/v1/meetings/{id:int}/agenda/amendments"] = Access.Secretariat,
        ["GET /rounds"] = Access.Rounds,
        ["GET /rounds/{id:int}"] = Access.Rounds,
        ["GET /rounds/new"] = Access.Admin,
        ["GET /submissions/{id:int}"] = Access.Rounds,
        ["GET /reconciliation"] = Access.Secretariat,
        ["GET /rounds/{id:int}/answer"] = Access.Rounds,
        ["GET /api/v1/rounds/"] = Access.Rounds,
        ["POST /api/v1/rounds/"] = Access.Admin,
        ["GET /api/v1/rounds/{id:int}"] = Access.Rounds,
        ["GET /api/v1/rounds/{id:int}/template.xlsx"] = Access.Rounds,
        ["POST /api/v1/rounds/{id:int}/submissions/{state}"] = Access.Rounds,
        ["GET /api/v1/submissions/{id:int}"] = Access.Rounds,
        ["POST /api/v1/submissions/{id:int}/clarification"] = Access.Secretariat,
        ["POST /api/v1/submissions/{id:int}/validate"] = Access.Secretariat,
        ["GET /api/v1/reconciliation/"] = Access.Secretariat,
        ["POST /api/v1/reconciliation/{id:int}/confirm"] = Access.Secretariat,
        ["POST /api/v1/reconciliation/{id:int}/reject"] = Access.Secretariat,
        ["GET /reconciliation/{id:int}"] = Access.Secretariat,
        ["GET /api/v1/reconciliation/{id:int}"] = Access.Secretariat,
        ["POST /api/v1/cases/{id:int}/publish"] = Access.Secretariat,
        ["GET /api/v1/statistics/volumes"] = Access.Public,
        ["GET /api/v1/statistics/durations"] = Access.Public,
        ["GET /api/v1/statistics/flows"] = Access.Public,
        ["GET /api/v1/statistics/challenges"] = Access.Public,
        ["GET /statistics"] = Access.Public,
        ["GET /api/v1/statistics/charts/{chart}.{format}"] = Access.Public,
        ["GET /exchange-rates"] = Access.Secretariat,
        ["GET /api/v1/exchange-rates/"] = Access.Public,
        ["POST /api/v1/exchange-rates/"] = Access.Secretariat,
        ["GET /api/v1/statistics/coverage"] = Access.Public,
        ["GET /api/v1/rounds/{id:int}/note.docx"] = Access.Secretariat,
        // Issue 12: editing a round (administrators, as creating one) and the Secretariat's reminders.
        ["GET /rounds/{id:int}/edit"] = Access.Admin,
        ["PUT /api/v1/rounds/{id:int}"] = Access.Admin,
        ["GET /api/v1/rounds/{id:int}/reminders"] = Access.Secretariat,
        ["POST /api/v1/rounds/{id:int}/reminders"] = Access.Secretariat,
        ["GET /reports/note"] = Access.Secretariat,
        ["GET /legal-frameworks"] = Access.Public,
        ["GET /legal-frameworks/compare"] = Access.Public,
        ["GET /legal-frameworks/{state:length(3)}"] = Access.Public,
        ["GET /legal-frameworks/{state:length(3)}/edit"] = Access.Rounds,
        ["GET /api/v1/legal-frameworks/"] = Access.Public,
        ["GET /api/v1/legal-frameworks/questions"] = Access.Public,
        ["GET /api/v1/legal-frameworks/compare"] = Access.Public,
        ["GET /api/v1/legal-frameworks/compare.{format}"] = Access.Public,
        ["GET /api/v1/legal-frameworks/{state}"] = Access.Public,
        ["GET /api/v1/legal-frameworks/{state}/versions/{number:int}"] = Access.Public,
        ["GET /api/v1/legal-frameworks/{state}/draft"] = Access.Rounds,
        ["PUT /api/v1/legal-frameworks/{state}/draft"] = Access.Rounds,
        ["POST /api/v1/legal-frameworks/{state}/draft/submit"] = Access.Rounds,
        ["POST /api/v1/legal-frameworks/{state}/draft/return"] = Access.Secretariat,
        ["POST /api/v1/legal-frameworks/{state}/draft/validate"] = Access.Secretariat,
        ["GET /challenges"] = Access.Public,
        ["GET /challenges/edit/{code?}"] = Access.Secretariat,
        ["GET /api/v1/challenges/"] = Access.Public,
        ["GET /api/v1/challenges/{code}"] = Access.Public,
        ["POST /api/v1/challenges/"] = Access.Secretariat,
        ["PUT /api/v1/challenges/{code}"] = Access.Secretariat,
        ["POST /api/v1/challenges/{code}/retire"] = Access.Secretariat,
        ["GET /api/v1/challenges/state-reports"] = Access.Secretariat,
        ["GET /technical-assistance"] = Access.Public,
        ["GET /technical-assistance/activities"] = Access.Public,
        ["GET /technical-assistance/needs/edit/{id:int?}"] = Access.Secretariat,
        ["GET /technical-assistance/activities/new"] = Access.Secretariat,
        ["GET /api/v1/technical-assistance/needs"] = Access.Public,
        ["GET /api/v1/technical-assistance/needs/{id:int}"] = Access.Public,
        ["POST /api/v1/technical-assistance/needs"] = Access.Secretariat,
        ["PUT /api/v1/technical-assistance/needs/{id:int}"] = Access.Secretariat,
        ["GET /api/v1/technical-assistance/activities"] = Access.Public,
        ["POST /api/v1/technical-assistance/activities"] = Access.Secretariat,
        ["GET /api/v1/technical-assistance/unmet"] = Access.Public,
        // Good practices: writers are focal points (their own States) and the Secretariat, the same roles as Access.Rounds.
        ["GET /good-practices"] = Access.Public,
        ["GET /good-practices/{id:int}"] = Access.Public,
        ["GET /good-practices/edit/{id:int?}"] = Access.Rounds,
        ["GET /good-practices/feed.atom"] = Access.Public,
        ["GET /api/v1/good-practices/"] = Access.Public,
        ["GET /api/v1/good-practices/{id:int}"] = Access.Public,
        ["POST /api/v1/good-practices/"] = Access.Rounds,
        ["PUT /api/v1/good-practices/{id:int}"] = Access.Rounds,
        ["POST /api/v1/good-practices/{id:int}/submit"] = Access.Rounds,
        ["POST /api/v1/good-practices/{id:int}/publish"] = Access.Rounds,
        ["POST /api/v1/good-practices/{id:int}/withdraw"] = Access.Rounds,
        ["POST /api/v1/good-practices/{id:int}/rework"] = Access.Rounds,
        ["POST /api/v1/good-practices/{id:int}/attachments"] = Access.Rounds,
        ["GET /api/v1/good-practices/attachments/{id:int}"] = Access.Public,
        ["DELETE /api/v1/good-practices/attachments/{id:int}"] = Access.Rounds,
        // Issue 12: the API reference and the codebook are for everyone.
        ["GET /api/v1/codebook"] = Access.Public,
        ["GET /codebook"] = Access.Public,
        ["GET /api/docs/{documentName?}"] = Access.Public,
        ["GET /api/docs/scalar.js"] = Access.Public,
        ["GET /api/docs/scalar.aspnetcore.js"] = Access.Public,
        ["GET /api/docs/favicon.svg"] = Access.Public,
    };

    /// <summary>Statuses that are the endpoint's own answer for an allowed caller, where it is not 200.</summary>
    private static readonly Dictionary<string, HttpStatusCode> AllowedStatus = new(StringComparer.Ordinal)
    {
        ["GET /"] = HttpStatusCode.Redirect,
        ["GET /account/login-2fa"] = HttpStatusCode.Redirect,
        ["GET /account/logout"] = HttpStatusCode.Redirect,
        ["GET /account/denied"] = HttpStatusCode.Forbidden,
        ["GET /language"] = HttpStatusCode.Redirect,
        ["POST /api/v1/cases/"] = HttpStatusCode.BadRequest,
        ["PUT /api/v1/cases/{id:int}"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/identity/refresh"] = HttpStatusCode.Unauthorized,
        ["POST /api/v1/meetings/{id:int}/silence"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/meetings/{id:int}/participants"] = HttpStatusCode.BadRequest,
        ["GET /api/v1/silence/{id:int}"] = HttpStatusCode.NotFound,
        ["GET /api/v1/silence/{id:int}/outcome.docx"] = HttpStatusCode.NotFound,
        ["POST /api/v1/silence/{id:int}/breaks"] = HttpStatusCode.NotFound,
        ["POST /api/v1/documents/{symbol}/{lang}"] = HttpStatusCode.Created,
        ["POST /api/v1/meetings/{id:int}/agenda/amendments"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/rounds/"] = HttpStatusCode.BadRequest,
        ["GET /rounds/{id:int}"] = HttpStatusCode.NotFound,
        ["GET /submissions/{id:int}"] = HttpStatusCode.NotFound,
        ["GET /rounds/{id:int}/answer"] = HttpStatusCode.NotFound,
        ["GET /api/v1/rounds/{id:int}"] = HttpStatusCode.NotFound,
        ["GET /api/v1/rounds/{id:int}/template.xlsx"] = HttpStatusCode.NotFound,
        ["GET /api/v1/rounds/{id:int}/note.docx"] = HttpStatusCode.NotFound,
        ["GET /rounds/{id:int}/edit"] = HttpStatusCode.NotFound,
        ["PUT /api/v1/rounds/{id:int}"] = HttpStatusCode.NotFound,
        ["GET /api/v1/rounds/{id:int}/reminders"] = HttpStatusCode.NotFound,
        ["POST /api/v1/rounds/{id:int}/reminders"] = HttpStatusCode.NotFound,
        ["POST /api/v1/rounds/{id:int}/submissions/{state}"] = HttpStatusCode.NotFound,
        ["GET /api/v1/submissions/{id:int}"] = HttpStatusCode.NotFound,
        ["POST /api/v1/submissions/{id:int}/clarification"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/submissions/{id:int}/validate"] = HttpStatusCode.NotFound,
        ["POST /api/v1/reconciliation/{id:int}/confirm"] = HttpStatusCode.NotFound,
        ["POST /api/v1/reconciliation/{id:int}/reject"] = HttpStatusCode.NotFound,
        ["POST /api/v1/exchange-rates/"] = HttpStatusCode.BadRequest,
        ["GET /api/v1/legal-frameworks/compare"] = HttpStatusCode.BadRequest,
        ["GET /api/v1/legal-frameworks/compare.{format}"] = HttpStatusCode.BadRequest,
        ["GET /api/v1/legal-frameworks/{state}/versions/{number:int}"] = HttpStatusCode.NotFound,
        ["PUT /api/v1/legal-frameworks/{state}/draft"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/legal-frameworks/{state}/draft/submit"] = HttpStatusCode.Conflict,
        ["POST /api/v1/legal-frameworks/{state}/draft/return"] = HttpStatusCode.Conflict,
        ["POST /api/v1/legal-frameworks/{state}/draft/validate"] = HttpStatusCode.Conflict,
        ["POST /api/v1/challenges/"] = HttpStatusCode.BadRequest,
        ["PUT /api/v1/challenges/{code}"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/technical-assistance/needs"] = HttpStatusCode.BadRequest,
        ["PUT /api/v1/technical-assistance/needs/{id:int}"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/technical-assistance/activities"] = HttpStatusCode.BadRequest,
        ["GET /api/v1/technical-assistance/unmet"] = HttpStatusCode.BadRequest,
        // Bodies of "{}": no title, no version, no file — refused before the practice is even read, whoever may write.
        ["POST /api/v1/good-practices/"] = HttpStatusCode.BadRequest,
        ["PUT /api/v1/good-practices/{id:int}"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/good-practices/{id:int}/submit"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/good-practices/{id:int}/publish"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/good-practices/{id:int}/withdraw"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/good-practices/{id:int}/rework"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/good-practices/{id:int}/attachments"] = HttpStatusCode.BadRequest,
        ["DELETE /api/v1/good-practices/attachments/{id:int}"] = HttpStatusCode.BadRequest,
        // No proposal has the probed id; the probed case is published already, so publishing it again is a conflict.
        ["GET /reconciliation/{id:int}"] = HttpStatusCode.NotFound,
        ["GET /api/v1/reconciliation/{id:int}"] = HttpStatusCode.NotFound,
        ["POST /api/v1/cases/{id:int}/publish"] = HttpStatusCode.Conflict,
    };

    /// <summary>Where the first allowed caller changes the state the next one meets (adopting the agenda happens once).</summary>
    private static readonly Dictionary<string, HttpStatusCode> AllowedAlternative = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/meetings/{id:int}/agenda/adopt"] = HttpStatusCode.Conflict,
    };

    private List<(string Method, string Pattern)> MappedEndpoints()
    {
        var sources = world.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => e.m is "GET" or "POST" or "PUT" or "DELETE" or "PATCH")
            .Distinct()];
    }

    [Fact]
    public void Every_mapped_endpoint_has_a_decision_about_access()
    {
        var unclassified = MappedEndpoints().Select(e => $"{e.Method} {e.Pattern}").Where(k => !Table.ContainsKey(k)).ToList();
        Assert.True(unclassified.Count == 0, "Classify these endpoints in AccessMatrixTests.Table: " + string.Join(", ", unclassified));
        var stale = Table.Keys.Except(MappedEndpoints().Select(e => $"{e.Method} {e.Pattern}")).ToList();
        Assert.True(stale.Count == 0, "No longer mapped: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData(Role.Anonymous)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.FocalPoint)]
    [InlineData(Role.Delegate)]
    public async Task Each_role_gets_exactly_what_the_table_allows(Role role)
    {
        using var client = await SignInAsync(role);
        var adminId = await AdminIdAsync();
        var failures = new List<string>();
        foreach (var (method, pattern) in MappedEndpoints().Where(e => Table.ContainsKey($"{e.Method} {e.Pattern}")))
        {
            var key = $"{method} {pattern}";
            var url = pattern
                .Replace("{id:int?}", string.Empty, StringComparison.Ordinal)
                .Replace("{code?}", string.Empty, StringComparison.Ordinal)
                .Replace("{documentName?}", string.Empty, StringComparison.Ordinal)
                .Replace("{code}", "DualCriminality", StringComparison.Ordinal)
                .Replace("{id:int}", world.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{id}", adminId, StringComparison.Ordinal)
                .Replace("{format}", "csv", StringComparison.Ordinal)
                .Replace("{symbol}", Uri.EscapeDataString("CAC/COSP/WG.2/2020/1"), StringComparison.Ordinal)
                .Replace("{lang}", "en", StringComparison.Ordinal)
                .Replace("{state}", "NGA", StringComparison.Ordinal)
                .Replace("{state:length(3)}", "NGA", StringComparison.Ordinal)
                .Replace("{number:int}", "99", StringComparison.Ordinal)
                .Replace("{chart}", "by-year", StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal)
                .Replace("template.xlsx", "template.xlsx?state=NGA", StringComparison.Ordinal)
                .Replace("/answer", "/answer?state=NGA", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                var body = key == "POST /api/v1/identity/login"
                    ? $"{{\"email\":\"{RecoveryWatchApp.AdminEmail}\",\"password\":\"{RecoveryWatchApp.AdminPassword}\"}}"
                    : key == "POST /api/v1/identity/refresh" ? "{\"refreshToken\":\"not-a-token\"}" : "{}";
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                if (key is "POST /api/v1/documents/{symbol}/{lang}" or "POST /api/v1/rounds/{id:int}/submissions/{state}")
                {
                    request.Content = new MultipartFormDataContent { { new ByteArrayContent("matrix"u8.ToArray()), "file", "matrix.txt" } };
                }
            }

            var response = await client.Http.SendAsync(request);
            var expected = Expected(key, Table[key], role, pattern.StartsWith("/api/", StringComparison.Ordinal));
            var location = response.Headers.Location?.ToString() ?? string.Empty;
            var statusOk = response.StatusCode == expected.Status
                || (expected.Status == HttpStatusCode.OK && AllowedAlternative.TryGetValue(key, out var alternative) && response.StatusCode == alternative);
            var ok = statusOk && (expected.LocationPrefix is null || location.StartsWith(expected.LocationPrefix, StringComparison.Ordinal));
            if (!ok)
            {
                failures.Add($"{key} as {role}: expected {(int)expected.Status} {expected.LocationPrefix}, got {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static (HttpStatusCode Status, string? LocationPrefix) Expected(string key, Access access, Role role, bool api)
    {
        var allowed = access switch
        {
            Access.Public => true,
            Access.SignedIn => role != Role.Anonymous,
            Access.Secretariat => role is Role.Admin or Role.Analyst,
            Access.Delegate => role == Role.Delegate,
            Access.Rounds => role is Role.Admin or Role.Analyst or Role.FocalPoint,
            _ => role == Role.Admin,
        };
        if (allowed)
        {
            return (AllowedStatus.TryGetValue(key, out var status) ? status : HttpStatusCode.OK, null);
        }

        if (role == Role.Anonymous)
        {
            return api ? (HttpStatusCode.Unauthorized, null) : (HttpStatusCode.Redirect, "http://localhost/account/login");
        }

        return api ? (HttpStatusCode.Forbidden, null) : (HttpStatusCode.Redirect, "http://localhost/account/denied");
    }

    private async Task<string> AdminIdAsync()
    {
        await using var scope = world.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(RecoveryWatchApp.AdminEmail))!.Id;
    }

    private async Task<FormClient> SignInAsync(Role role)
    {
        var client = FormClient.Create(world);
        var email = role switch
        {
            Role.Admin => RecoveryWatchApp.AdminEmail,
            Role.Analyst => WorldApp.AnalystEmail,
            Role.FocalPoint => WorldApp.NigeriaFocalPointEmail,
            Role.Delegate => WorldApp.FranceDelegateEmail,
            _ => null,
        };
        if (email is not null)
        {
            await client.SignInAsync(email, email == RecoveryWatchApp.AdminEmail ? RecoveryWatchApp.AdminPassword : WorldApp.UserPassword);
        }

        return client;
    }
}

public sealed class SqliteAccessMatrixTests(SqliteWorld world) : AccessMatrixTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresAccessMatrixTests(PostgresWorld world) : AccessMatrixTests(world), IClassFixture<PostgresWorld>;
