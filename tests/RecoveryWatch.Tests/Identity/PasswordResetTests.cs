using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

/// <summary>Keeps the reset links the application sends, by address, in place of the log.</summary>
public sealed class CapturingLinkSender : IAccountLinkSender
{
    public ConcurrentDictionary<string, ConcurrentQueue<Uri>> Sent { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task SendPasswordResetAsync(string email, Uri link, CancellationToken cancellationToken)
    {
        Sent.GetOrAdd(email, _ => new ConcurrentQueue<Uri>()).Enqueue(link);
        return Task.CompletedTask;
    }

    public IReadOnlyList<Uri> To(string email) => Sent.TryGetValue(email, out var links) ? [.. links] : [];
}

public class ResetApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public CapturingLinkSender Sender { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IAccountLinkSender>(Sender)));
    }
}

public sealed class SqliteResetApp() : ResetApp(DatabaseKind.Sqlite);

public sealed class PostgresResetApp() : ResetApp(DatabaseKind.Postgres);

/// <summary>Re-sent invitations and "forgot password": old links die, the answer never tells who has an account, links work once.</summary>
public abstract partial class PasswordResetTests(ResetApp app)
{
    private const string Invalid = "not valid or has already been used";
    private const string Saved = "Your password is saved";

    private static async Task<string> SetPasswordAsync(ResetApp app, string link, string password)
    {
        using var client = FormClient.Create(app);
        var response = await client.PostFormAsync(link + "&culture=en", new Dictionary<string, string> { ["Password"] = password, ["Confirm"] = password });
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> ForgotAsync(string email)
    {
        using var client = FormClient.Create(app);
        var response = await client.PostFormAsync("/account/forgot-password?culture=en", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return SentMessage().Match(html).Value;
    }

    private async Task CreateAsync(string email, string password, bool disabled = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manage = scope.ServiceProvider.GetRequiredService<ManageUsers>();
        var user = await manage.CreateAsync(new SaveUserRequest { Email = email, Role = Roles.SecretariatAnalyst }, password, "test");
        if (disabled)
        {
            await manage.UpdateAsync(user.Id, new SaveUserRequest { Email = email, Role = Roles.SecretariatAnalyst, Disabled = true }, "someone-else", "test");
        }
    }

    [Fact]
    public async Task Re_sent_invitation_replaces_the_old_link()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var invited = await admin.PostFormAsync("/admin/users?culture=en", new Dictionary<string, string> { ["Input.Email"] = "late.reader@recoverywatch.test", ["Input.Role"] = Roles.SecretariatAnalyst });
        var oldLink = Link(await invited.Content.ReadAsStringAsync());
        var id = Uri.UnescapeDataString(Regex.Match(oldLink, "userId=([^&]+)").Groups[1].Value);

        var page = await admin.Http.GetStringAsync($"/admin/users/{id}?culture=en");
        Assert.Contains("Re-send the invitation", page, StringComparison.Ordinal);
        Assert.Contains(">Save user</button>", page, StringComparison.Ordinal);
        Assert.Contains(">Role</label>", page, StringComparison.Ordinal);
        var resent = await admin.PostFormAsync($"/admin/users/{id}?handler=Resend&culture=en", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var newLink = Link(await resent.Content.ReadAsStringAsync());
        Assert.NotEqual(oldLink, newLink);

        Assert.Contains(Invalid, await SetPasswordAsync(app, oldLink, "Late-reader-password-2026"), StringComparison.Ordinal);
        Assert.Contains(Saved, await SetPasswordAsync(app, newLink, "Late-reader-password-2026"), StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Action == "resend-invitation" && a.Actor == RecoveryWatchApp.AdminEmail)));

        // Once the password is chosen there is nothing to re-send.
        var after = await admin.Http.GetStringAsync($"/admin/users/{id}?culture=en");
        Assert.DoesNotContain("Re-send the invitation", after, StringComparison.Ordinal);
        var refused = await admin.PostFormAsync($"/admin/users/{id}?handler=Resend&culture=en", new Dictionary<string, string>());
        Assert.Contains("already chosen a password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_re_sends_at_once_leave_exactly_one_working_link()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var invited = await admin.PostFormAsync("/admin/users?culture=en", new Dictionary<string, string> { ["Input.Email"] = "twice.resent@recoverywatch.test", ["Input.Role"] = Roles.SecretariatAnalyst });
        var id = Uri.UnescapeDataString(Regex.Match(Link(await invited.Content.ReadAsStringAsync()), "userId=([^&]+)").Groups[1].Value);

        var page = await admin.Http.GetStringAsync($"/admin/users/{id}");
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.Http.PostAsync($"/admin/users/{id}?handler=Resend&culture=en",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]))));
        var links = new List<string>();
        foreach (var response in responses)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (InvitationLink().IsMatch(html))
            {
                links.Add(Link(html));
            }
            else
            {
                Assert.Contains("Someone else changed this record", html, StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(links);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        var working = 0;
        foreach (var link in links)
        {
            var setupToken = Uri.UnescapeDataString(Regex.Match(link, "token=([^&]+)").Groups[1].Value);
            working += await users.VerifyUserTokenAsync(user!, users.Options.Tokens.PasswordResetTokenProvider, Microsoft.AspNetCore.Identity.UserManager<AppUser>.ResetPasswordTokenPurpose, setupToken) ? 1 : 0;
        }

        Assert.Equal(1, working);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_known_and_unknown_addresses()
    {
        await CreateAsync("known.reader@recoverywatch.test", "Known-reader-password-2026");
        var known = await ForgotAsync("known.reader@recoverywatch.test");
        var unknown = await ForgotAsync("nobody.here@recoverywatch.test");
        var malformed = await ForgotAsync("not an address");
        Assert.NotEmpty(known);
        Assert.Equal(known, unknown);
        Assert.Equal(known, malformed);
        Assert.Single(app.Sender.To("known.reader@recoverywatch.test"));
        Assert.Empty(app.Sender.To("nobody.here@recoverywatch.test"));
    }

    [Fact]
    public async Task Reset_link_sets_a_new_password_once()
    {
        await CreateAsync("forgetful@recoverywatch.test", "First-password-2026");
        await ForgotAsync("Forgetful@recoverywatch.test");
        var link = app.Sender.To("forgetful@recoverywatch.test").Single().PathAndQuery;
        Assert.Contains(Saved, await SetPasswordAsync(app, link, "Second-password-2026"), StringComparison.Ordinal);

        using var signedIn = FormClient.Create(app);
        await signedIn.SignInAsync("forgetful@recoverywatch.test", "Second-password-2026");
        Assert.Contains(Invalid, await SetPasswordAsync(app, link, "Third-password-2026"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_account_gets_no_working_link()
    {
        await CreateAsync("gone@recoverywatch.test", "Gone-password-2026", disabled: true);
        await ForgotAsync("gone@recoverywatch.test");
        Assert.Empty(app.Sender.To("gone@recoverywatch.test"));

        // A link issued before the account was disabled no longer works either.
        await CreateAsync("soon.gone@recoverywatch.test", "Soon-gone-password-2026");
        await ForgotAsync("soon.gone@recoverywatch.test");
        var link = app.Sender.To("soon.gone@recoverywatch.test").Single().PathAndQuery;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var manage = scope.ServiceProvider.GetRequiredService<ManageUsers>();
            var user = (await manage.ListAsync()).Single(u => u.Email == "soon.gone@recoverywatch.test");
            await manage.UpdateAsync(user.Id, new SaveUserRequest { Email = user.Email, Role = Roles.SecretariatAnalyst, Disabled = true }, "someone-else", "test");
        }

        Assert.Contains(Invalid, await SetPasswordAsync(app, link, "Back-again-password-2026"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_links_to_forgot_password()
    {
        var html = await app.CreateClient().GetStringAsync("/account/login?culture=fr");
        Assert.Contains("<a href=\"/account/forgot-password\">Mot de passe oublié ?</a>", html, StringComparison.Ordinal);
    }

    private static string Link(string html)
    {
        var match = InvitationLink().Match(html);
        Assert.True(match.Success, "No invitation link on the page");
        return new Uri(WebUtility.HtmlDecode(match.Groups[1].Value)).PathAndQuery;
    }

    [GeneratedRegex("value=\"([^\"]+)\" id=\"invitation-link\"")]
    private static partial Regex InvitationLink();

    [GeneratedRegex("<p role=\"status\" id=\"forgot-sent\">[^<]*</p>")]
    private static partial Regex SentMessage();
}

public sealed class SqlitePasswordResetTests(SqliteResetApp app) : PasswordResetTests(app), IClassFixture<SqliteResetApp>;

public sealed class PostgresPasswordResetTests(PostgresResetApp app) : PasswordResetTests(app), IClassFixture<PostgresResetApp>;
