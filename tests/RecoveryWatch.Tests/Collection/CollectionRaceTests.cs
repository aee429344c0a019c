using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Collection;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>
/// Eight identical requests at once (eight clicks, or the same click reaching two app instances), sent as real parallel
/// HTTP requests: exactly one takes effect, the others are refused with a 409 that says why, nothing is written twice or
/// half, and the audit chain stays intact. On each database, since the database decides.
/// </summary>
public abstract class CollectionRaceTests(RecoveryWatchApp app)
{
    private const int AtOnce = 8;
    private readonly CollectionDriver _driver = new(app);

    private static async Task AssertOneWinsAsync(HttpResponseMessage[] responses, HttpStatusCode success, params string[] losingMessages)
    {
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var summary = string.Join("\n", responses.Select((r, i) => $"{(int)r.StatusCode} {bodies[i]}"));
        Assert.True(responses.Count(r => r.StatusCode == success) == 1, summary);
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i].StatusCode == success)
            {
                continue;
            }

            Assert.True(responses[i].StatusCode == HttpStatusCode.Conflict, summary);
            Assert.True(losingMessages.Any(m => bodies[i].Contains(m, StringComparison.Ordinal)), summary);
        }
    }

    [Fact]
    public async Task Parallel_validations_merge_the_answer_once()
    {
        var round = await _driver.RoundAsync("RACE-VAL-" + app.Kind, "BWA");
        using var focal = await _driver.FocalPointAsync("BWA");
        var prefix = $"Race validation {app.Kind}:";
        var file = await CollectionDriver.WorkbookAsync(focal, round, "BWA",
            [[null, "BW-1", prefix + " diamond revenues", "GBR", "Requesting", "Art17", "", ""], [null, "BW-2", prefix + " mining licences", "ZAF", "Requesting", "Art15", "", ""]],
            [["BW-1", "Frozen", "BankFunds", "2500000", "USD", "2017", null, null], ["BW-2", "Seized", "RealEstate", "800000", "USD", "2018-02", null, null]]);
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "BWA", file));

        using var secretariat = await app.SecretariatClientAsync();
        var responses = await CollectionDriver.AtOnceAsync(AtOnce, _ => secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null));

        await AssertOneWinsAsync(responses, HttpStatusCode.OK, "already been validated", "at the same time");
        Assert.Equal(2, await _driver.QueryAsync(db => db.Cases.CountAsync(c => c.Title.StartsWith(prefix))));
        Assert.Equal(2, await _driver.QueryAsync(db => db.Measures.CountAsync(m => m.SubmissionId == submission)));
        Assert.Equal(RoundStateStatus.Validated, await _driver.QueryAsync(db => db.Set<RoundState>().Where(s => s.RoundId == round).Select(s => s.Status).SingleAsync()));
        Assert.Equal(1, await _driver.AuditCountAsync("validate", nameof(Submission), submission.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Parallel_clicks_on_the_validate_button_merge_the_answer_once()
    {
        var round = await _driver.RoundAsync("RACE-PAGE-" + app.Kind, "NAM");
        using var focal = await _driver.FocalPointAsync("NAM");
        var title = $"Race page {app.Kind}: fishing quota bribes";
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "NAM", await CollectionDriver.OneCaseAsync(focal, round, "NAM", "NA-1", title, "ISL")));

        using var page = await _driver.SignedInFormAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var path = $"/submissions/{submission}?culture=en";
        var token = await CollectionDriver.TokenAsync(page, path);
        var responses = await CollectionDriver.AtOnceAsync(AtOnce, _ => CollectionDriver.PostFormAsync(page, $"/submissions/{submission}?handler=Validate&culture=en", token, []));

        // The page answers the winner with a redirect and every other click with the page, saying why nothing happened.
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(bodies.Where((_, i) => responses[i].StatusCode == HttpStatusCode.OK),
            b => Assert.True(b.Contains("already been validated", StringComparison.Ordinal) || b.Contains("at the same time", StringComparison.Ordinal), b));
        Assert.Equal(1, await _driver.QueryAsync(db => db.Cases.CountAsync(c => c.Title == title)));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Parallel_clarification_requests_send_the_question_once()
    {
        var round = await _driver.RoundAsync("RACE-CLAR-" + app.Kind, "AGO");
        using var focal = await _driver.FocalPointAsync("AGO");
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "AGO",
            await CollectionDriver.OneCaseAsync(focal, round, "AGO", "AO-1", $"Race clarification {app.Kind}: oil company funds", "PRT")));

        using var secretariat = await app.SecretariatClientAsync();
        var responses = await CollectionDriver.AtOnceAsync(AtOnce, i => secretariat.PostAsJsonAsync($"/api/v1/submissions/{submission}/clarification",
            new { comments = new[] { new { sheet = "Measures", row = 3, text = $"Question {i}: is the freezing order still in force?" } } }));

        await AssertOneWinsAsync(responses, HttpStatusCode.NoContent, "Clarification has already been requested", "at the same time");
        Assert.Equal(1, await _driver.QueryAsync(db => db.Set<SubmissionComment>().CountAsync(c => c.SubmissionId == submission)));
        Assert.Equal(SubmissionStatus.ClarificationRequested, await _driver.QueryAsync(db => db.Submissions.Where(s => s.Id == submission).Select(s => s.Status).SingleAsync()));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Two_analysts_confirming_and_rejecting_at_once_leave_one_decision()
    {
        await _driver.EnsureUserAsync("race.analyst@collection.test", Roles.SecretariatAnalyst);
        using var admin = await app.SecretariatClientAsync();
        using var analyst = await app.BearerClientAsync("race.analyst@collection.test", CollectionDriver.FocalPassword);
        var round = await _driver.RoundAsync("RACE-RECON-" + app.Kind, "MDG", "MUS");
        using var madagascar = await _driver.FocalPointAsync("MDG");
        using var mauritius = await _driver.FocalPointAsync("MUS");
        var stored = await ValidatedCaseAsync(madagascar, admin, round, "MDG", "MG-1", $"Race reconciliation {app.Kind}: vanilla export proceeds in Port Louis", "MUS", "Requesting");
        var reported = await ValidatedCaseAsync(mauritius, admin, round, "MUS", "MU-1", $"Vanilla export proceeds of Madagascar frozen in Port Louis ({app.Kind})", "MDG", "Requested");
        var proposals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reconciliation");
        var proposal = proposals.EnumerateArray().Single(p => p.GetProperty("reportedCaseId").GetInt32() == reported && p.GetProperty("candidateCaseId").GetInt32() == stored).GetProperty("id").GetInt32();

        // Half the requests confirm (the administrator), half reject (the analyst), all at once.
        var responses = await CollectionDriver.AtOnceAsync(AtOnce, i => i % 2 == 0
            ? admin.PostAsync($"/api/v1/reconciliation/{proposal}/confirm", null)
            : analyst.PostAsync($"/api/v1/reconciliation/{proposal}/reject", null));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var summary = string.Join("\n", responses.Select((r, i) => $"{(int)r.StatusCode} {bodies[i]}"));
        Assert.True(responses.Count(r => r.IsSuccessStatusCode) == 1, summary);
        Assert.True(responses.Where(r => !r.IsSuccessStatusCode).All(r => r.StatusCode == HttpStatusCode.Conflict), summary);
        var confirmed = responses.Single(r => r.IsSuccessStatusCode).StatusCode == HttpStatusCode.OK;

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/reconciliation")).EnumerateArray().Where(p => p.GetProperty("id").GetInt32() == proposal).ToList();
        var decision = Assert.Single(listed);
        Assert.Equal(confirmed ? "Confirmed" : "Rejected", decision.GetProperty("status").GetString());
        Assert.Equal(confirmed ? RecoveryWatchApp.AdminEmail : "race.analyst@collection.test", decision.GetProperty("decidedBy").GetString());
        Assert.Equal(JsonValueKind.String, decision.GetProperty("decidedAt").ValueKind);
        Assert.Equal(confirmed ? HttpStatusCode.NotFound : HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/cases/{reported}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/cases/{stored}")).StatusCode);
        var id = proposal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await _driver.AuditCountAsync("confirm-match", nameof(MatchProposal), id) + await _driver.AuditCountAsync("reject-match", nameof(MatchProposal), id));
        Assert.Equal(confirmed ? 1 : 0, await _driver.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "merge" && a.EntityId == stored.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Parallel_imports_for_one_State_and_round_store_one_answer()
    {
        var round = await _driver.RoundAsync("RACE-IMP-" + app.Kind, "ZMB");
        using var focal = await _driver.FocalPointAsync("ZMB");
        var file = await CollectionDriver.OneCaseAsync(focal, round, "ZMB", "ZM-1", $"Race import {app.Kind}: fire tenders contract", "IND");
        var submitsBefore = await _driver.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "submit"));

        var responses = await CollectionDriver.AtOnceAsync(AtOnce, _ => CollectionDriver.UploadAsync(focal, round, "ZMB", file));

        // A loser either read the round before the winner stored (its claim fails) or after (the new answer would
        // supersede the winner's without being told to): 409 either way, naming what happened.
        await AssertOneWinsAsync(responses, HttpStatusCode.Created, "changed while this one was being checked", "would replace it");
        Assert.Equal(1, await _driver.QueryAsync(db => db.Submissions.CountAsync(s => s.RoundId == round)));
        Assert.Equal(submitsBefore + 1, await _driver.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "submit")));
        Assert.Equal(RoundStateStatus.Submitted, await _driver.QueryAsync(db => db.Set<RoundState>().Where(s => s.RoundId == round).Select(s => s.Status).SingleAsync()));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Parallel_replacing_imports_leave_one_current_answer_and_lose_none_silently()
    {
        var round = await _driver.RoundAsync("RACE-REPL-" + app.Kind, "MOZ");
        using var focal = await _driver.FocalPointAsync("MOZ");
        var file = await CollectionDriver.OneCaseAsync(focal, round, "MOZ", "MZ-1", $"Race replacement {app.Kind}: hidden state debts", "CHE");
        var first = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "MOZ", file));

        var responses = await CollectionDriver.AtOnceAsync(AtOnce, _ => CollectionDriver.UploadAsync(focal, round, "MOZ", file, replace: true));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var summary = string.Join("\n", responses.Select((r, i) => $"{(int)r.StatusCode} {bodies[i]}"));
        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), summary);
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.True(created >= 1, summary);
        var statuses = await _driver.QueryAsync(db => db.Submissions.Where(s => s.RoundId == round).OrderBy(s => s.Id).Select(s => s.Status).ToListAsync());
        // Each stored answer superseded exactly the one before it: one current answer, the others replaced, none lost.
        Assert.Equal(1 + created, statuses.Count);
        Assert.Equal([.. Enumerable.Repeat(SubmissionStatus.Superseded, created), SubmissionStatus.Submitted], statuses);
        Assert.Equal(SubmissionStatus.Superseded, await _driver.QueryAsync(db => db.Submissions.Where(s => s.Id == first).Select(s => s.Status).SingleAsync()));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Parallel_online_submissions_store_one_answer()
    {
        var round = await _driver.RoundAsync("RACE-ONL-" + app.Kind, "TZA");
        await _driver.FocalPointAsync("TZA");
        using var page = await _driver.SignedInFormAsync(CollectionDriver.FocalEmail("TZA"), CollectionDriver.FocalPassword);
        var path = $"/rounds/{round}/answer?state=TZA&culture=en";
        var token = await CollectionDriver.TokenAsync(page, path);
        var fields = new Dictionary<string, string>
        {
            ["State"] = "TZA",
            ["Cases[0].reference"] = "TZ-1",
            ["Cases[0].title"] = $"Race online {app.Kind}: radar purchase commissions",
            ["Cases[0].counterpart_state"] = "GBR",
            ["Cases[0].role_of_your_state"] = "Requesting",
            ["Measures[0].case_reference"] = "TZ-1",
            ["Measures[0].stage"] = "Frozen",
            ["Measures[0].asset_type"] = "BankFunds",
            ["Measures[0].amount"] = "29500000",
            ["Measures[0].currency"] = "GBP",
            ["Measures[0].date"] = "2012-03",
        };

        var responses = await CollectionDriver.AtOnceAsync(AtOnce, _ => CollectionDriver.PostFormAsync(page, path.Replace("?", "?handler=Submit&", StringComparison.Ordinal), token, fields));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        // The others are shown the answer just stored and asked whether to replace it, or told it changed meanwhile.
        Assert.All(bodies.Where((_, i) => responses[i].StatusCode != HttpStatusCode.Redirect),
            b => Assert.True(b.Contains("id=\"replace-confirmation\"", StringComparison.Ordinal) || b.Contains("changed while this one was being checked", StringComparison.Ordinal), b));
        Assert.Equal(1, await _driver.QueryAsync(db => db.Submissions.CountAsync(s => s.RoundId == round)));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Parallel_draft_saves_keep_one_draft_and_never_fail()
    {
        var round = await _driver.RoundAsync("RACE-DRAFT-" + app.Kind, "UGA");
        await _driver.FocalPointAsync("UGA");
        using var page = await _driver.SignedInFormAsync(CollectionDriver.FocalEmail("UGA"), CollectionDriver.FocalPassword);
        var path = $"/rounds/{round}/answer?state=UGA&culture=en";
        var token = await CollectionDriver.TokenAsync(page, path);

        var responses = await CollectionDriver.AtOnceAsync(AtOnce, i => CollectionDriver.PostFormAsync(page, path.Replace("?", "?handler=Save&", StringComparison.Ordinal), token,
            new Dictionary<string, string> { ["State"] = "UGA", ["Cases[0].reference"] = "UG-" + i, ["Cases[0].title"] = "Draft " + i }));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var summary = string.Join("\n", responses.Select((r, i) => $"{(int)r.StatusCode} {bodies[i][..Math.Min(200, bodies[i].Length)]}"));
        // Saves at once are serialised by the database: each is saved in turn, or, at worst, told to save again; never a 500.
        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK), summary);
        Assert.All(bodies.Where((_, i) => responses[i].StatusCode == HttpStatusCode.OK), b => Assert.Contains("id=\"answer-refused\"", b, StringComparison.Ordinal));
        var drafts = await _driver.QueryAsync(db => db.Set<SubmissionDraft>().Where(d => d.RoundId == round).ToListAsync());
        var draft = Assert.Single(drafts);
        Assert.Matches("UG-[0-7]", draft.Content);
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.Redirect), await _driver.AuditCountAsync("save-draft", nameof(SubmissionDraft), $"{round}/UGA"));
        Assert.Equal(RoundStateStatus.Draft, await _driver.QueryAsync(db => db.Set<RoundState>().Where(s => s.RoundId == round).Select(s => s.Status).SingleAsync()));
        await _driver.AssertAuditIntactAsync();
    }

    private static async Task<int> ValidatedCaseAsync(HttpClient focal, HttpClient secretariat, int round, string state, string reference, string title, string counterpart, string role)
    {
        var file = await CollectionDriver.OneCaseAsync(focal, round, state, reference, title, counterpart, role, "4000000", "EUR");
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, state, file));
        var validated = await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        return (await validated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Last().GetInt32();
    }
}

public sealed class SqliteCollectionRaceTests(SqliteApp app) : CollectionRaceTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCollectionRaceTests(PostgresApp app) : CollectionRaceTests(app), IClassFixture<PostgresApp>;
