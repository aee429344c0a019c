using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Tests.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>
/// Legal framework profiles through the API, the pages and the workbook, on both engines: a focal point's draft becomes
/// public only once the Secretariat validates it; a comparison shows each State's validated version only, with missing
/// answers marked; every bad answer is refused at its field or cell with nothing stored; races leave one version.
/// Each test works on States of its own, so the order tests run in does not matter.
/// </summary>
public abstract class LegalFrameworkTests(WorldApp world)
{
    private readonly CollectionDriver _driver = new(world);

    private static object Answer(string question, string answer, string? lawTitle = null, string? lawArticle = null, string? lawUrl = null, string? note = null) =>
        new { question, answer, note, lawTitle, lawArticle, lawUrl };

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> SaveDraftAsync(HttpClient client, string state, int version, params object[] answers) =>
        await OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/legal-frameworks/{state}/draft", new { asOf = "2020-06-30", source = "Test source " + state, answers, version }));

    private static async Task<JsonElement> StepAsync(HttpClient client, string state, string step, int version) =>
        await OkJsonAsync(await client.PostAsJsonAsync($"/api/v1/legal-frameworks/{state}/draft/{step}", new { version }));

    /// <summary>The Secretariat writes and validates a version for <paramref name="state"/>.</summary>
    private static async Task ValidatedAsync(HttpClient secretariat, string state, params object[] answers)
    {
        var draft = await SaveDraftAsync(secretariat, state, 0, answers);
        await StepAsync(secretariat, state, "validate", draft.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_focal_points_draft_is_public_only_once_the_Secretariat_validates_it()
    {
        using var focal = await world.BearerClientAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        using var secretariat = await world.SecretariatClientAsync();
        using var anonymous = world.CreateClient();

        var draft = await OkJsonAsync(await focal.GetAsync("/api/v1/legal-frameworks/NGA/draft"));
        var saved = await SaveDraftAsync(focal, "NGA", draft.GetProperty("version").GetInt32(),
            Answer("DirectEnforcement", "Available", "Proceeds of Crime Act", "s. 10", "https://laws.example.org/poca#s10"),
            Answer("ProofCriminal", "BeyondReasonableDoubt"));
        Assert.Equal("Draft", saved.GetProperty("status").GetString());

        // Not yet public: no current profile, no open version listed, the draft's text nowhere.
        var publicBody = await anonymous.GetStringAsync("/api/v1/legal-frameworks/NGA");
        var publicProfile = JsonDocument.Parse(publicBody).RootElement;
        Assert.False(publicProfile.TryGetProperty("current", out _));
        Assert.Equal(0, publicProfile.GetProperty("versions").GetArrayLength());
        Assert.DoesNotContain("Proceeds of Crime Act", publicBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/legal-frameworks/NGA/versions/1")).StatusCode);
        Assert.DoesNotContain("Proceeds of Crime Act", await anonymous.GetStringAsync("/legal-frameworks/compare?states=NGA"), StringComparison.Ordinal);

        // The focal point may not validate its own answers.
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync("/api/v1/legal-frameworks/NGA/draft/validate", new { version = saved.GetProperty("version").GetInt32() })).StatusCode);

        var submitted = await StepAsync(focal, "NGA", "submit", saved.GetProperty("version").GetInt32());
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        var locked = await focal.PutAsJsonAsync("/api/v1/legal-frameworks/NGA/draft",
            new { asOf = "2020-06-30", source = "x", answers = new[] { Answer("DirectEnforcement", "NotAvailable") }, version = submitted.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);

        var validated = await StepAsync(secretariat, "NGA", "validate", submitted.GetProperty("version").GetInt32());
        Assert.Equal("Validated", validated.GetProperty("status").GetString());

        var profile = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/legal-frameworks/NGA");
        var answers = profile.GetProperty("current").GetProperty("answers");
        Assert.Equal(2, answers.GetArrayLength());
        Assert.Equal("https://laws.example.org/poca#s10", answers[0].GetProperty("lawUrl").GetString());
        Assert.False(profile.GetProperty("current").TryGetProperty("validatedBy", out _), "Who validated is the Secretariat's business.");
        var page = await anonymous.GetStringAsync("/legal-frameworks/NGA");
        Assert.Contains("Proceeds of Crime Act", page, StringComparison.Ordinal);

        foreach (var action in new[] { "edit-legal-framework", "submit-legal-framework", "validate-legal-framework" })
        {
            Assert.Equal(1, await _driver.AuditCountAsync(action, nameof(LegalFrameworkVersion), "NGA/1"));
        }

        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task The_Secretariat_returns_a_submitted_version_and_the_focal_point_may_change_it_again()
    {
        // Through the World's Nigerian focal point would collide with the first test's NGA flow: a focal point of its own.
        await _driver.EnsureUserAsync("focal.irl@frameworks.test", RecoveryWatch.Identity.Roles.FocalPoint, "IRL");
        using var focal = await world.BearerClientAsync("focal.irl@frameworks.test", CollectionDriver.FocalPassword);
        using var secretariat = await world.SecretariatClientAsync();
        var draft = await SaveDraftAsync(focal, "IRL", 0, Answer("NcbConfiscation", "Available"));
        var submitted = await StepAsync(focal, "IRL", "submit", draft.GetProperty("version").GetInt32());

        // The focal point cannot send its own answers back; the page's buttons are the Secretariat's too.
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync("/api/v1/legal-frameworks/IRL/draft/return", new { version = submitted.GetProperty("version").GetInt32() })).StatusCode);
        using var focalForm = await _driver.SignedInFormAsync("focal.irl@frameworks.test", CollectionDriver.FocalPassword);
        var token = await CollectionDriver.TokenAsync(focalForm, "/legal-frameworks/IRL/edit");
        var byPage = await CollectionDriver.PostFormAsync(focalForm, "/legal-frameworks/IRL?handler=Return", token, [new("openVersion", submitted.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, byPage.StatusCode);
        Assert.Contains("/account/denied", byPage.Headers.Location!.ToString(), StringComparison.Ordinal);

        var returned = await StepAsync(secretariat, "IRL", "return", submitted.GetProperty("version").GetInt32());
        Assert.Equal("Draft", returned.GetProperty("status").GetString());
        // A second return of the same version is a conflict, not a second transition.
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsJsonAsync("/api/v1/legal-frameworks/IRL/draft/return", new { version = submitted.GetProperty("version").GetInt32() })).StatusCode);
        var changed = await SaveDraftAsync(focal, "IRL", returned.GetProperty("version").GetInt32(), Answer("NcbConfiscation", "Partial"));
        Assert.Equal("Partial", changed.GetProperty("answers")[0].GetProperty("answer").GetString());
        Assert.Equal(1, await _driver.AuditCountAsync("return-legal-framework", nameof(LegalFrameworkVersion), "IRL/1"));
    }

    [Fact]
    public async Task The_comparison_uses_validated_versions_only_and_shows_missing_answers_as_missing()
    {
        using var secretariat = await world.SecretariatClientAsync();
        using var anonymous = world.CreateClient();
        await ValidatedAsync(secretariat, "GBR", Answer("DirectEnforcement", "NotAvailable"), Answer("ProofCriminal", "BeyondReasonableDoubt"));
        // A change of law: version 2 supersedes version 1, and drops the answer on the criminal standard.
        await ValidatedAsync(secretariat, "GBR", Answer("DirectEnforcement", "Available", "Criminal Justice Act", "art. 71"));
        await ValidatedAsync(secretariat, "FRA", Answer("ProofCriminal", "IntimateConviction"));
        // An open draft of France is never compared.
        await SaveDraftAsync(secretariat, "FRA", 0, Answer("DirectEnforcement", "Available"));

        var comparison = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/legal-frameworks/compare?states=GBR,FRA,ITA&questions=DirectEnforcement,ProofCriminal&lang=en");
        var states = comparison.GetProperty("states");
        Assert.Equal(["GBR", "FRA", "ITA"], states.EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(2, states[0].GetProperty("number").GetInt32());
        Assert.False(states[2].TryGetProperty("number", out _), "Italy has no validated profile.");
        var rows = comparison.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("question").GetString()!);
        string? Cell(string question, int state) => rows[question].GetProperty("cells")[state].TryGetProperty("answer", out var a) ? a.GetString() : null;
        Assert.Equal("Available", Cell("DirectEnforcement", 0));
        Assert.Null(Cell("ProofCriminal", 0));
        Assert.Null(Cell("DirectEnforcement", 1));
        Assert.Equal("IntimateConviction", Cell("ProofCriminal", 1));
        Assert.Null(Cell("DirectEnforcement", 2));
        Assert.Equal("Criminal Justice Act", rows["DirectEnforcement"].GetProperty("cells")[0].GetProperty("lawTitle").GetString());

        // The superseded version stays readable as history.
        var first = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/legal-frameworks/GBR/versions/1");
        Assert.Equal("Superseded", first.GetProperty("status").GetString());
        Assert.Equal("NotAvailable", first.GetProperty("answers")[0].GetProperty("answer").GetString());

        // The page and both downloads say the same, missing answers marked in the reader's language.
        var page = await anonymous.GetStringAsync("/legal-frameworks/compare?states=GBR,FRA,ITA&questions=DirectEnforcement,ProofCriminal");
        Assert.Contains("Criminal Justice Act", page, StringComparison.Ordinal);
        Assert.Contains("No validated profile", page, StringComparison.Ordinal);
        var csv = await anonymous.GetStringAsync("/api/v1/legal-frameworks/compare.csv?states=GBR,FRA,ITA&questions=DirectEnforcement,ProofCriminal&lang=en");
        var lines = csv.Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 6, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("GBR,", StringComparison.Ordinal) && l.Contains("ProofCriminal", StringComparison.Ordinal) && l.Contains("No answer", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ITA,", StringComparison.Ordinal) && l.Contains("No validated profile", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("GBR,", StringComparison.Ordinal) && l.Contains("NotAvailable", StringComparison.Ordinal));
        var xlsx = await anonymous.GetByteArrayAsync("/api/v1/legal-frameworks/compare.xlsx?states=GBR,FRA,ITA&questions=DirectEnforcement,ProofCriminal&lang=fr");
        var sheet = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, sheet.Count);
        Assert.Contains(sheet, r => (string?)r["state"] == "FRA" && (string?)r["question"] == "DirectEnforcement" && (string?)r["answer_label"] == "Pas de réponse");

        // Bad selections are named.
        var bad = await anonymous.GetAsync("/api/v1/legal-frameworks/compare?states=GBR,XXX&questions=Nope");
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("states", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("questions", out _));
    }

    [Fact]
    public async Task Every_bad_answer_is_refused_at_its_field_and_nothing_is_stored()
    {
        using var secretariat = await world.SecretariatClientAsync();
        var audit = await _driver.QueryAsync(db => db.AuditEntries.CountAsync());
        var response = await secretariat.PutAsJsonAsync("/api/v1/legal-frameworks/PRT/draft", new
        {
            asOf = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            source = "Ministry of Justice",
            version = 0,
            answers = new[]
            {
                Answer("DirectEnforcement", "BeyondReasonableDoubt"),
                Answer("NoSuchQuestion", "Available"),
                Answer("NcbConfiscation", "Available", lawTitle: new string('x', 401)),
                Answer("ProofCivil", "BalanceOfProbabilities", lawUrl: "javascript:alert(1)"),
                Answer("DirectEnforcement", "Available"),
                Answer("ValueBasedConfiscation", "Available", note: "bad\u0000note"),
                Answer("ExtendedConfiscation", ""),
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "asOf", "answers[0].answer", "answers[1].question", "answers[2].lawTitle", "answers[3].lawUrl", "answers[4].question", "answers[5].note", "answers[6].answer" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/api/v1/legal-frameworks/PRT/draft")).StatusCode);
        Assert.Equal(audit, await _driver.QueryAsync(db => db.AuditEntries.CountAsync()));

        var unknownProperty = await secretariat.PutAsync("/api/v1/legal-frameworks/PRT/draft",
            new StringContent("{\"asOf\":\"2020-01-01\",\"source\":\"x\",\"answers\":[{\"question\":\"NcbConfiscation\",\"answer\":\"Available\",\"colour\":\"red\"}]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownProperty.StatusCode);
    }

    [Fact]
    public async Task What_GET_returns_can_be_PUT_back_unchanged_and_changes_nothing()
    {
        using var secretariat = await world.SecretariatClientAsync();
        await SaveDraftAsync(secretariat, "ESP", 0, Answer("NcbConfiscation", "Partial", "Ley de Enjuiciamiento Criminal", "art. 803 ter", null, "Decomiso autónomo"), Answer("LegalTradition", "CivilLaw"));
        var read = await secretariat.GetStringAsync("/api/v1/legal-frameworks/ESP/draft");
        var audit = await _driver.QueryAsync(db => db.AuditEntries.CountAsync());

        var put = await secretariat.PutAsync("/api/v1/legal-frameworks/ESP/draft", new StringContent(read, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(read, await put.Content.ReadAsStringAsync());
        Assert.Equal(read, await secretariat.GetStringAsync("/api/v1/legal-frameworks/ESP/draft"));
        Assert.Equal(audit, await _driver.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Eight_clicks_at_once_start_one_draft_and_validate_it_once()
    {
        using var secretariat = await world.SecretariatClientAsync();
        var starts = await CollectionDriver.AtOnceAsync(8, _ => secretariat.PutAsJsonAsync("/api/v1/legal-frameworks/AUS/draft",
            new { asOf = "2020-06-30", source = "Attorney-General's Department", answers = new[] { Answer("NcbConfiscation", "Available") }, version = 0 }));
        Assert.Equal(1, starts.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(starts.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        var draft = await OkJsonAsync(await secretariat.GetAsync("/api/v1/legal-frameworks/AUS/draft"));
        var version = draft.GetProperty("version").GetInt32();
        var validations = await CollectionDriver.AtOnceAsync(8, _ => secretariat.PostAsJsonAsync("/api/v1/legal-frameworks/AUS/draft/validate", new { version }));
        Assert.Equal(1, validations.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(validations.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        Assert.Equal(1, await _driver.QueryAsync(db => db.Set<LegalFrameworkVersion>().CountAsync(v => v.StateCode == "AUS")));
        Assert.Equal(1, await _driver.AuditCountAsync("validate-legal-framework", nameof(LegalFrameworkVersion), "AUS/1"));
        Assert.Equal(1, await _driver.AuditCountAsync("start-legal-framework", nameof(LegalFrameworkVersion), "AUS/1"));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task A_focal_point_edits_its_own_States_profile_only_and_a_delegate_none()
    {
        using var focal = await world.BearerClientAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        using var delegateClient = await world.BearerClientAsync(WorldApp.FranceDelegateEmail, WorldApp.UserPassword);
        var body = new { asOf = "2020-06-30", source = "x", answers = new[] { Answer("NcbConfiscation", "Available") }, version = 0 };
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PutAsJsonAsync("/api/v1/legal-frameworks/BEL/draft", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.GetAsync("/api/v1/legal-frameworks/CHE/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PutAsJsonAsync("/api/v1/legal-frameworks/FRA/draft", body)).StatusCode);
        Assert.Equal(0, await _driver.QueryAsync(db => db.Set<LegalFrameworkVersion>().CountAsync(v => v.StateCode == "BEL")));

        // Switzerland's open version is listed for nobody but the Secretariat.
        var profile = await focal.GetStringAsync("/api/v1/legal-frameworks/CHE");
        Assert.DoesNotContain(WorldApp.DraftTitle, profile, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(profile).RootElement.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task The_workbooks_legal_framework_sheet_becomes_the_validated_profile_and_fills_the_next_template()
    {
        var round = await _driver.RoundAsync("LF-ROUND-" + world.Kind, "DEU");
        using var focal = await _driver.FocalPointAsync("DEU");
        using var secretariat = await world.SecretariatClientAsync();
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=DEU");
        var file = FillLegalSheet(template, new()
        {
            ["DirectEnforcement"] = ["Partial", "Vermögensabschöpfung", "Gesetz über die internationale Rechtshilfe", "§ 48", "https://www.gesetze-im-internet.de/irg/__48.html"],
            ["ProofNcb"] = ["BalanceOfProbabilities", null, null, null, null],
        });
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "DEU", file));
        Assert.Equal(HttpStatusCode.NotFound, (await world.CreateClient().GetAsync("/api/v1/legal-frameworks/DEU/versions/1")).StatusCode);

        (await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null)).EnsureSuccessStatusCode();
        var profile = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/legal-frameworks/DEU");
        var current = profile.GetProperty("current");
        Assert.Equal(submission, current.GetProperty("submission").GetInt32());
        Assert.Contains("LF-ROUND-", current.GetProperty("source").GetString(), StringComparison.Ordinal);
        var answers = current.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("question").GetString()!);
        Assert.Equal("Partial", answers["DirectEnforcement"].GetProperty("answer").GetString());
        Assert.Equal("§ 48", answers["DirectEnforcement"].GetProperty("lawArticle").GetString());
        Assert.Equal("BalanceOfProbabilities", answers["ProofNcb"].GetProperty("answer").GetString());
        Assert.Equal(2, answers.Count);

        // The next template carries the validated answers back to the focal point.
        var next = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=DEU");
        using var book = SpreadsheetDocument.Open(new MemoryStream(next), false);
        var rows = LegalRows(book);
        Assert.Equal("Partial", rows["DirectEnforcement"][2]);
        Assert.Equal("https://www.gesetze-im-internet.de/irg/__48.html", rows["DirectEnforcement"][6]);
    }

    [Fact]
    public async Task A_bad_legal_framework_cell_is_reported_at_its_cell_and_nothing_is_stored()
    {
        var round = await _driver.RoundAsync("LF-BAD-" + world.Kind, "AUT");
        using var focal = await _driver.FocalPointAsync("AUT");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=AUT");
        var rowOf = LegalFrameworkQuestions.All.Select((q, i) => (q.Code, Row: i + 3)).ToDictionary(x => x.Code, x => x.Row);
        var file = FillLegalSheet(template, new()
        {
            ["DirectEnforcement"] = ["Yes", null, null, null, null],
            ["NcbConfiscation"] = ["Available", null, "Strafprozessordnung", "§ 445", "ftp://example.org/stpo"],
        }, extraRows: [["NoSuchQuestion", null, "Available"]]);
        var response = await CollectionDriver.UploadAsync(focal, round, "AUT", file);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var last = 3 + LegalFrameworkQuestions.All.Count;
        foreach (var cell in new[] { $"LegalFramework!C{rowOf["DirectEnforcement"]}", $"LegalFramework!G{rowOf["NcbConfiscation"]}", $"LegalFramework!A{last}" })
        {
            Assert.True(errors.TryGetProperty(cell, out _), $"No error at {cell}: {errors}");
        }

        Assert.Equal(0, await _driver.QueryAsync(db => db.Submissions.CountAsync(s => s.StateCode == "AUT")));
    }

    /// <summary>Sets answer, note and law cells of the template's question rows (C to G), as a focal point types them in Excel.</summary>
    private static byte[] FillLegalSheet(byte[] template, Dictionary<string, string?[]> answers, IEnumerable<string?[]>? extraRows = null)
    {
        var stream = new MemoryStream();
        stream.Write(template);
        using (var book = SpreadsheetDocument.Open(stream, true))
        {
            var data = WorkbookFiller.Sheet(book, "LegalFramework");
            foreach (var row in data.Elements<Row>().Where(r => r.RowIndex!.Value >= 3))
            {
                var code = Text(row.Elements<Cell>().First());
                if (!answers.TryGetValue(code, out var values))
                {
                    continue;
                }

                var cells = row.Elements<Cell>().ToList();
                for (var i = 0; i < values.Length; i++)
                {
                    cells[i + 2].InlineString = new InlineString(new Text(values[i] ?? string.Empty));
                    cells[i + 2].DataType = CellValues.InlineString;
                }
            }

            if (extraRows is not null)
            {
                WorkbookFiller.AppendRows(book, "LegalFramework", extraRows);
            }
        }

        return stream.ToArray();
    }

    private static Dictionary<string, string[]> LegalRows(SpreadsheetDocument book) =>
        WorkbookFiller.Sheet(book, "LegalFramework").Elements<Row>().Where(r => r.RowIndex!.Value >= 3)
            .ToDictionary(r => Text(r.Elements<Cell>().First()), r => r.Elements<Cell>().Select(Text).ToArray());

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
}

public sealed class SqliteLegalFrameworkTests(SqliteWorld world) : LegalFrameworkTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresLegalFrameworkTests(PostgresWorld world) : LegalFrameworkTests(world), IClassFixture<PostgresWorld>;
