using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>
/// No answer replaces another without a word: an empty answer is refused; replacing the State's current answer needs an
/// explicit confirmation that names it (the pages list it and ask, the API wants replace=true); a validated answer is not
/// replaced at all; reconciliation decisions stay listed after the merge that removed one of their cases.
/// </summary>
public abstract class ReplacementTests(RecoveryWatchApp app)
{
    private readonly CollectionDriver _driver = new(app);

    private Task<SubmissionStatus> StatusAsync(int submission) =>
        _driver.QueryAsync(db => db.Submissions.Where(s => s.Id == submission).Select(s => s.Status).SingleAsync());

    private Task<int> CountAsync(int round) => _driver.QueryAsync(db => db.Submissions.CountAsync(s => s.RoundId == round));

    [Fact]
    public async Task An_empty_workbook_is_refused_and_nothing_is_stored()
    {
        var round = await _driver.RoundAsync("EMPTY-XLSX-" + app.Kind, "RWA");
        using var focal = await _driver.FocalPointAsync("RWA");
        // The template exactly as downloaded: Rwanda has no case in the database, so not one row is filled in.
        var blank = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=RWA");

        var response = await CollectionDriver.UploadAsync(focal, round, "RWA", blank);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no rows", problem.GetProperty("errors").GetProperty("workbook")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(round));
        Assert.Equal(RecoveryWatch.Collection.RoundStateStatus.NotStarted, await _driver.QueryAsync(db => db.Set<RoundState>().Where(s => s.RoundId == round).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_empty_online_answer_is_refused_and_the_earlier_workbook_stays()
    {
        var round = await _driver.RoundAsync("EMPTY-ONLINE-" + app.Kind, "MWI");
        using var focal = await _driver.FocalPointAsync("MWI");
        var earlier = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "MWI",
            await CollectionDriver.OneCaseAsync(focal, round, "MWI", "MW-1", $"Empty online {app.Kind}: fertiliser subsidy fraud", "ZAF")));
        using var page = await _driver.SignedInFormAsync(CollectionDriver.FocalEmail("MWI"), CollectionDriver.FocalPassword);
        var path = $"/rounds/{round}/answer?state=MWI&culture=en";
        var token = await CollectionDriver.TokenAsync(page, path);

        // Submitted by mistake with nothing filled in, even with the replacement already confirmed: refused, nothing stored.
        foreach (var fields in new[] { new Dictionary<string, string> { ["State"] = "MWI" }, new Dictionary<string, string> { ["State"] = "MWI", ["Replaces"] = earlier.ToString(CultureInfo.InvariantCulture) } })
        {
            var response = await CollectionDriver.PostFormAsync(page, path.Replace("?", "?handler=Submit&", StringComparison.Ordinal), token, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("The answer has no rows", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"replace-confirmation\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync(round));
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(earlier));
    }

    [Fact]
    public async Task Replacing_through_the_API_needs_replace_true_and_the_refusal_names_the_earlier_answer()
    {
        var round = await _driver.RoundAsync("REPL-API-" + app.Kind, "MLI");
        using var focal = await _driver.FocalPointAsync("MLI");
        var file = await CollectionDriver.OneCaseAsync(focal, round, "MLI", "ML-1", $"Replacement API {app.Kind}: gold export proceeds", "CHE");
        var earlier = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "MLI", file));

        var refused = await CollectionDriver.UploadAsync(focal, round, "MLI", file);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("replace")[0].GetString()!;
        Assert.Contains($"answer {earlier} of ", message, StringComparison.Ordinal);
        Assert.Contains("(Excel workbook, 1 cases, 1 measures, Submitted)", message, StringComparison.Ordinal);
        Assert.Contains("replace=true", message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(round));
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(earlier));

        var replacing = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "MLI", file, replace: true));
        Assert.Equal(SubmissionStatus.Superseded, await StatusAsync(earlier));
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(replacing));
        var audit = await _driver.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "submit" && a.EntityId == replacing.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(earlier, JsonDocument.Parse(audit.NewValues!).RootElement.GetProperty("supersedes").GetInt32());
    }

    [Fact]
    public async Task A_validated_answer_is_not_replaced_even_when_asked()
    {
        var round = await _driver.RoundAsync("REPL-VAL-" + app.Kind, "SEN");
        using var focal = await _driver.FocalPointAsync("SEN");
        var file = await CollectionDriver.OneCaseAsync(focal, round, "SEN", "SN-1", $"Replacement validated {app.Kind}: port concession bribes", "FRA");
        var validated = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "SEN", file));
        using var secretariat = await app.SecretariatClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/submissions/{validated}/validate", null)).StatusCode);

        var refused = await CollectionDriver.UploadAsync(focal, round, "SEN", file, replace: true);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("already been validated and merged", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(round));
        Assert.Equal(SubmissionStatus.Validated, await StatusAsync(validated));
        Assert.Equal(1, await _driver.QueryAsync(db => db.Cases.CountAsync(c => c.Title.StartsWith("Replacement validated " + app.Kind))));
    }

    [Fact]
    public async Task Replacing_through_the_round_page_lists_the_earlier_answer_and_asks_first()
    {
        var round = await _driver.RoundAsync("REPL-PAGE-" + app.Kind, "GHA");
        using var focal = await _driver.FocalPointAsync("GHA");
        var file = await CollectionDriver.OneCaseAsync(focal, round, "GHA", "GH-1", $"Replacement page {app.Kind}: cocoa board contracts", "GBR");
        var earlier = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "GHA", file));
        using var page = await _driver.SignedInFormAsync(CollectionDriver.FocalEmail("GHA"), CollectionDriver.FocalPassword);
        var path = $"/rounds/{round}?culture=en";
        var token = await CollectionDriver.TokenAsync(page, path);

        var asked = await CollectionDriver.PostUploadAsync(page, path, token, "GHA", file);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"replace-confirmation\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/submissions/{earlier}\">Answer {earlier}</a>", html, StringComparison.Ordinal);
        Assert.Contains("Excel workbook<span> (answer.xlsx)</span>", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"Replaces\" value=\"{earlier}\"", html, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(round));

        var replaced = await CollectionDriver.PostUploadAsync(page, path, token, "GHA", file, replaces: earlier);
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(SubmissionStatus.Superseded, await StatusAsync(earlier));

        // A confirmation given for an answer that is no longer the current one replaces nothing and lists the current one.
        var stale = await CollectionDriver.PostUploadAsync(page, path, token, "GHA", file, replaces: earlier);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var current = await _driver.QueryAsync(db => db.Submissions.Where(s => s.RoundId == round && s.Status == SubmissionStatus.Submitted).Select(s => s.Id).SingleAsync());
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Contains($"You confirmed replacing answer {earlier}, but the State&#x27;s current answer is now answer {current}", staleHtml, StringComparison.Ordinal);
        Assert.Contains($"name=\"Replaces\" value=\"{current}\"", staleHtml, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(round));
    }

    [Fact]
    public async Task Answering_online_over_a_workbook_lists_it_and_replaces_it_only_on_the_second_button()
    {
        var round = await _driver.RoundAsync("REPL-ONLINE-" + app.Kind, "KEN");
        using var focal = await _driver.FocalPointAsync("KEN");
        var earlier = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "KEN",
            await CollectionDriver.OneCaseAsync(focal, round, "KEN", "KE-1", $"Replacement online {app.Kind}: railway loan kickbacks", "CHN")));
        using var page = await _driver.SignedInFormAsync(CollectionDriver.FocalEmail("KEN"), CollectionDriver.FocalPassword);
        var path = $"/rounds/{round}/answer?state=KEN&culture=en";
        var submit = path.Replace("?", "?handler=Submit&", StringComparison.Ordinal);
        var token = await CollectionDriver.TokenAsync(page, path);
        var fields = new Dictionary<string, string>
        {
            ["State"] = "KEN",
            ["Cases[0].reference"] = "KE-1",
            ["Cases[0].title"] = $"Replacement online {app.Kind}: railway loan kickbacks (corrected)",
            ["Cases[0].counterpart_state"] = "CHN",
            ["Cases[0].role_of_your_state"] = "Requesting",
        };

        var asked = await CollectionDriver.PostFormAsync(page, submit, token, fields);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"replace-confirmation\"", html, StringComparison.Ordinal);
        Assert.Contains($"Replace answer {earlier} and submit", html, StringComparison.Ordinal);
        Assert.Contains("(corrected)", html, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(round));

        fields["Replaces"] = earlier.ToString(CultureInfo.InvariantCulture);
        var replaced = await CollectionDriver.PostFormAsync(page, submit, token, fields);
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(SubmissionStatus.Superseded, await StatusAsync(earlier));
        Assert.Equal(SubmissionChannel.Online, await _driver.QueryAsync(db => db.Submissions.Where(s => s.RoundId == round && s.Status == SubmissionStatus.Submitted).Select(s => s.Channel).SingleAsync()));
    }

    [Fact]
    public async Task Decisions_are_kept_and_listed_after_the_merge_removed_a_case()
    {
        var round = await _driver.RoundAsync("DECIDED-" + app.Kind, "PER", "USA", "BRA");
        using var secretariat = await app.SecretariatClientAsync();
        using var peru = await _driver.FocalPointAsync("PER");
        using var usa = await _driver.FocalPointAsync("USA");
        var requestingTitle = $"Decisions kept {app.Kind}: intelligence chief's accounts in Miami";
        var requestedTitle = $"Accounts in Miami of Peru's former intelligence chief ({app.Kind})";
        var stored = await ValidateAsync(secretariat, round, "PER", await CollectionDriver.OneCaseAsync(peru, round, "PER", "PE-1", requestingTitle, "USA", "Requesting", "20000000"));
        var reported = await ValidateAsync(secretariat, round, "USA", await CollectionDriver.OneCaseAsync(usa, round, "USA", "US-1", requestedTitle, "PER", "Requested", "20500000"));
        var proposal = (await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/reconciliation")).EnumerateArray()
            .Single(p => p.GetProperty("reportedCaseId").GetInt32() == reported && p.GetProperty("candidateCaseId").GetInt32() == stored).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/reconciliation/{proposal}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync($"/api/v1/cases/{reported}")).StatusCode);

        // The decision outlives the case the merge removed: who, when, both ids and titles, the score.
        var decision = (await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/reconciliation")).EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == proposal);
        Assert.Equal("Confirmed", decision.GetProperty("status").GetString());
        Assert.Equal(RecoveryWatchApp.AdminEmail, decision.GetProperty("decidedBy").GetString());
        Assert.True(decision.GetProperty("decidedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(reported, decision.GetProperty("reportedCaseId").GetInt32());
        Assert.Equal(requestedTitle, decision.GetProperty("reportedTitle").GetString());
        Assert.False(decision.GetProperty("reportedCaseExists").GetBoolean());
        Assert.Equal(stored, decision.GetProperty("candidateCaseId").GetInt32());
        Assert.Equal(requestingTitle, decision.GetProperty("candidateTitle").GetString());
        Assert.True(decision.GetProperty("score").GetDouble() >= 0.8);
        // Deciding again is refused with the reason, not a 404 for a proposal gone with its case.
        var again = await secretariat.PostAsync($"/api/v1/reconciliation/{proposal}/reject", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already been decided", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var page = await _driver.SignedInFormAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var html = await page.Http.GetStringAsync("/reconciliation?culture=en");
        var decided = html[html.IndexOf("<table class=\"decisions\">", StringComparison.Ordinal)..];
        Assert.Contains($"former intelligence chief ({app.Kind})", decided, StringComparison.Ordinal);
        Assert.Contains($"case {reported}, merged and removed", decided, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/cases/{stored}\">", decided, StringComparison.Ordinal);
        Assert.Contains(RecoveryWatchApp.AdminEmail, decided, StringComparison.Ordinal);
        Assert.Contains("Merged", decided, StringComparison.Ordinal);
    }

    private static async Task<int> ValidateAsync(HttpClient secretariat, int round, string state, byte[] file)
    {
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(secretariat, round, state, file));
        var validated = await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        return (await validated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Last().GetInt32();
    }
}

public sealed class SqliteReplacementTests(SqliteApp app) : ReplacementTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresReplacementTests(PostgresApp app) : ReplacementTests(app), IClassFixture<PostgresApp>;
