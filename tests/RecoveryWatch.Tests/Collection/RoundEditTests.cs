using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>
/// An administrator edits a round through the API or the page (one handler): what GET returns goes back unchanged with no
/// write, a real change is one audited write, a stale version or a lost race is a 409, a State that has answered stays
/// asked and the questionnaire and period are fixed once anyone has answered.
/// </summary>
public abstract class RoundEditTests(RoundsApp app)
{
    private readonly CollectionDriver _driver = new(app);

    private async Task<int> RoundAsync(string code, params string[] states)
    {
        using var admin = await app.SecretariatClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/rounds", new { code, title = "Edit " + code, mandate = "resolution 8/9", periodFrom = "2019-07-01", periodTo = "2021-06-30", deadline = "2031-03-31T23:59:59Z", states });
        return await CollectionDriver.CreatedIdAsync(response);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, int id, JsonNode body, string query = "") =>
        client.PutAsync($"/api/v1/rounds/{id}{query}", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    private Task<int> AuditsAsync(int id) => _driver.AuditCountAsync("update", nameof(InformationRound), id.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task What_GET_returns_goes_back_unchanged_and_changes_nothing()
    {
        var id = await RoundAsync("SAME-" + app.Kind, "NGA", "FRA");
        using var admin = await app.SecretariatClientAsync();
        foreach (var lang in new[] { "", "?lang=fr", "?lang=ar" })
        {
            var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}{lang}"))!;
            var response = await PutAsync(admin, id, read, lang);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal(read.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
        }

        Assert.Equal(0, await AuditsAsync(id));
        Assert.Equal(0, await _driver.QueryAsync(db => db.Rounds.Where(r => r.Id == id).Select(r => r.Version).SingleAsync()));
    }

    [Fact]
    public async Task An_edit_is_one_audited_write_and_an_edit_from_a_stale_read_is_a_conflict()
    {
        var id = await RoundAsync("EDIT-" + app.Kind, "NGA", "GBR");
        using var admin = await app.SecretariatClientAsync();
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}"))!;
        var edit = read.DeepClone();
        edit["title"] = "Second information request on asset recovery";
        edit["deadline"] = "2031-06-30T23:59:59Z";
        edit["states"] = new JsonArray(new JsonObject { ["state"] = "NGA" }, new JsonObject { ["state"] = "ken" });
        var response = await PutAsync(admin, id, edit);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var round = JsonNode.Parse(body)!;
        Assert.Equal("Second information request on asset recovery", round["title"]!.GetValue<string>());
        Assert.Equal(["KEN", "NGA"], round["states"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()));
        Assert.Equal(1, round["version"]!.GetValue<int>());
        Assert.Equal(1, await AuditsAsync(id));
        var entry = await _driver.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "update" && a.EntityType == nameof(InformationRound) && a.EntityId == id.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains("GBR", entry.OldValues!, StringComparison.Ordinal);
        Assert.Contains("KEN", entry.NewValues!, StringComparison.Ordinal);

        // The first read again: its version is stale, so it would undo the edit above. Refused, nothing written.
        var stale = await PutAsync(admin, id, read);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("\"version\"", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await AuditsAsync(id));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task A_State_that_has_answered_stays_asked_and_the_questionnaire_and_period_are_fixed_once_anyone_answered()
    {
        var id = await RoundAsync("KEEP-" + app.Kind, "NGA", "FRA", "GBR");
        await app.WithDbAsync(async db =>
        {
            var nigeria = await db.Set<RoundState>().SingleAsync(s => s.RoundId == id && s.StateCode == "NGA");
            nigeria.Set(RoundStateStatus.Submitted, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        using var admin = await app.SecretariatClientAsync();
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}"))!;

        var dropNigeria = read.DeepClone();
        dropNigeria["states"] = new JsonArray(new JsonObject { ["state"] = "FRA" });
        var refused = await PutAsync(admin, id, dropNigeria);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("NGA", problem.GetProperty("errors").GetProperty("states")[0].GetString(), StringComparison.Ordinal);

        var period = read.DeepClone();
        period["periodFrom"] = "2018-01-01";
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(admin, id, period)).StatusCode);

        var questionnaire = read.DeepClone();
        questionnaire["questionnaireVersion"] = 2;
        var unknown = await PutAsync(admin, id, questionnaire);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("questionnaireVersion", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A State that has not answered can go; the answered one stays.
        var dropBritain = read.DeepClone();
        dropBritain["states"] = new JsonArray(new JsonObject { ["state"] = "NGA" }, new JsonObject { ["state"] = "FRA" });
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(admin, id, dropBritain)).StatusCode);
        Assert.Equal(1, await AuditsAsync(id));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_the_id_and_code_cannot_change()
    {
        var id = await RoundAsync("BAD-" + app.Kind, "NGA");
        using var admin = await app.SecretariatClientAsync();
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}"))!;
        foreach (var (field, value, expected) in new (string, JsonNode?, string?)[]
        {
            ("title", new string('x', 5000), "title"), ("title", "", "title"), ("mandate", new string('m', 500), "mandate"), ("code", "OTHER", "code"),
            ("id", id + 1000, "id"), ("version", null, "version"), ("periodTo", "2000-01-01", "periodTo"), ("unknownField", 1, null),
        })
        {
            var body = read.DeepClone();
            body[field] = value;
            var response = await PutAsync(admin, id, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {text}");
            if (expected is not null)
            {
                Assert.Contains($"\"{expected}\"", text, StringComparison.Ordinal);
            }
        }

        var states = read.DeepClone();
        states["states"] = new JsonArray(new JsonObject { ["state"] = "XXX" });
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(admin, id, states)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(admin, 999_999, read)).StatusCode);
        Assert.Equal(0, await AuditsAsync(id));
    }

