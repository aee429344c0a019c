using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Collection;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>
/// The Secretariat's review of an answer, on each database: every row named by its cell and each State by its own role, a
/// question asked by clicking a row, a confirmation after each step, validation that proposes drafts (summary and source
/// proposed from the answer) and a separate publishing step that refuses a case without a public summary or source,
/// publishes once under parallel clicks, and is audited.
/// </summary>
public abstract class ReviewAndPublishTests(RecoveryWatchApp app)
{
    private readonly CollectionDriver _driver = new(app);

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Nigeria reports one new case against Switzerland with two figures (Measures rows 3 and 4).</summary>
    private async Task<(int Round, int Submission)> SubmitAsync(string code, string title)
    {
        var round = await _driver.RoundAsync(code, "NGA");
        using var focal = await _driver.FocalPointAsync("NGA");
        var file = await CollectionDriver.WorkbookAsync(focal, round, "NGA",
            [[null, "NG-1", title, "CHE", "Requesting", "Art17;Art23", "Art54_2", "Pension funds diverted and hidden in Geneva."]],
            [["NG-1", "Frozen", "BankFunds", "4500000", "CHF", "2016-03", null, null], ["NG-1", "Confiscated", "BankFunds", "4000000", "CHF", "2019", null, null]]);
        return (round, await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "NGA", file)));
    }

    private async Task<FormClient> SecretariatPageAsync() => await _driver.SignedInFormAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);

    [Fact]
    public async Task The_review_names_each_row_by_its_cell_and_each_State_with_its_own_role()
    {
        var (_, submission) = await SubmitAsync("REVIEW-CELLS-" + app.Kind, $"Review cells {app.Kind}: pension funds in Geneva");
        using var page = await SecretariatPageAsync();
        var html = WebUtility.HtmlDecode(await page.Http.GetStringAsync($"/submissions/{submission}?culture=en"));

        Assert.DoesNotContain("@m.Row", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"code\">Measures!D3</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"code\">Measures!D4</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"code\">Cases!C3</td>", html, StringComparison.Ordinal);
        var roles = ReferenceCatalog.Default.StateRoles;
        Assert.Contains($"<li>Nigeria — {roles["Requesting"].Name("en")}</li>", html, StringComparison.Ordinal);
        Assert.Contains($"<li>Switzerland — {roles["Requested"].Name("en")}</li>", html, StringComparison.Ordinal);

        // The API says the same, additively: the cell of each row and the other State's own role.
        using var secretariat = await app.SecretariatClientAsync();
        var view = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}");
        Assert.Equal("Measures!D4", view.GetProperty("measures")[1].GetProperty("cell").GetString());
        Assert.Equal("Requesting", view.GetProperty("cases")[0].GetProperty("role").GetString());
        Assert.Equal("Requested", view.GetProperty("cases")[0].GetProperty("counterpartRole").GetString());
        Assert.Equal("NGA", view.GetProperty("cases")[0].GetProperty("reportingState").GetString());
    }

    [Fact]
    public async Task A_question_is_asked_by_clicking_its_row_and_the_page_confirms_it_was_sent()
    {
        var (_, submission) = await SubmitAsync("REVIEW-ASK-" + app.Kind, $"Review question {app.Kind}: pension funds in Geneva");
        using var page = await SecretariatPageAsync();
        var review = await page.Http.GetStringAsync($"/submissions/{submission}?culture=en");
        // No form to type a sheet and row into: each row has its link, and without a chosen row there is no question form.
        Assert.DoesNotContain("name=\"Comment\"", review, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"number\"", review, StringComparison.Ordinal);
        var link = $"/submissions/{submission}?sheet=Measures&amp;row=4#clarify";
        Assert.Contains($"href=\"{link}\"", review, StringComparison.Ordinal);
        Assert.Contains("Ask for clarification<span class=\"visually-hidden\"> (Measures!D4)</span>", review, StringComparison.Ordinal);

        // A row that is not in the answer opens nothing.
        Assert.DoesNotContain("name=\"Comment\"", await page.Http.GetStringAsync($"/submissions/{submission}?sheet=Measures&row=99&culture=en"), StringComparison.Ordinal);

        var chosen = $"/submissions/{submission}?sheet=Measures&row=4&culture=en";
        var form = await page.Http.GetStringAsync(chosen);
        Assert.Contains("Ask the State for clarification about Measures!D4", form, StringComparison.Ordinal);
        var fields = await page.ReadFormAsync(chosen, $"/submissions/{submission}?handler=Clarify");
        Assert.Contains(new KeyValuePair<string, string>("Sheet", "Measures"), fields);
        Assert.Contains(new KeyValuePair<string, string>("Row", "4"), fields);
        fields.RemoveAll(f => f.Key == "Comment");
        fields.Add(new("Comment", "Is the confiscation final?"));
        var sent = await page.SubmitAsync($"/submissions/{submission}?handler=Clarify", fields);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/submissions/{submission}?done=clarification", sent.Headers.Location!.ToString());

        var after = await page.Http.GetStringAsync(sent.Headers.Location + "&culture=en");
        Assert.Contains("<p class=\"notice\" role=\"status\" id=\"review-done\">Your question has been sent.", after, StringComparison.Ordinal);
        Assert.Contains("<span class=\"code\">Measures!D4</span>", after, StringComparison.Ordinal);
        var comment = await _driver.QueryAsync(db => db.Set<SubmissionComment>().SingleAsync(c => c.SubmissionId == submission));
        Assert.Equal((Questionnaire.MeasuresSheet, 4, "Is the confiscation final?"), (comment.Sheet, comment.Row, comment.Text));

        // The link replayed later, or typed by hand, says nothing: the notice follows the answer's state.
        var stale = await page.Http.GetStringAsync($"/submissions/{submission}?done=validated&culture=en");
        Assert.DoesNotContain("id=\"review-done\"", stale, StringComparison.Ordinal);
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Validation_proposes_a_draft_that_the_public_never_sees_until_it_is_published()
    {
        var title = $"Review publish {app.Kind}: pension funds in Geneva";
        var (_, submission) = await SubmitAsync("REVIEW-PUB-" + app.Kind, title);
        using var page = await SecretariatPageAsync();
        var fields = await page.ReadFormAsync($"/submissions/{submission}", $"/submissions/{submission}?handler=Validate");
        var validated = await page.SubmitAsync($"/submissions/{submission}?handler=Validate", fields);
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        Assert.Equal($"/submissions/{submission}?done=validated", validated.Headers.Location!.ToString());
        var confirmation = await page.Http.GetStringAsync(validated.Headers.Location + "&culture=en");
        Assert.Contains("role=\"status\" id=\"review-done\">The answer is validated", confirmation, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge draft\">Draft</span>", confirmation, StringComparison.Ordinal);

        using var secretariat = await app.SecretariatClientAsync();
        var caseId = (await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}")).GetProperty("cases")[0].GetProperty("caseId").GetInt32();
        var draft = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal("Public", draft.GetProperty("summaryVisibility").GetString());
        var summary = draft.GetProperty("summary").GetString()!;
        Assert.StartsWith("Pension funds diverted and hidden in Geneva. Reported by Nigeria", summary, StringComparison.Ordinal);
        Assert.Contains("in answer to REVIEW-PUB-", summary, StringComparison.Ordinal);
        Assert.Contains("4,500,000 CHF (2016-03)", summary, StringComparison.Ordinal);
        var source = Assert.Single(draft.GetProperty("sources").EnumerateArray());
        Assert.Equal(("StateSubmission", "NGA", "Public"), (source.GetProperty("kind").GetString(), source.GetProperty("state").GetString(), source.GetProperty("visibility").GetString()));

        // Anonymous readers never see the draft: not the case, not in search, not in the page, not in the statistics.
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/cases/{caseId}")).StatusCode);
        var query = "/api/v1/cases?q=" + Uri.EscapeDataString("review publish " + app.Kind.ToString().ToLowerInvariant());
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>(query)).GetProperty("total").GetInt32());
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/cases?q=" + Uri.EscapeDataString("Review publish")), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/api/v1/export/cases.csv"), StringComparison.Ordinal);
        Assert.Equal(0, await FrozenCasesAsync(anonymous, "NGA"));

        // The Secretariat publishes from the case page: post, redirect, a status message.
        var casePage = $"/cases/{caseId}";
        var publishForm = await page.ReadFormAsync(casePage, $"/cases/{caseId}?handler=Publish");
        var published = await page.SubmitAsync($"/cases/{caseId}?handler=Publish", publishForm);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal($"/cases/{caseId}?published=true", published.Headers.Location!.ToString());
        Assert.Contains("<p class=\"notice\" role=\"status\" id=\"case-published\">The case is published", await page.Http.GetStringAsync(published.Headers.Location + "&culture=en"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(1, (await anonymous.GetFromJsonAsync<JsonElement>(query)).GetProperty("total").GetInt32());
        Assert.Equal(1, await FrozenCasesAsync(anonymous, "NGA"));
        Assert.Equal(1, await _driver.AuditCountAsync("publish", nameof(Case), Inv(caseId)));

        // Publishing again is a conflict, by the API and by the page.
        var again = await secretariat.PostAsync($"/api/v1/cases/{caseId}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already published", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Every_case_of_an_answer_gets_the_submission_as_its_source()
    {
        var round = await _driver.RoundAsync("REVIEW-SOURCES-" + app.Kind, "GHA");
        using var focal = await _driver.FocalPointAsync("GHA");
        var file = await CollectionDriver.WorkbookAsync(focal, round, "GHA",
            [[null, "GH-1", $"First of two {app.Kind}", "GBR", "Requesting", "Art17", "", ""], [null, "GH-2", $"Second of two {app.Kind}", "FRA", "Requested", "Art15", "", ""]],
            [["GH-1", "Frozen", "BankFunds", "1000", "USD", "2016-05", null, null], ["GH-2", "Seized", "BankFunds", "2000", "EUR", "2017", null, null]]);
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "GHA", file));
        using var secretariat = await app.SecretariatClientAsync();
        var validated = await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null);
        var ids = (await validated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(2, ids.Count);
        foreach (var id in ids)
        {
            var draft = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
            Assert.Equal("GHA", Assert.Single(draft.GetProperty("sources").EnumerateArray()).GetProperty("state").GetString());
            Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/cases/{id}/publish", null)).StatusCode);
        }
    }

    [Fact]
    public async Task The_demo_round_has_a_validated_answer_whose_case_waits_as_a_draft()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoRound>().HandleAsync();
        }

        var submission = await _driver.QueryAsync(db => db.Submissions.Include(s => s.Cases).SingleAsync(s => s.StateCode == "FRA" && db.Rounds.Any(r => r.Id == s.RoundId && r.Code == SeedDemoRound.Code)));
        Assert.Equal(SubmissionStatus.Validated, submission.Status);
        var caseId = Assert.Single(submission.Cases).CaseId!.Value;
        var draft = await _driver.QueryAsync(db => db.Cases.Include(c => c.Sources).SingleAsync(c => c.Id == caseId));
        Assert.Equal((CaseStatus.Draft, true), (draft.Status, draft.IsSynthetic));
        Assert.Contains("Reported by France", draft.Summary, StringComparison.Ordinal);
        Assert.Single(draft.Sources);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Publishing_is_refused_without_a_public_summary_or_a_public_source()
    {
        using var secretariat = await app.SecretariatClientAsync();
        var noSource = await app.CreateCaseAsync(CaseBuilder.Case($"Draft without source {app.Kind}").Between("KEN", "GBR").Draft());
        var response = await secretariat.PostAsync($"/api/v1/cases/{noSource}/publish", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("sources", out var sources), problem.ToString());
        Assert.Contains("at least one source", sources[0].GetString(), StringComparison.Ordinal);
        Assert.False(problem.GetProperty("errors").TryGetProperty("summary", out _), problem.ToString());

        var privateSummary = await app.CreateCaseAsync(CaseBuilder.Case($"Draft with a restricted summary {app.Kind}").Between("KEN", "GBR")
            .Summary("Only for the Secretariat", Visibility.Secretariat).OpenSource("https://example.org/report", "Report").Draft());
        problem = await (await secretariat.PostAsync($"/api/v1/cases/{privateSummary}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("summary", out _), problem.ToString());
        Assert.False(problem.GetProperty("errors").TryGetProperty("sources", out _), problem.ToString());

        // The same rule through an edit that sets the status: one rule, one place.
        var edit = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{noSource}", RecoveryWatchApp.Reading);
        var put = await secretariat.PutAsJsonAsync($"/api/v1/cases/{noSource}", edit! with { Status = CaseStatus.Published }, RecoveryWatchApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("\"sources\"", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The page lists what is missing before the click, and after it.
        using var page = await SecretariatPageAsync();
        var draftPage = await page.Http.GetStringAsync($"/cases/{noSource}?culture=en");
        Assert.Contains("id=\"publishing-problems\"", draftPage, StringComparison.Ordinal);
        var fields = await page.ReadFormAsync($"/cases/{noSource}", $"/cases/{noSource}?handler=Publish");
        var refused = await page.SubmitAsync($"/cases/{noSource}?handler=Publish", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/cases/{noSource}")).StatusCode);
        Assert.Equal(0, await _driver.AuditCountAsync("publish", nameof(Case), Inv(noSource)));
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.PostAsync("/api/v1/cases/987654/publish", null)).StatusCode);
    }

    [Fact]
    public async Task Parallel_publishes_publish_once_and_the_others_are_conflicts()
    {
        var id = await app.CreateCaseAsync(CaseBuilder.Case($"Parallel publish {app.Kind}").Between("PER", "USA")
            .Measure(Stage.Frozen, 1000m, "USD", "2015").OpenSource("https://example.org/parallel", "Court record").Draft());
        using var first = await app.SecretariatClientAsync();
        using var second = await app.SecretariatClientAsync();
        var responses = await CollectionDriver.AtOnceAsync(4, i => (i % 2 == 0 ? first : second).PostAsync($"/api/v1/cases/{id}/publish", null));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 3, string.Join(", ", statuses));
        Assert.Equal(1, await _driver.AuditCountAsync("publish", nameof(Case), Inv(id)));
        Assert.Equal(CaseStatus.Published, await _driver.QueryAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        // The statistics follow the status in the same transaction.
        Assert.Equal(CaseStatus.Published, await _driver.QueryAsync(db => db.CountedFigures.Where(f => f.CaseId == id).Select(f => f.CaseStatus).FirstAsync()));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Reconciliation_shows_the_two_reports_field_by_field_with_what_disagrees_and_the_score_explained()
    {
        var round = await _driver.RoundAsync("COMPARE-" + app.Kind, "PER", "USA");
        using var secretariat = await app.SecretariatClientAsync();
        using var peru = await _driver.FocalPointAsync("PER");
        using var usa = await _driver.FocalPointAsync("USA");
        var requestingTitle = $"Compare {app.Kind}: intelligence chief's accounts in Miami";
        var requestedTitle = $"Accounts in Miami of Peru's former intelligence chief ({app.Kind})";
        var stored = await ValidateAsync(secretariat, round, "PER", await CollectionDriver.OneCaseAsync(peru, round, "PER", "PE-1", requestingTitle, "USA", "Requesting", "20000000"));
        var reported = await ValidateAsync(secretariat, round, "USA", await CollectionDriver.OneCaseAsync(usa, round, "USA", "US-1", requestedTitle, "PER", "Requested", "20500000"));
        var proposal = (await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/reconciliation")).EnumerateArray()
            .Single(p => p.GetProperty("reportedCaseId").GetInt32() == reported && p.GetProperty("candidateCaseId").GetInt32() == stored).GetProperty("id").GetInt32();

        var comparison = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/reconciliation/{proposal}");
        var fields = comparison.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("agree").GetBoolean());
        Assert.True(fields["states"]);
        Assert.True(fields["offences"]);
        Assert.True(fields["years"]);
        Assert.False(fields["title"]);
        var frozen = Assert.Single(comparison.GetProperty("stages").EnumerateArray());
        Assert.Equal("Frozen", frozen.GetProperty("stage").GetString());
        Assert.False(frozen.GetProperty("agree").GetBoolean());
        Assert.Equal(20_500_000m, frozen.GetProperty("reported")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(20_000_000m, frozen.GetProperty("stored")[0].GetProperty("amount").GetDecimal());
        var parts = comparison.GetProperty("score").EnumerateArray().ToDictionary(p => p.GetProperty("reason").GetString()!, p => p.GetProperty("points").GetDouble());
        Assert.Equal(new[] { "states", "years", "amounts", "title" }, parts.Keys.ToArray());
        Assert.Equal(comparison.GetProperty("proposal").GetProperty("score").GetDouble(), Math.Round(parts.Values.Sum(), 3), 3);

        using var page = await SecretariatPageAsync();
        Assert.Contains($"href=\"/reconciliation/{proposal}\"", await page.Http.GetStringAsync("/reconciliation?culture=en"), StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await page.Http.GetStringAsync($"/reconciliation/{proposal}?culture=en"));
        string Row(string id)
        {
            var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"No row {id}");
            return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        }

        Assert.Contains("Differs", Row("stage-Frozen"), StringComparison.Ordinal);
        Assert.Contains("20,500,000", Row("stage-Frozen"), StringComparison.Ordinal);
        Assert.Contains("20,000,000", Row("stage-Frozen"), StringComparison.Ordinal);
        Assert.Contains("Same on both sides", Row("field-states"), StringComparison.Ordinal);
        Assert.Contains("Peru — ", Row("field-states"), StringComparison.Ordinal);
        Assert.Contains(requestedTitle, Row("field-title"), StringComparison.Ordinal);
        Assert.Contains(requestingTitle, Row("field-title"), StringComparison.Ordinal);
        Assert.Contains("How the score is made", html, StringComparison.Ordinal);
        Assert.Contains("same States on the same sides", html, StringComparison.Ordinal);

        // Deciding is unchanged: confirming from the comparison merges, and the page then shows the decision.
        var confirmed = await page.SubmitAsync($"/reconciliation?id={proposal}&handler=Confirm", await page.ReadFormAsync($"/reconciliation/{proposal}", $"/reconciliation?id={proposal}&handler=Confirm"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var decided = await page.Http.GetStringAsync($"/reconciliation/{proposal}?culture=en");
        Assert.Contains("merged and removed", decided, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", decided, StringComparison.Ordinal);
    }

    private static async Task<int> ValidateAsync(HttpClient secretariat, int round, string state, byte[] file)
    {
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(secretariat, round, state, file));
        var validated = await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        return (await validated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Last().GetInt32();
    }

    private static async Task<int> FrozenCasesAsync(HttpClient client, string state)
    {
        var rows = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/volumes?by=state");
        return rows.EnumerateArray().Where(r => r.GetProperty("group").GetString() == state && r.GetProperty("stage").GetString() == "Frozen").Select(r => r.GetProperty("cases").GetInt32()).SingleOrDefault();
    }
}

public sealed class SqliteReviewAndPublishTests(SqliteApp app) : ReviewAndPublishTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresReviewAndPublishTests(PostgresApp app) : ReviewAndPublishTests(app), IClassFixture<PostgresApp>;
