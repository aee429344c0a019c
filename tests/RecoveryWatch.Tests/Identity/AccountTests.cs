using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The application with a clock the tests control.</summary>
public class ClockedApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class SqliteClockedApp() : ClockedApp(DatabaseKind.Sqlite);

public sealed class PostgresClockedApp() : ClockedApp(DatabaseKind.Postgres);

/// <summary>Sign-in, lockout, token expiry, invitations, disabling, and the audit chain, on each database.</summary>
public abstract partial class AccountTests(ClockedApp app)
{
    private async Task<(string Id, string Link)> InviteAsync(FormClient admin, string email, string role, params string[] states)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Role"] = role };
        var response = await admin.PostFormAsync("/admin/users?culture=en", fields, states.Select(s => new KeyValuePair<string, string>("Input.States", s)));
        var html = await response.Content.ReadAsStringAsync();
        var link = InvitationLink().Match(html);
        Assert.True(link.Success, "No invitation link on the page: " + Regex.Match(html, "error-summary-inline[^<]*<ul>.*?</ul>", RegexOptions.Singleline).Value);
        var url = WebUtility.HtmlDecode(link.Groups[1].Value);
        var id = Uri.UnescapeDataString(Regex.Match(url, "userId=([^&]+)").Groups[1].Value);
        return (id, new Uri(url).PathAndQuery);
    }

    private static async Task SetPasswordAsync(FormClient anonymous, string link, string password)
    {
        var response = await anonymous.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = password, ["Confirm"] = password });
        Assert.Contains("Your password is saved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_invites_a_focal_point_who_chooses_a_password_and_signs_in()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var (id, link) = await InviteAsync(admin, "invited.ken@recoverywatch.test", Roles.FocalPoint, "KEN");

        using var invited = FormClient.Create(app);
        await SetPasswordAsync(invited, link, "Kenya-focal-point-2026");
        await invited.SignInAsync("invited.ken@recoverywatch.test", "Kenya-focal-point-2026");

        // The link works once.
        using var again = FormClient.Create(app);
        var reuse = await again.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "Another-password-2026", ["Confirm"] = "Another-password-2026" });
        Assert.Contains("not valid or has already been used", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var actions = await db.AuditEntries.Where(a => a.EntityType == "User" && a.EntityId == id).Select(a => a.Action).ToListAsync();
            Assert.Equal(["invite", "set-password"], actions);
        });
    }

    [Fact]
    public async Task Invitation_with_wrong_States_for_the_role_is_refused_with_the_field()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await admin.PostFormAsync("/admin/users?culture=en", new Dictionary<string, string> { ["Input.Email"] = "nostate@recoverywatch.test", ["Input.Role"] = Roles.FocalPoint }, []);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("A focal point acts for at least one State.", html, StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.Email == "nostate@recoverywatch.test")));
    }

    [Fact]
    public async Task Creating_a_user_with_a_refused_password_stores_no_account()
    {
        const string email = "weak.password@recoverywatch.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var manage = scope.ServiceProvider.GetRequiredService<ManageUsers>();
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => manage.CreateAsync(new SaveUserRequest { Email = email, Role = Roles.SecretariatAnalyst }, "short", "test"));
            Assert.All(refused.Errors, e => Assert.Equal("password", e.Field));
            await app.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.Email == email)));

            // Trying again with an acceptable password works: the first attempt left nothing behind.
            var created = await manage.CreateAsync(new SaveUserRequest { Email = email, Role = Roles.SecretariatAnalyst }, "Acceptable-password-2026", "test");
            Assert.Equal(email, created.Email);
        }
    }

    [Fact]
    public async Task Disabled_account_can_no_longer_sign_in_or_use_its_token()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var (id, link) = await InviteAsync(admin, "leaving.analyst@recoverywatch.test", Roles.SecretariatAnalyst);
        using (var invited = FormClient.Create(app))
        {
            await SetPasswordAsync(invited, link, "Analyst-password-2026");
        }

        using var bearer = await app.BearerClientAsync("leaving.analyst@recoverywatch.test", "Analyst-password-2026");
        var refresh = await (await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "leaving.analyst@recoverywatch.test", password = "Analyst-password-2026" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, (await bearer.PostAsync("/api/v1/cases", JsonContent.Create(new { }))).StatusCode);
        var disabled = await admin.PostFormAsync($"/admin/users/{id}", new Dictionary<string, string> { ["Input.Role"] = Roles.SecretariatAnalyst, ["Input.Disabled"] = "true" }, []);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.PostAsync("/api/v1/cases", JsonContent.Create(new { }))).StatusCode);

        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "leaving.analyst@recoverywatch.test", password = "Analyst-password-2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var refreshed = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = refresh.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        await app.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Action == "disable")));
    }

    [Fact]
    public async Task Administrator_cannot_disable_their_own_account()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        string adminId = string.Empty;
        await app.WithDbAsync(async db => adminId = (await db.Users.SingleAsync(u => u.Email == RecoveryWatchApp.AdminEmail)).Id);
        var response = await admin.PostFormAsync($"/admin/users/{adminId}?culture=en", new Dictionary<string, string> { ["Input.Role"] = Roles.SecretariatAdmin, ["Input.Disabled"] = "true" }, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot disable your own account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(
                new SaveUserRequest { Email = "locked@recoverywatch.test", Role = Roles.Delegate, States = ["FRA"] }, "Right-password-2026", "test");
        }

        for (var i = 0; i < 5; i++)
        {
            var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "locked@recoverywatch.test", password = "wrong-password-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "locked@recoverywatch.test", password = "Right-password-2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("LockedOut", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var page = FormClient.Create(app);
        var form = await page.PostFormAsync("/account/login?culture=en", new Dictionary<string, string> { ["Input.Email"] = "locked@recoverywatch.test", ["Input.Password"] = "Right-password-2026" }, []);
        Assert.Contains("locked after repeated failed attempts", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_token_expires_after_an_hour()
    {
        using var client = await app.SecretariatClientAsync();
        var before = await client.PostAsync("/api/v1/cases", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var after = await client.PostAsync("/api/v1/cases", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(-61));
    }

    [Fact]
    public async Task Two_factor_sign_in_needs_the_authenticator_code()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(
                new SaveUserRequest { Email = "totp@recoverywatch.test", Role = Roles.SecretariatAnalyst }, "Totp-password-2026", "test");
        }

        using var page = FormClient.Create(app);
        await page.SignInAsync("totp@recoverywatch.test", "Totp-password-2026");
        using var otherBrowser = FormClient.Create(app);
        await otherBrowser.SignInAsync("totp@recoverywatch.test", "Totp-password-2026");
        Assert.DoesNotContain("shared-key", await page.Http.GetStringAsync("/account/two-factor?culture=en"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync("/account/two-factor?handler=CreateKey", new Dictionary<string, string>(), [])).StatusCode);
        var setup = await page.Http.GetStringAsync("/account/two-factor?culture=en");
        var key = Regex.Match(setup, "<code id=\"shared-key\">([a-z0-9 ]+)</code>").Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var enabled = await page.PostFormAsync("/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) }, []);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        // Each step changed the security stamp, which ends other sessions; the one that took the steps goes on.
        Assert.Contains("Two-step sign-in is on for this account.", await page.Http.GetStringAsync("/account/two-factor?culture=en"), StringComparison.Ordinal);
        var other = await otherBrowser.Http.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("http://localhost/account/login", other.Headers.Location?.ToString(), StringComparison.Ordinal);

        var withoutCode = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "totp@recoverywatch.test", password = "Totp-password-2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Contains("RequiresTwoFactor", await withoutCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withCode = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "totp@recoverywatch.test", password = "Totp-password-2026", twoFactorCode = Totp.Code(key, app.Clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task Audit_chain_verifies_and_breaks_when_a_row_is_altered()
    {
        await app.CreateCaseAsync(CaseBuilder.Case("Audited for the chain").Between("NGA", "CHE"));
        await using var scope = app.Services.CreateAsyncScope();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
        var intact = await chain.VerifyAsync();
        Assert.True(intact.Intact, intact.Reason);
        Assert.True(intact.Checked >= 2);

        await app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).Skip(1).FirstAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"NewValues\" = '{{\"title\":\"forged\"}}' WHERE \"Id\" = {entry.Id}");
            var broken = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync();
            Assert.False(broken.Intact);
            Assert.Equal(entry.Id, broken.BrokenAt);
            Assert.Equal("Altered", broken.Reason);

            // Put it back so the other tests of this fixture find an intact chain.
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"NewValues\" = {entry.NewValues} WHERE \"Id\" = {entry.Id}");
        });
        Assert.True((await chain.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Audit_page_shows_the_verification_to_administrators()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await admin.PostFormAsync("/admin/audit?handler=Verify&culture=en", new Dictionary<string, string>(), []);
        Assert.Contains("The audit log is intact", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("value=\"(http[^\"]+/account/setup[^\"]+)\"")]
    private static partial Regex InvitationLink();
}

public sealed class SqliteAccountTests(SqliteClockedApp app) : AccountTests(app), IClassFixture<SqliteClockedApp>;

public sealed class PostgresAccountTests(PostgresClockedApp app) : AccountTests(app), IClassFixture<PostgresClockedApp>;

/// <summary>RFC 6238 time-based one-time password (SHA-1, 30 s, 6 digits), as authenticator apps compute it.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined over HMAC-SHA1; this mirrors the phone app.
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').Select(c => Convert.ToString(Alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
