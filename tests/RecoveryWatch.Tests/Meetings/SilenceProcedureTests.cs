using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Common;
using RecoveryWatch.Identity;
using RecoveryWatch.Meetings;
using RecoveryWatch.Tests.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Meetings;

public sealed class SilenceRuleTests
{
    private static readonly DateTimeOffset Start = new(2020, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Silent_procedure_is_adopted_at_the_deadline_and_not_before()
    {
        var procedure = new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start.AddDays(3), "secretariat");
        Assert.False(procedure.CloseIfDue(Start.AddDays(3).AddSeconds(-1)));
        Assert.Equal(SilenceStatus.Open, procedure.Status);
        Assert.True(procedure.CloseIfDue(Start.AddDays(3)));
        Assert.Equal(SilenceStatus.Adopted, procedure.Status);
        Assert.Equal(Start.AddDays(3), procedure.ClosedAt);
    }

    [Theory]
    [InlineData(SilenceBreakKind.Objection)]
    [InlineData(SilenceBreakKind.Amendment)]
    public void Objection_or_amendment_before_the_deadline_breaks_silence(SilenceBreakKind kind)
    {
        var procedure = new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start.AddDays(3), "secretariat");
        procedure.Break("FRA", kind, "Paragraph 12 should read …", "delegate", Start.AddDays(1));
        Assert.Equal(SilenceStatus.Broken, procedure.Status);
        Assert.False(procedure.CloseIfDue(Start.AddDays(4)));
        Assert.Equal(SilenceStatus.Broken, procedure.Status);
    }

    [Fact]
    public void Objection_after_the_deadline_is_refused_and_the_report_stands_adopted()
    {
        var procedure = new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start.AddDays(3), "secretariat");
        var refused = Assert.Throws<InvalidOperationException>(() => procedure.Break("FRA", SilenceBreakKind.Objection, "Too late", "delegate", Start.AddDays(3).AddMinutes(1)));
        Assert.Equal("DeadlinePassed", refused.Message);
        Assert.Equal(SilenceStatus.Adopted, procedure.Status);
        Assert.Empty(procedure.Breaks);
    }

    [Fact]
    public void A_deadline_in_the_hour_the_clocks_skip_is_refused_and_others_are_converted()
    {
        var meeting = new Meeting(1, 14, LocalizedText.Of("Test"), Start, Start.AddDays(3), "Europe/Vienna", LocalizedText.Of("Vienna"), LocalizedText.Of("Room"), MeetingFormat.Hybrid, "CAC/COSP/WG.2/2021/1");
        Assert.False(meeting.TryInstant(new DateTime(2021, 3, 28, 2, 30, 0, DateTimeKind.Unspecified), out _));
        Assert.True(meeting.TryInstant(new DateTime(2021, 3, 28, 3, 30, 0, DateTimeKind.Unspecified), out var summer));
        Assert.Equal(new DateTimeOffset(2021, 3, 28, 1, 30, 0, TimeSpan.Zero), summer);
        Assert.True(meeting.TryInstant(new DateTime(2020, 11, 20, 18, 0, 0, DateTimeKind.Unspecified), out var winter));
        Assert.Equal(new DateTimeOffset(2020, 11, 20, 17, 0, 0, TimeSpan.Zero), winter);
    }

    [Fact]
    public void Past_its_deadline_an_open_procedure_reads_as_adopted_without_changing()
    {
        var procedure = new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start.AddDays(3), "secretariat");
        Assert.False(procedure.IsDue(Start.AddDays(3).AddTicks(-1)));
        Assert.Equal(SilenceStatus.Open, procedure.StatusAt(Start.AddDays(3).AddTicks(-1)));
        Assert.Null(procedure.ClosedAtAsOf(Start.AddDays(3).AddTicks(-1)));

        Assert.True(procedure.IsDue(Start.AddDays(3)));
        Assert.Equal(SilenceStatus.Adopted, procedure.StatusAt(Start.AddDays(4)));
        Assert.Equal(Start.AddDays(3), procedure.ClosedAtAsOf(Start.AddDays(4)));
        // Computing it changes nothing: the stored status and version wait for the sweep or the next write.
        Assert.Equal(SilenceStatus.Open, procedure.Status);
        Assert.Null(procedure.ClosedAt);
        Assert.Equal(0, procedure.Version);

        // What readers computed is exactly what the close stores.
        Assert.True(procedure.CloseIfDue(Start.AddDays(4)));
        Assert.Equal((SilenceStatus.Adopted, (DateTimeOffset?)Start.AddDays(3), 1), (procedure.Status, procedure.ClosedAt, procedure.Version));
        Assert.False(procedure.IsDue(Start.AddDays(5)));
    }

    [Fact]
    public void A_broken_procedure_stays_broken_as_of_any_later_time()
    {
        var procedure = new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start.AddDays(3), "secretariat");
        procedure.Break("FRA", SilenceBreakKind.Objection, "No.", "delegate", Start.AddDays(1));
        Assert.False(procedure.IsDue(Start.AddDays(4)));
        Assert.Equal(SilenceStatus.Broken, procedure.StatusAt(Start.AddDays(4)));
        Assert.Equal(Start.AddDays(1), procedure.ClosedAtAsOf(Start.AddDays(4)));
        var second = Assert.Throws<InvalidOperationException>(() => procedure.Break("DEU", SilenceBreakKind.Amendment, "Also no.", "delegate", Start.AddDays(2)));
        Assert.Equal("AlreadyBroken", second.Message);
        Assert.Single(procedure.Breaks);
    }

    [Fact]
    public void Deadline_must_follow_circulation() =>
        Assert.Throws<ArgumentException>(() => new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start, "secretariat"));

    [Fact]
    public void Deadline_lies_within_a_year_of_circulation()
    {
        Assert.Equal("DeadlineNotInFuture", SilenceProcedure.DeadlineError(Start, Start));
        Assert.Null(SilenceProcedure.DeadlineError(Start.AddDays(14), Start));
        Assert.Null(SilenceProcedure.DeadlineError(Start + SilenceProcedure.MaxDeadlineAhead, Start));
        Assert.Equal("DeadlineTooFar", SilenceProcedure.DeadlineError(Start + SilenceProcedure.MaxDeadlineAhead + TimeSpan.FromMinutes(1), Start));
        Assert.Equal("DeadlineTooFar", SilenceProcedure.DeadlineError(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), Start));
        Assert.Throws<ArgumentException>(() => new SilenceProcedure(1, "CAC/COSP/WG.2/2020/L.1", Start, Start.AddYears(2), "secretariat"));
    }
}

