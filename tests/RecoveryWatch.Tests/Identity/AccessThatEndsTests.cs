using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

/// <summary>Counts the SQL commands that read accounts (the Identity tables), to hold the per-request check to its cost.</summary>
public sealed class AccountQueryCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("AspNetUser", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The world of cases, with the account queries counted.</summary>
public class CountedWorld(DatabaseKind kind) : WorldApp(kind)
{
    public AccountQueryCounter AccountQueries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<RecoveryWatchDbContext>(o => o.AddInterceptors(AccountQueries)));
    }
}

public sealed class SqliteCountedWorld() : CountedWorld(DatabaseKind.Sqlite);

public sealed class PostgresCountedWorld() : CountedWorld(DatabaseKind.Postgres);

/// <summary>
/// Access that ends when the Secretariat says so: disabling an account, or changing its role or States, applies to its
/// very next request, with a bearer token as with the cookie of a browser; and signing out, through the form at the top
/// of every page, ends the browser's session. Each test makes its own account, since each changes it.
/// </summary>
public abstract class AccessThatEndsTests(CountedWorld world)
{
    private const string IdentityCookie = ".AspNetCore.Identity.Application";

    [Fact]
    public async Task Disabling_an_analyst_refuses_its_bearer_token_at_the_next_request_and_its_refresh_token()
    {
        var (id, email) = await CreateAccountAsync(Roles.SecretariatAnalyst);
        var (client, refreshToken) = await SignInWithTokenAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostEmptyCaseAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/cases/{world.Echo}")).StatusCode);

        await ChangeAccountAsync(id, email, Roles.SecretariatAnalyst, [], disabled: true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostEmptyCaseAsync(client)).StatusCode);
        // Where anyone may read, the token now reads as the anonymous public does.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{world.Echo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(refreshToken)).StatusCode);
    }

    [Fact]
    public async Task Analyst_demoted_to_delegate_loses_Secretariat_rights_at_the_next_request_with_the_same_token()
    {
        var (id, email) = await CreateAccountAsync(Roles.SecretariatAnalyst);
        var (client, refreshToken) = await SignInWithTokenAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostEmptyCaseAsync(client)).StatusCode);
        Assert.Contains(WorldApp.SecretariatTitle, await client.GetStringAsync($"/api/v1/cases/{world.Echo}"), StringComparison.Ordinal);
        Assert.Contains(WorldApp.RestrictedNigeria, await client.GetStringAsync($"/api/v1/cases/{world.Alpha}"), StringComparison.Ordinal);

        await ChangeAccountAsync(id, email, Roles.Delegate, ["FRA"]);

        // Still signed in (403, not 401), now as a delegate: what States parties may read, nothing of the Secretariat's.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostEmptyCaseAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{world.Echo}")).StatusCode);
        Assert.DoesNotContain(WorldApp.RestrictedNigeria, await client.GetStringAsync($"/api/v1/cases/{world.Alpha}"), StringComparison.Ordinal);
        Assert.Contains(WorldApp.StatesPartiesOnly, await client.GetStringAsync($"/api/v1/cases/{world.Bravo}"), StringComparison.Ordinal);

        // A role change keeps the session: the refresh token still works, and what it gives is a delegate's token.
        var refreshed = await RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var renewed = world.CreateClient();
        renewed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostEmptyCaseAsync(renewed)).StatusCode);
    }

    [Fact]
    public async Task Focal_point_rescoped_from_Nigeria_no_longer_reads_Nigerias_restricted_data_with_the_same_token()
    {
        var (id, email) = await CreateAccountAsync(Roles.FocalPoint, "NGA");
        var (client, _) = await SignInWithTokenAsync(email);
        Assert.Contains(WorldApp.RestrictedNigeria, await client.GetStringAsync($"/api/v1/cases/{world.Alpha}"), StringComparison.Ordinal);

        await ChangeAccountAsync(id, email, Roles.FocalPoint, ["KEN"]);

        var alpha = await client.GetAsync($"/api/v1/cases/{world.Alpha}");
        Assert.Equal(HttpStatusCode.OK, alpha.StatusCode);
        Assert.DoesNotContain(WorldApp.RestrictedNigeria, await alpha.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Still a signed-in focal point, for Kenya now.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/rounds")).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_on_the_admin_page_ends_its_cookie_session_at_the_next_page()
    {
        var (id, email) = await CreateAccountAsync(Roles.SecretariatAnalyst);
        using var user = FormClient.Create(world);
        var cookie = await SignInWithCookieAsync(user, email);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/cases/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync($"/cases/{world.Echo}")).StatusCode);

        await ChangeOnAdminPageAsync(id, Roles.SecretariatAnalyst, [], disabled: true);

        var edit = await user.Http.GetAsync("/cases/edit");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.StartsWith("http://localhost/account/login", edit.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains(edit.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentityCookie + "=;", StringComparison.Ordinal) && c.Contains("1970", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.GetAsync($"/cases/{world.Echo}")).StatusCode);

        // Not merely deleted from the browser: the cookie itself, sent again, is refused.
        using var replay = world.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        var replayed = await replay.GetAsync("/cases/edit");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("http://localhost/account/login", replayed.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_demoted_on_the_admin_page_loses_Secretariat_pages_at_the_next_page_and_stays_signed_in()
    {
        var (id, email) = await CreateAccountAsync(Roles.SecretariatAnalyst);
        using var user = FormClient.Create(world);
        await SignInWithCookieAsync(user, email);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/cases/edit")).StatusCode);
        Assert.Contains(WorldApp.SecretariatTitle, await user.Http.GetStringAsync($"/cases/{world.Echo}"), StringComparison.Ordinal);

        await ChangeOnAdminPageAsync(id, Roles.Delegate, ["FRA"]);

        var edit = await user.Http.GetAsync("/cases/edit");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", edit.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.GetAsync($"/cases/{world.Echo}")).StatusCode);
        var bravo = await user.Http.GetStringAsync($"/cases/{world.Bravo}?culture=en");
        Assert.Contains(WorldApp.StatesPartiesOnly, bravo, StringComparison.Ordinal);
        Assert.Contains(email, bravo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Focal_point_rescoped_on_the_admin_page_no_longer_sees_Nigerias_marker_at_the_next_page()
    {
        var (id, email) = await CreateAccountAsync(Roles.FocalPoint, "NGA");
        using var user = FormClient.Create(world);
        await SignInWithCookieAsync(user, email);
        Assert.Contains(WorldApp.RestrictedNigeria, await user.Http.GetStringAsync($"/cases/{world.Alpha}"), StringComparison.Ordinal);

        await ChangeOnAdminPageAsync(id, Roles.FocalPoint, ["KEN"]);

        var alpha = await user.Http.GetStringAsync($"/cases/{world.Alpha}");
        Assert.DoesNotContain(WorldApp.RestrictedNigeria, alpha, StringComparison.Ordinal);
        Assert.Contains(email, alpha, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_through_the_form_on_a_case_page_ends_the_session_and_closes_the_admin_pages()
    {
        using var admin = FormClient.Create(world);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/users")).StatusCode);

        // Neither a GET nor a POST without the form's token signs anyone out.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.GetAsync("/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/users")).StatusCode);

        var signedOut = await admin.SubmitFormOnPageAsync($"/cases/{world.Alpha}", "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/cases", signedOut.Headers.Location?.ToString());
        Assert.Contains(signedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentityCookie + "=;", StringComparison.Ordinal));

        var cases = await admin.Http.GetStringAsync("/cases?culture=en");
        Assert.Contains("You are signed out.", cases, StringComparison.Ordinal);
        Assert.Contains("/account/login?returnUrl=", cases, StringComparison.Ordinal);
        Assert.DoesNotContain("You are signed out.", await admin.Http.GetStringAsync("/cases?culture=en"), StringComparison.Ordinal);
        var users = await admin.Http.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.StartsWith("http://localhost/account/login", users.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>README, "Accounts": signing out ends the browser's session and leaves bearer tokens to their hour;
    /// disabling an account ends its sessions, bearer tokens and refresh tokens from their next request.</summary>
    [Fact]
    public async Task Readme_sign_out_and_disabling_hold_for_a_bearer_token()
    {
        var (id, email) = await CreateAccountAsync(Roles.SecretariatAnalyst);
        var (bearer, refreshToken) = await SignInWithTokenAsync(email);
        using var browser = FormClient.Create(world);
        await SignInWithCookieAsync(browser, email);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormOnPageAsync($"/cases/{world.Alpha}", "/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/cases/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostEmptyCaseAsync(bearer)).StatusCode);

        await ChangeOnAdminPageAsync(id, Roles.SecretariatAnalyst, [], disabled: true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostEmptyCaseAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(refreshToken)).StatusCode);
        var login = await world.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password = WorldApp.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Each_signed_in_request_reads_the_account_once()
    {
        var (_, email) = await CreateAccountAsync(Roles.FocalPoint, "NGA");
        var (bearer, _) = await SignInWithTokenAsync(email);
        using var browser = FormClient.Create(world);
        await SignInWithCookieAsync(browser, email);
        using var anonymous = world.CreateClient();

        Assert.Equal(0, await AccountQueriesOfAsync(anonymous, $"/api/v1/cases/{world.Alpha}"));
        Assert.Equal(1, await AccountQueriesOfAsync(bearer, $"/api/v1/cases/{world.Alpha}"));
        Assert.Equal(1, await AccountQueriesOfAsync(browser.Http, $"/cases/{world.Alpha}"));
    }

    private async Task<int> AccountQueriesOfAsync(HttpClient client, string url)
    {
        world.AccountQueries.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        return world.AccountQueries.Count;
    }

    private async Task<(string Id, string Email)> CreateAccountAsync(string role, params string[] states)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@recoverywatch.test";
        await using var scope = world.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(
            new SaveUserRequest { Email = email, Role = role, States = [.. states] }, WorldApp.UserPassword, "test");
        return (created.Id, email);
    }

    /// <summary>What the user page does on saving: ManageUsers.UpdateAsync, as the fixture's administrator.</summary>
    private async Task ChangeAccountAsync(string id, string email, string role, string[] states, bool disabled = false)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(RecoveryWatchApp.AdminEmail);
        await scope.ServiceProvider.GetRequiredService<ManageUsers>().UpdateAsync(
            id, new SaveUserRequest { Email = email, Role = role, States = [.. states], Disabled = disabled }, admin!.Id, RecoveryWatchApp.AdminEmail);
    }

    private async Task ChangeOnAdminPageAsync(string id, string role, string[] states, bool disabled = false)
    {
        using var admin = FormClient.Create(world);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var fields = new Dictionary<string, string> { ["Input.Role"] = role };
        if (disabled)
        {
            fields["Input.Disabled"] = "true";
        }

        var saved = await admin.PostFormAsync($"/admin/users/{id}", fields, states.Select(s => new KeyValuePair<string, string>("Input.States", s)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private async Task<(HttpClient Client, string RefreshToken)> SignInWithTokenAsync(string email)
    {
        var client = world.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = WorldApp.UserPassword });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return (client, tokens.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>Signs in on the page and returns the session cookie as a Cookie header, to send again later.</summary>
    private static async Task<string> SignInWithCookieAsync(FormClient client, string email)
    {
        var response = await client.PostFormAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = WorldApp.UserPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(IdentityCookie + "=", StringComparison.Ordinal)).Split(';')[0];
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        world.CreateClient().PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken });

    /// <summary>An empty case: 400 for whoever may create cases, 403 for a signed-in user who may not, 401 for nobody.</summary>
    private static Task<HttpResponseMessage> PostEmptyCaseAsync(HttpClient client) => client.PostAsync("/api/v1/cases", JsonContent.Create(new { }));
}

public sealed class SqliteAccessThatEndsTests(SqliteCountedWorld world) : AccessThatEndsTests(world), IClassFixture<SqliteCountedWorld>;

public sealed class PostgresAccessThatEndsTests(PostgresCountedWorld world) : AccessThatEndsTests(world), IClassFixture<PostgresCountedWorld>;