    [Fact]
    public async Task Creating_and_editing_hold_the_round_to_one_rule()
    {
        using var admin = await app.SecretariatClientAsync();
        // The same missing deadline and unknown State are refused at the same field by both; a code typed in lower case
        // with spaces is read the same way by both.
        var missingDeadline = await admin.PostAsJsonAsync("/api/v1/rounds", new { code = "RULE-" + app.Kind, title = "Rule", periodFrom = "2019-07-01", periodTo = "2021-06-30", states = new[] { "NGA" } });
        Assert.Equal(HttpStatusCode.BadRequest, missingDeadline.StatusCode);
        Assert.Contains("\"deadline\"", await missingDeadline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await admin.PostAsJsonAsync("/api/v1/rounds", new { code = "RULE-" + app.Kind, title = "Rule", periodFrom = "2019-07-01", periodTo = "2021-06-30", deadline = "2031-03-31T23:59:59Z", states = new[] { "XXX" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("states[0]", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = await RoundAsync("RULE-" + app.Kind, " nga ", "KEN", "NGA");
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}"))!;
        Assert.Equal(["KEN", "NGA"], read["states"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var edit = read.DeepClone();
        edit["deadline"] = "0001-01-01T00:00:00+00:00";
        var response = await PutAsync(admin, id, edit);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"deadline\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        edit = read.DeepClone();
        edit["states"] = new JsonArray(new JsonObject { ["state"] = " nga " }, new JsonObject { ["state"] = "KEN" });
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(admin, id, edit)).StatusCode);
    }

    [Fact]
    public async Task Only_administrators_edit_a_round()
    {
        var id = await RoundAsync("WHO-" + app.Kind, "NGA");
        using var admin = await app.SecretariatClientAsync();
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}"))!;
        read["title"] = "Changed by someone not allowed";
        using var analyst = await app.BearerClientAsync(RoundsApp.AnalystEmail, RoundsApp.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(analyst, id, read)).StatusCode);
        using var focal = await app.BearerClientAsync(RoundsApp.FocalEmail("NGA"), RoundsApp.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(focal, id, read)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutAsync(app.CreateClient(), id, read)).StatusCode);

        using var page = await _driver.SignedInFormAsync(RoundsApp.AnalystEmail, RoundsApp.Password);
        var denied = await page.Http.GetAsync($"/rounds/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain($"/rounds/{id}/edit", await page.Http.GetStringAsync($"/rounds/{id}"), StringComparison.Ordinal);
        Assert.Equal(0, await AuditsAsync(id));
    }

    [Fact]
    public async Task Two_edits_from_one_read_at_once_one_is_stored_and_the_others_are_conflicts()
    {
        var id = await RoundAsync("RACE-" + app.Kind, "NGA", "FRA");
        using var admin = await app.SecretariatClientAsync();
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/rounds/{id}"))!;
        var responses = await CollectionDriver.AtOnceAsync(6, i =>
        {
            var edit = read.DeepClone();
            edit["deadline"] = $"2032-01-{i + 10:00}T23:59:59Z";
            return PutAsync(admin, id, edit);
        });
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, await AuditsAsync(id));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task The_edit_page_uses_the_same_rules_and_puts_each_error_beside_its_field()
    {
        var id = await RoundAsync("PAGE-" + app.Kind, "NGA", "GBR");
        await app.WithDbAsync(async db =>
        {
            var nigeria = await db.Set<RoundState>().SingleAsync(s => s.RoundId == id && s.StateCode == "NGA");
            nigeria.Set(RoundStateStatus.Draft, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        using var admin = await _driver.SignedInFormAsync(RoundsApp.AdminEmail, RoundsApp.AdminPassword);
        Assert.Contains($"href=\"/rounds/{id}/edit\"", await admin.Http.GetStringAsync($"/rounds/{id}"), StringComparison.Ordinal);
        var path = $"/rounds/{id}/edit";

        // The form as the page fills it in, sent back unchanged: nothing written.
        var unchanged = await admin.ReadFormAsync(path);
        var saved = await admin.SubmitAsync(path, unchanged);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0, await AuditsAsync(id));

        var fields = await admin.ReadFormAsync(path);
        var edit = fields.Where(f => f.Key is not ("Deadline" or "States")).Append(new("Deadline", "2031-09-30")).Append(new("States", "NGA GBR CHE")).ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, edit)).StatusCode);
        Assert.Equal(1, await AuditsAsync(id));
        var stored = await _driver.QueryAsync(db => db.Rounds.Include(r => r.States).SingleAsync(r => r.Id == id));
        Assert.Equal(new DateTimeOffset(2031, 9, 30, 23, 59, 59, TimeSpan.Zero), stored.Deadline);
        Assert.Equal(["CHE", "GBR", "NGA"], stored.States.Select(s => s.StateCode).Order());

        // Nigeria has begun its answer: removing it is refused beside the States field; so is a bad date beside its own.
        fields = await admin.ReadFormAsync(path);
        var bad = fields.Where(f => f.Key is not ("Deadline" or "States")).Append(new("Deadline", "30/09/2031")).Append(new("States", "GBR")).ToList();
        var page = await (await admin.SubmitAsync(path, bad)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"deadline-error\"", page, StringComparison.Ordinal);
        bad = [.. fields.Where(f => f.Key != "States").Append(new("States", "GBR"))];
        var response = await admin.SubmitAsync(path, bad);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"states-error\"", page, StringComparison.Ordinal);

        // A form read before someone else's edit is refused, not applied over it.
        var before = await admin.ReadFormAsync(path);
        var other = before.Where(f => f.Key != "RoundTitle").Append(new("RoundTitle", "Renamed first")).ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, other)).StatusCode);
        var late = before.Where(f => f.Key != "RoundTitle").Append(new("RoundTitle", "Renamed second")).ToList();
        page = await (await admin.SubmitAsync(path, late)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"version-error\"", page, StringComparison.Ordinal);
        Assert.Equal(2, await AuditsAsync(id));
    }
}

public sealed class SqliteRoundEditTests(SqliteRoundsApp app) : RoundEditTests(app), IClassFixture<SqliteRoundsApp>;

public sealed class PostgresRoundEditTests(PostgresRoundsApp app) : RoundEditTests(app), IClassFixture<PostgresRoundsApp>;
