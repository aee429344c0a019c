using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>
/// The Secretariat reminds States that have not answered: each reminder is kept with its recipients (the State's enabled
/// focal points at the time), sender, time and text in the State's language, handed once to the sender, listed on the
/// round's page for the Secretariat only, and sent at most once per State a day however many clicks arrive at once.
/// </summary>
public abstract class ReminderTests(RoundsApp app)
{
    private readonly CollectionDriver _driver = new(app);

    /// <summary>A round past its deadline: Nigeria, France, Egypt and China overdue, Kenya answered.</summary>
    private async Task<int> LateRoundAsync(string code)
    {
        using var admin = await app.SecretariatClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/rounds", new
        {
            code, title = "Late " + code, mandate = "resolution 8/9", periodFrom = "2010-01-01", periodTo = "2020-06-30",
            deadline = "2021-01-31T23:59:59Z", states = new[] { "NGA", "FRA", "EGY", "CHN", "KEN" },
        });
        var id = await CollectionDriver.CreatedIdAsync(response);
        await app.WithDbAsync(async db =>
        {
            var kenya = await db.Set<RoundState>().SingleAsync(s => s.RoundId == id && s.StateCode == "KEN");
            kenya.Set(RoundStateStatus.Submitted, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        return id;
    }

    private Task<int> StoredAsync(int id) => _driver.QueryAsync(db => db.Set<RoundReminder>().CountAsync(r => r.RoundId == id));

    [Fact]
    public async Task Reminding_every_overdue_State_keeps_who_it_went_to_and_what_it_said_in_their_language()
    {
        var id = await LateRoundAsync("REMIND-" + app.Kind);
        using var analyst = await app.BearerClientAsync(RoundsApp.AnalystEmail, RoundsApp.Password);
        var response = await analyst.PostAsync($"/api/v1/rounds/{id}/reminders", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var outcome = JsonDocument.Parse(body).RootElement;
        var sent = outcome.GetProperty("sent").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!);
        Assert.Equal(["EGY", "FRA", "NGA"], sent.Keys.Order());
        Assert.Equal("CHN", outcome.GetProperty("skipped")[0].GetProperty("state").GetString());
        Assert.Equal("NoFocalPoint", outcome.GetProperty("skipped")[0].GetProperty("reason").GetString());

        // Only the enabled focal point of Nigeria; each in its State's language of correspondence.
        Assert.Equal([RoundsApp.FocalEmail("NGA")], sent["NGA"].GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("en", sent["NGA"].GetProperty("language").GetString());
        Assert.Equal("fr", sent["FRA"].GetProperty("language").GetString());
        Assert.StartsWith("Rappel", sent["FRA"].GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("France", sent["FRA"].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("31 janvier 2021", sent["FRA"].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("ar", sent["EGY"].GetProperty("language").GetString());
        Assert.Contains("تذكير", sent["EGY"].GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("مصر", sent["EGY"].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(RoundsApp.AnalystEmail, sent["NGA"].GetProperty("sentBy").GetString());

        // Handed to the sender once each, as stored.
        var handed = app.Sender.Sent.Where(r => r.RoundId == id).ToList();
        Assert.Equal(["EGY", "FRA", "NGA"], handed.Select(r => r.State).Order());

        // The list gives the same; a second reminder the same day sends nothing more.
        var list = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{id}/reminders");
        Assert.Equal(3, list.GetArrayLength());
        var again = await (await analyst.PostAsJsonAsync($"/api/v1/rounds/{id}/reminders", new { states = new[] { "NGA", "fra" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("sent").GetArrayLength());
        Assert.All(again.GetProperty("skipped").EnumerateArray(), s => Assert.Equal("AlreadyRemindedToday", s.GetProperty("reason").GetString()));
        Assert.Equal(3, await StoredAsync(id));
        Assert.Equal(3, app.Sender.Sent.Count(r => r.RoundId == id));
        Assert.Equal(1, await _driver.AuditCountAsync("remind", nameof(InformationRound), id.ToString(CultureInfo.InvariantCulture)));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Chosen_States_must_be_asked_and_one_that_answered_is_not_reminded()
    {
        var id = await LateRoundAsync("CHOSEN-" + app.Kind);
        using var admin = await app.SecretariatClientAsync();
        var notAsked = await admin.PostAsJsonAsync($"/api/v1/rounds/{id}/reminders", new { states = new[] { "NGA", "GBR" } });
        Assert.Equal(HttpStatusCode.BadRequest, notAsked.StatusCode);
        Assert.Contains("states[1]", await notAsked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/v1/rounds/{id}/reminders", new StringContent("{\"states\":\"NGA\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        var answered = await (await admin.PostAsJsonAsync($"/api/v1/rounds/{id}/reminders", new { states = new[] { "KEN" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Answered", answered.GetProperty("skipped")[0].GetProperty("reason").GetString());
        Assert.Equal(0, await StoredAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/rounds/999999/reminders", null)).StatusCode);
    }

    [Fact]
    public async Task Parallel_clicks_send_one_reminder_per_State()
    {
        var id = await LateRoundAsync("TWICE-" + app.Kind);
        using var analyst = await app.BearerClientAsync(RoundsApp.AnalystEmail, RoundsApp.Password);
        var responses = await CollectionDriver.AtOnceAsync(8, _ => analyst.PostAsync($"/api/v1/rounds/{id}/reminders", null));
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var total = 0;
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            total += JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sent").GetArrayLength();
        }

        Assert.Equal(3, total);
        Assert.Equal(3, await StoredAsync(id));
        Assert.Equal(["EGY", "FRA", "NGA"], app.Sender.Sent.Where(r => r.RoundId == id).Select(r => r.State).Order());

        // The page's button, clicked eight times at once with one token: still one per State.
        var second = await LateRoundAsync("CLICKS-" + app.Kind);
        using var page = await _driver.SignedInFormAsync(RoundsApp.AnalystEmail, RoundsApp.Password);
        var token = await CollectionDriver.TokenAsync(page, $"/rounds/{second}");
        var clicks = await CollectionDriver.AtOnceAsync(8, _ => CollectionDriver.PostFormAsync(page, $"/rounds/{second}?handler=Remind", token, [new("scope", "overdue")]));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        Assert.Equal(3, await StoredAsync(second));
        Assert.Equal(3, app.Sender.Sent.Count(r => r.RoundId == second));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task The_round_page_sends_and_lists_reminders_for_the_Secretariat_only()
    {
        var id = await LateRoundAsync("PAGE-" + app.Kind);
        using var analyst = await _driver.SignedInFormAsync(RoundsApp.AnalystEmail, RoundsApp.Password);
        var path = $"/rounds/{id}?culture=en";
        var nothing = await (await analyst.PostFormAsync($"/rounds/{id}?handler=Remind", new Dictionary<string, string> { ["scope"] = "selected" })).Content.ReadAsStringAsync();
        Assert.Contains("id=\"reminder-errors\"", nothing, StringComparison.Ordinal);

        var response = await analyst.PostFormAsync($"/rounds/{id}?handler=Remind", new Dictionary<string, string> { ["scope"] = "selected", ["RemindStates"] = "FRA" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await analyst.Http.GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        var rows = document.QuerySelectorAll("table.reminders tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains(RoundsApp.FocalEmail("FRA"), row.TextContent, StringComparison.Ordinal);
        Assert.Contains(RoundsApp.AnalystEmail, row.TextContent, StringComparison.Ordinal);
        var text = row.QuerySelector(".reminder-body")!;
        Assert.Equal("fr", text.GetAttribute("lang"));
        Assert.Equal("ltr", text.GetAttribute("dir"));
        Assert.Contains("Groupe de travail", text.TextContent, StringComparison.Ordinal);

        await analyst.PostFormAsync($"/rounds/{id}?handler=Remind", new Dictionary<string, string> { ["scope"] = "overdue" });
        document = new HtmlParser().ParseDocument(await analyst.Http.GetStringAsync(path));
        Assert.Equal(3, document.QuerySelectorAll("table.reminders tbody tr").Length);
        Assert.Equal("rtl", document.QuerySelectorAll(".reminder-body").Single(b => b.GetAttribute("lang") == "ar").GetAttribute("dir"));

        // A focal point sees its own line, no reminders, and can send none.
        using var focal = await _driver.SignedInFormAsync(RoundsApp.FocalEmail("NGA"), RoundsApp.Password);
        var own = await focal.Http.GetStringAsync(path);
        Assert.DoesNotContain("reminders-heading", own, StringComparison.Ordinal);
        Assert.DoesNotContain(RoundsApp.FocalEmail("FRA"), own, StringComparison.Ordinal);
        var token = await CollectionDriver.TokenAsync(focal, path);
        var refused = await CollectionDriver.PostFormAsync(focal, $"/rounds/{id}?handler=Remind", token, [new("scope", "overdue")]);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        using var focalApi = await app.BearerClientAsync(RoundsApp.FocalEmail("NGA"), RoundsApp.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await focalApi.GetAsync($"/api/v1/rounds/{id}/reminders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focalApi.PostAsync($"/api/v1/rounds/{id}/reminders", null)).StatusCode);
        Assert.Equal(3, await StoredAsync(id));
    }
}

public sealed class SqliteReminderTests(SqliteRoundsApp app) : ReminderTests(app), IClassFixture<SqliteRoundsApp>;

public sealed class PostgresReminderTests(PostgresRoundsApp app) : ReminderTests(app), IClassFixture<PostgresRoundsApp>;
