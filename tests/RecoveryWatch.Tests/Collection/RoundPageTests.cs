using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>An administrator opens an information request from the page, with every error beside its field and nothing
/// stored until it is right; a State past the deadline without an answer is flagged overdue.</summary>
public abstract class RoundPageTests(WorldApp world)
{
    private readonly CollectionDriver _driver = new(world);

    private static Dictionary<string, string> Form(string code) => new()
    {
        ["Code"] = code, ["RoundTitle"] = "Information request " + code, ["Mandate"] = "resolution 8/9",
        ["PeriodFrom"] = "2019-07-01", ["PeriodTo"] = "2021-06-30", ["Deadline"] = "2031-03-31", ["States"] = "che, GBR", ["Region"] = "",
    };

    [Fact]
    public async Task An_administrator_creates_a_round_from_the_page_and_errors_land_beside_their_fields()
    {
        using var admin = FormClient.Create(world);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var code = "PAGE-" + world.Kind;

        var bad = Form(code);
        bad["PeriodTo"] = "2018-01-01";
        bad["Deadline"] = "31/03/2031";
        bad["States"] = "CHE XXX";
        var refused = await admin.PostFormAsync("/rounds/new", bad);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"deadline-error\"", page, StringComparison.Ordinal);

        var fixedDeadline = Form(code);
        fixedDeadline["PeriodTo"] = "2018-01-01";
        fixedDeadline["States"] = "CHE XXX";
        page = await (await admin.PostFormAsync("/rounds/new", fixedDeadline)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"periodTo-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"states-error\"", page, StringComparison.Ordinal);
        Assert.Contains("XXX", page, StringComparison.Ordinal);
        Assert.False(await _driver.QueryAsync(db => db.Rounds.AnyAsync(r => r.Code == code)));

        var good = Form(code);
        good["Region"] = "EasternEuropean";
        var created = await admin.PostFormAsync("/rounds/new", good);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var states = await _driver.QueryAsync(db => db.Set<RoundState>().Where(s => s.RoundId == id).Select(s => s.StateCode).ToListAsync());
        Assert.Contains("CHE", states);
        Assert.Contains("GBR", states);
        Assert.Contains("UKR", states);
        Assert.Contains("POL", states);
        Assert.Equal(1, await _driver.AuditCountAsync("create", nameof(InformationRound), id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The same code again is refused on its field, not a 500.
        page = await (await admin.PostFormAsync("/rounds/new", Form(code))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"code-error\"", page, StringComparison.Ordinal);

        using var focal = FormClient.Create(world);
        await focal.SignInAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        var denied = await focal.Http.GetAsync("/rounds/new");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_State_without_an_answer_after_the_deadline_is_overdue_and_one_that_answered_is_not()
    {
        using var admin = await world.SecretariatClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/rounds", new
        {
            code = "LATE-" + world.Kind, title = "Past deadline", mandate = "resolution 8/9", periodFrom = "2010-01-01", periodTo = "2020-06-30",
            deadline = "2021-01-31T23:59:59Z", states = new[] { "NGA", "KEN" },
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await world.WithDbAsync(async db =>
        {
            var kenya = await db.Set<RoundState>().SingleAsync(s => s.RoundId == id && s.StateCode == "KEN");
            kenya.Set(RoundStateStatus.Submitted, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        var round = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{id}");
        var overdue = round.GetProperty("states").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!, s => s.GetProperty("overdue").GetBoolean());
        Assert.True(overdue["NGA"]);
        Assert.False(overdue["KEN"]);

        using var form = FormClient.Create(world);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        Assert.Contains("class=\"overdue\"", await form.Http.GetStringAsync($"/rounds/{id}"), StringComparison.Ordinal);
        Assert.Contains("States overdue: 1", await form.Http.GetStringAsync("/rounds?culture=en"), StringComparison.Ordinal);
    }
}

public sealed class SqliteRoundPageTests(SqliteWorld world) : RoundPageTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresRoundPageTests(PostgresWorld world) : RoundPageTests(world), IClassFixture<PostgresWorld>;