/// <summary>The silence procedure through the API with a clock the test moves, on each database.</summary>
public abstract class SilenceProcedureTests(ClockedApp app)
{
    private const string DelegatePassword = "Delegate-password-2026";

    private async Task<int> MeetingIdAsync() =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/meetings")).EnumerateArray().First().GetProperty("id").GetInt32();

    private async Task<HttpClient> UserAsync(string email, string role, params string[] states)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
            if (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByEmailAsync(email) is null)
            {
                await users.CreateAsync(new SaveUserRequest { Email = email, Role = role, States = [.. states] }, DelegatePassword, "test");
            }
        }

        return await app.BearerClientAsync(email, DelegatePassword);
    }

    /// <summary>Moves a month on, past the deadline of any procedure another test left open (one is open per meeting at a
    /// time; circulating stores its close first), then circulates a draft. Tokens are taken after the move, since they
    /// expire after an hour of the test clock.</summary>
    private async Task<int> CirculateAsync(TimeSpan deadlineIn, string draftSymbol = "CAC/COSP/WG.2/2020/L.1")
    {
        app.Clock.Advance(TimeSpan.FromDays(30));
        var id = await MeetingIdAsync();
        using var secretariat = await app.SecretariatClientAsync();
        var response = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{id}/silence", new { draftSymbol, deadline = app.Clock.GetUtcNow().Add(deadlineIn) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<string> StatusAsync(int procedure) =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/silence/{procedure}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task Silent_procedure_closes_itself_as_adopted_and_says_so_in_the_letter()
    {
        var procedure = await CirculateAsync(TimeSpan.FromHours(48));
        Assert.Equal("Open", await StatusAsync(procedure));
        app.Clock.Advance(TimeSpan.FromHours(49));
        // Read as adopted at once, computed from the clock; the letter says so too.
        Assert.Equal("Adopted", await StatusAsync(procedure));
        var letter = await app.CreateClient().GetByteArrayAsync($"/api/v1/silence/{procedure}/outcome.docx?lang=en");
        using var word = WordprocessingDocument.Open(new MemoryStream(letter), false);
        Assert.Contains("The report is therefore adopted", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);

        // The sweep stores the close, audited once, however often it runs.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SilenceProcedures>().CloseDueAsync();
            await scope.ServiceProvider.GetRequiredService<SilenceProcedures>().CloseDueAsync();
        }

        Assert.Equal("Adopted", await StatusAsync(procedure));
        await app.WithDbAsync(async db =>
        {
            var actions = await db.AuditEntries.Where(a => a.EntityType == nameof(SilenceProcedure) && a.EntityId == procedure.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync();
            Assert.Equal(["circulate", "close"], actions);
        });
    }

    [Theory]
    [InlineData("Objection")]
    [InlineData("Amendment")]
    public async Task Delegate_breaks_silence_by_objection_or_amendment(string kind)
    {
        var procedure = await CirculateAsync(TimeSpan.FromHours(48));
        using var delegateClient = await UserAsync("silence.fra@recoverywatch.test", Roles.Delegate, "FRA");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var response = await delegateClient.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", new { kind, text = "Paragraph 12 should refer to resolution 8/9." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Broken", view.GetProperty("status").GetString());
        Assert.Equal("FRA", view.GetProperty("breaks")[0].GetProperty("state").GetString());
        app.Clock.Advance(TimeSpan.FromHours(72));
        Assert.Equal("Broken", await StatusAsync(procedure));
        var letter = await app.CreateClient().GetByteArrayAsync($"/api/v1/silence/{procedure}/outcome.docx?lang=fr");
        using var word = WordprocessingDocument.Open(new MemoryStream(letter), false);
        Assert.Contains("Le silence a été rompu", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objection_after_the_deadline_is_refused()
    {
        var procedure = await CirculateAsync(TimeSpan.FromMinutes(20));
        using var delegateClient = await UserAsync("late.deu@recoverywatch.test", Roles.Delegate, "DEU");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var response = await delegateClient.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", new { kind = "Objection", text = "Too late." });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deadline has passed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Adopted", await StatusAsync(procedure));
        // A write may close: the late objection stored the close it met (adopted at the deadline), and nothing of its own.
        await app.WithDbAsync(async db =>
        {
            var stored = await db.SilenceProcedures.AsNoTracking().Include(s => s.Breaks).SingleAsync(s => s.Id == procedure);
            Assert.Equal(SilenceStatus.Adopted, stored.Status);
            Assert.Equal(stored.Deadline, stored.ClosedAt);
            Assert.Empty(stored.Breaks);
            var actions = await db.AuditEntries.Where(a => a.EntityType == nameof(SilenceProcedure) && a.EntityId == procedure.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync();
            Assert.Equal(["circulate", "close"], actions);
        });
    }

    [Fact]
    public async Task A_second_objection_is_refused_as_silence_already_broken()
    {
        var procedure = await CirculateAsync(TimeSpan.FromHours(24));
        using var france = await UserAsync("silence.fra@recoverywatch.test", Roles.Delegate, "FRA");
        using var spain = await UserAsync("second.esp@recoverywatch.test", Roles.Delegate, "ESP");
        Assert.Equal(HttpStatusCode.OK, (await france.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", new { kind = "Objection", text = "First." })).StatusCode);
        var second = await spain.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks?culture=fr", new { kind = "Amendment", text = "Second." });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Le silence a déjà été rompu", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        var view = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/silence/{procedure}");
        Assert.Equal("FRA", Assert.Single(view.GetProperty("breaks").EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_second_circulation_while_one_is_open_is_a_conflict()
    {
        await CirculateAsync(TimeSpan.FromHours(24));
        using var secretariat = await app.SecretariatClientAsync();
        var response = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{await MeetingIdAsync()}/silence", new { draftSymbol = "CAC/COSP/WG.2/2020/L.2", deadline = app.Clock.GetUtcNow().AddHours(12) });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already open", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("draftSymbol")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circulating_without_a_deadline_is_refused_at_the_field()
    {
        var id = await MeetingIdAsync();
        using var secretariat = await app.SecretariatClientAsync();
        var response = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{id}/silence", new { draftSymbol = "CAC/COSP/WG.2/2020/L.1" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("deadline", out _), problem.ToString());
    }

    [Fact]
    public async Task Only_delegates_may_break_silence()
    {
        var procedure = await CirculateAsync(TimeSpan.FromHours(24));
        var body = new { kind = "Objection", text = "Not a delegate." };
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", body)).StatusCode);
        using var focalPoint = await UserAsync("silence.focal@recoverywatch.test", Roles.FocalPoint, "NGA");
        Assert.Equal(HttpStatusCode.Forbidden, (await focalPoint.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", body)).StatusCode);
        using var secretariat = await app.SecretariatClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", body)).StatusCode);
        Assert.Equal("Open", await StatusAsync(procedure));
    }

    [Fact]
    public async Task Circulation_needs_a_valid_symbol_and_a_future_deadline()
    {
        using var secretariat = await app.SecretariatClientAsync();
        var id = await MeetingIdAsync();
        var response = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{id}/silence", new { draftSymbol = "draft report", deadline = app.Clock.GetUtcNow().AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("draftSymbol", out _));
        Assert.True(errors.TryGetProperty("deadline", out _));
    }

    private async Task<FormClient> PageUserAsync(string email, string password)
    {
        var client = FormClient.Create(app);
        await client.SignInAsync(email, password);
        return client;
    }

    [Theory]
    [InlineData("9999-12-31T12:00:00Z")]
    [InlineData("+400d")]
    public async Task A_deadline_beyond_a_year_is_refused_at_the_field_by_the_API(string deadline)
    {
        app.Clock.Advance(TimeSpan.FromDays(30));
        using var secretariat = await app.SecretariatClientAsync();
        var when = deadline == "+400d" ? app.Clock.GetUtcNow().AddDays(400) : DateTimeOffset.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture);
        var response = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{await MeetingIdAsync()}/silence", new { draftSymbol = "CAC/COSP/WG.2/2020/L.1", deadline = when });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("366 days", errors.GetProperty("deadline")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("draftSymbol", out _));
    }

    [Fact]
    public async Task A_deadline_in_the_year_9999_is_refused_on_the_page_too()
    {
        app.Clock.Advance(TimeSpan.FromDays(30));
        var id = await MeetingIdAsync();
        using var page = await PageUserAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await page.PostFormAsync($"/meetings/{id}?handler=Circulate", new Dictionary<string, string> { ["DraftSymbol"] = "CAC/COSP/WG.2/2020/L.3", ["Deadline"] = "9999-12-31T12:00" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("366 days", html, StringComparison.Ordinal);
        Assert.Contains("class=\"error-summary-inline\"", html, StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.False(await db.SilenceProcedures.AnyAsync(s => s.DraftSymbol == "CAC/COSP/WG.2/2020/L.3")));
    }

    [Fact]
    public async Task The_outcome_letter_exists_only_once_the_procedure_is_closed()
    {
        var procedure = await CirculateAsync(TimeSpan.FromHours(48));
        var meeting = await MeetingIdAsync();
        var open = await app.CreateClient().GetAsync($"/api/v1/silence/{procedure}/outcome.docx?lang=en");
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.StartsWith("application/problem+json", open.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var problem = await open.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("still open", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        var letterLink = $"/api/v1/silence/{procedure}/outcome.docx";
        Assert.DoesNotContain(letterLink, await app.CreateClient().GetStringAsync($"/meetings/{meeting}"), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(49));
        Assert.Contains(letterLink, await app.CreateClient().GetStringAsync($"/meetings/{meeting}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/silence/{procedure}/outcome.docx?lang=en")).StatusCode);
    }

    [Fact]
    public async Task Breaking_silence_on_the_page_asks_for_confirmation_first()
    {
        var procedure = await CirculateAsync(TimeSpan.FromHours(48));
        var meeting = await MeetingIdAsync();
        using (await UserAsync("confirm.ita@recoverywatch.test", Roles.Delegate, "ITA"))
        {
        }

        using var page = await PageUserAsync("confirm.ita@recoverywatch.test", DelegatePassword);
        var fields = new Dictionary<string, string> { ["ProcedureId"] = procedure.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Kind"] = "Objection", ["Text"] = "Italy cannot accept paragraph 7.\nSee our note." };
        var first = await page.PostFormAsync($"/meetings/{meeting}?handler=Break", fields);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var confirmation = await first.Content.ReadAsStringAsync();
        Assert.Contains("Confirm objection", confirmation, StringComparison.Ordinal);
        Assert.Contains("Italy cannot accept paragraph 7.", confirmation, StringComparison.Ordinal);
        Assert.Contains("name=\"Confirm\" value=\"true\"", confirmation, StringComparison.Ordinal);
        // Nothing is stored before the confirmation: still open, no break, no audit entry beyond the circulation.
        Assert.Equal("Open", await StatusAsync(procedure));

        // An empty text is refused at the first step, by the rule the break itself applies.
        var empty = await page.PostFormAsync($"/meetings/{meeting}?handler=Break", new Dictionary<string, string>(fields) { ["Text"] = "  " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.DoesNotContain("Confirm objection", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await page.PostFormAsync($"/meetings/{meeting}?handler=Break", new Dictionary<string, string>(fields) { ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var view = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/silence/{procedure}");
        Assert.Equal("Broken", view.GetProperty("status").GetString());
        var stored = Assert.Single(view.GetProperty("breaks").EnumerateArray());
        Assert.Equal("ITA", stored.GetProperty("state").GetString());
        Assert.Equal("Italy cannot accept paragraph 7.\nSee our note.", stored.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_draft_links_to_its_document_page_only_when_the_register_has_it()
    {
        var meeting = await MeetingIdAsync();
        await CirculateAsync(TimeSpan.FromHours(24), "CAC/COSP/WG.2/2020/L.9");
        var html = await app.CreateClient().GetStringAsync($"/meetings/{meeting}");
        Assert.Contains("CAC/COSP/WG.2/2020/L.9", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/documents?symbol=" + Uri.EscapeDataString("CAC/COSP/WG.2/2020/L.9"), html, StringComparison.Ordinal);

        await CirculateAsync(TimeSpan.FromHours(24), "CAC/COSP/WG.2/2020/2");
        var link = "/documents?symbol=" + Uri.EscapeDataString("CAC/COSP/WG.2/2020/2");
        Assert.Contains($"<a href=\"{link}\">CAC/COSP/WG.2/2020/2</a>", await app.CreateClient().GetStringAsync($"/meetings/{meeting}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task The_deadline_carries_what_the_script_needs_for_the_readers_time()
    {
        await CirculateAsync(TimeSpan.FromHours(24));
        var response = await app.CreateClient().GetAsync($"/meetings/{await MeetingIdAsync()}?culture=fr");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<span class=\"local-time\" data-utc=\"[0-9T:.\\-]+Z\" data-label=\"votre heure : \\{0\\}\"></span>", html);
        // The script is a file of the site, which the policy allows; no inline script is needed.
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/site.js", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteSilenceProcedureTests(SqliteClockedApp app) : SilenceProcedureTests(app), IClassFixture<SqliteClockedApp>;

public sealed class PostgresSilenceProcedureTests(PostgresClockedApp app) : SilenceProcedureTests(app), IClassFixture<PostgresClockedApp>;
