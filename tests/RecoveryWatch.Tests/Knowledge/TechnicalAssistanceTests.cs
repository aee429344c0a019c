using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Tests.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>Technical-assistance needs and activities over HTTP, on both databases: the rules of each field, the unmet
/// counts, who sees what, the workbook's need columns, races on a status and the GET→PUT symmetry.</summary>
public abstract class TechnicalAssistanceTests(WorldApp world)
{
    private const string Needs = "/api/v1/technical-assistance/needs";
    private const string Activities = "/api/v1/technical-assistance/activities";

    private readonly CollectionDriver _driver = new(world);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<int> NeedAsync(HttpClient client, string state, string type = "Training", string visibility = "Public", string area = "MutualLegalAssistance", string text = "A need")
    {
        var response = await client.PostAsync(Needs, Json($$"""{"state":"{{state}}","area":"{{area}}","type":"{{type}}","priority":"High","description":"{{text}}","visibility":"{{visibility}}"}"""));
        return await CollectionDriver.CreatedIdAsync(response);
    }

    private static async Task<Dictionary<string, int>> UnmetAsync(HttpClient client, string by) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/technical-assistance/unmet?by={by}")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("group").GetString()!, r => r.GetProperty("count").GetInt32());

    private static async Task<HttpResponseMessage> PutStatusAsync(HttpClient client, int id, string status)
    {
        var need = JsonNode.Parse(await client.GetStringAsync($"{Needs}/{id}"))!;
        need["status"] = status;
        return await client.PutAsync($"{Needs}/{id}", Json(need.ToJsonString()));
    }

    [Fact]
    public async Task A_need_without_its_fields_is_refused_naming_each_one_and_nothing_is_stored()
    {
        using var admin = await world.SecretariatClientAsync();
        var before = await _driver.QueryAsync(db => db.Set<AssistanceNeed>().CountAsync());
        var empty = await ProblemAsync(await admin.PostAsync(Needs, Json("{}")), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "state", "area", "type", "priority", "description" })
        {
            Assert.True(empty.GetProperty("errors").TryGetProperty(field, out _), $"{field} missing in {empty}");
        }

        var cases = new (string Body, string Field)[]
        {
            ("""{"state":"ZZZ","area":"AssetTracing","type":"Training","priority":"High","description":"x"}""", "state"),
            ("""{"state":"KEN","area":"Cooking","type":"Training","priority":"High","description":"x"}""", "area"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Lunch","priority":"High","description":"x"}""", "type"),
            ("""{"state":"KEN","area":"AssetTracing","type":"1","priority":"High","description":"x"}""", "type"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Training, Tools","priority":"High","description":"x"}""", "type"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Training","priority":"Urgent","description":"x"}""", "priority"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Training","priority":"High","description":"x","status":"Sleeping"}""", "status"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Training","priority":"High","description":"\u0000"}""", "description"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Training","priority":"High","description":"\u200B "}""", "description"),
            ($$"""{"state":"KEN","area":"AssetTracing","type":"Training","priority":"High","description":"{{new string('x', 4001)}}"}""", "description"),
            ("""{"state":"KEN","area":"AssetTracing","type":"Training","priority":"High","description":"x","colour":"red"}""", "colour"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await ProblemAsync(await admin.PostAsync(Needs, Json(body)), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
        }

        Assert.Equal(before, await _driver.QueryAsync(db => db.Set<AssistanceNeed>().CountAsync()));
        var filter = await ProblemAsync(await world.CreateClient().GetAsync(Needs + "?type=Lunch&region=Atlantis"), HttpStatusCode.BadRequest);
        Assert.True(filter.GetProperty("errors").TryGetProperty("type", out _));
        Assert.True(filter.GetProperty("errors").TryGetProperty("region", out _));
        var by = await ProblemAsync(await world.CreateClient().GetAsync("/api/v1/technical-assistance/unmet?by=planet"), HttpStatusCode.BadRequest);
        Assert.True(by.GetProperty("errors").TryGetProperty("by", out _));
    }

    [Fact]
    public async Task An_activity_is_checked_field_by_field()
    {
        using var admin = await world.SecretariatClientAsync();
        var need = await NeedAsync(admin, "ARG");
        var cases = new (string Body, string Field)[]
        {
            ("""{"title":"","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":["ARG"]}""", "title"),
            ("""{"title":"W","provider":"UNODC","startDate":"2024-03-05","endDate":"2024-03-02","states":["ARG"]}""", "endDate"),
            ("""{"title":"W","provider":"UNODC","startDate":"2024-13-05","endDate":"2024-03-02","states":["ARG"]}""", "startDate"),
            ("""{"title":"W","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":[]}""", "states"),
            ("""{"title":"W","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":["ARG","ARG"]}""", "states[1]"),
            ($$"""{"title":"W","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":["CHL"],"needs":[{"id":{{need}}}]}""", "needs[0].id"),
            ("""{"title":"W","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":["ARG"],"needs":[{"id":999999}]}""", "needs[0].id"),
            ($$"""{"title":"W","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":["ARG"],"needs":[{"id":{{need}},"markAs":"Withdrawn"}]}""", "needs[0].markAs"),
            ($$"""{"title":"W","provider":"UNODC","startDate":"2024-03-01","endDate":"2024-03-02","states":["ARG"],"needs":[{"id":{{need}},"markAs":"Done"}]}""", "needs[0].markAs"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await ProblemAsync(await admin.PostAsync(Activities, Json(body)), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
        }

        Assert.Equal("Open", (await admin.GetFromJsonAsync<JsonElement>($"{Needs}/{need}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unmet_needs_are_counted_by_region_and_type_and_a_met_or_withdrawn_need_drops_out()
    {
        using var admin = await world.SecretariatClientAsync();
        var byTypeBefore = await UnmetAsync(admin, "type");
        var byRegionBefore = await UnmetAsync(admin, "region");
        // Fiji and Samoa: Asia-Pacific; Tools.
        var fiji = await NeedAsync(admin, "FJI", "Tools");
        var samoa = await NeedAsync(admin, "WSM", "Tools");
        var tonga = await NeedAsync(admin, "TON", "Tools");
        var byType = await UnmetAsync(admin, "type");
        var byRegion = await UnmetAsync(admin, "region");
        Assert.Equal(byTypeBefore.GetValueOrDefault("Tools") + 3, byType["Tools"]);
        Assert.Equal(byRegionBefore.GetValueOrDefault("AsiaPacific") + 3, byRegion["AsiaPacific"]);

        Assert.Equal(HttpStatusCode.OK, (await PutStatusAsync(admin, fiji, "InProgress")).StatusCode);
        Assert.Equal(byType["Tools"], (await UnmetAsync(admin, "type"))["Tools"]);
        Assert.Equal(HttpStatusCode.OK, (await PutStatusAsync(admin, fiji, "Met")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutStatusAsync(admin, samoa, "Withdrawn")).StatusCode);
        var after = await UnmetAsync(admin, "type");
        Assert.Equal(byType["Tools"] - 2, after["Tools"]);
        Assert.Equal(byRegion["AsiaPacific"] - 2, (await UnmetAsync(admin, "region"))["AsiaPacific"]);

        // A closed need stays closed (409 naming the status), and the list behind each count holds exactly that many needs.
        var reopen = await ProblemAsync(await PutStatusAsync(admin, fiji, "Open"), HttpStatusCode.Conflict);
        Assert.True(reopen.GetProperty("errors").TryGetProperty("status", out _));
        foreach (var row in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/technical-assistance/unmet?by=area")).EnumerateArray()
            .Concat((await admin.GetFromJsonAsync<JsonElement>("/api/v1/technical-assistance/unmet?by=region")).EnumerateArray()))
        {
            var link = row.GetProperty("needsLink").GetString()!;
            Assert.StartsWith("/technical-assistance?", link, StringComparison.Ordinal);
            var listed = await admin.GetFromJsonAsync<JsonElement>(Needs + link["/technical-assistance".Length..] + "&pageSize=1000");
            Assert.Equal(row.GetProperty("count").GetInt32(), listed.GetProperty("total").GetInt32());
        }

        Assert.Contains(tonga, (await admin.GetFromJsonAsync<JsonElement>(Needs + "?region=AsiaPacific&type=Tools&unmet=true&pageSize=1000"))
            .GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Readers_see_only_the_needs_they_may_and_counts_include_only_those()
    {
        using var admin = await world.SecretariatClientAsync();
        var restricted = await NeedAsync(admin, "NGA", "CaseMentoring", "Secretariat", text: "Restricted need of Nigeria");
        var otherState = await NeedAsync(admin, "GHA", "CaseMentoring", "Secretariat", text: "Restricted need of Ghana");
        var anonymous = world.CreateClient();
        var list = await anonymous.GetStringAsync(Needs + "?pageSize=1000");
        Assert.DoesNotContain(WorldApp.RestrictedNeed, list, StringComparison.Ordinal);
        Assert.DoesNotContain(WorldApp.RestrictedNigeria, list, StringComparison.Ordinal);
        Assert.DoesNotContain(WorldApp.StatesPartiesOnly, list, StringComparison.Ordinal);
        Assert.DoesNotContain("Restricted need of", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{Needs}/{restricted}")).StatusCode);
        var page = await anonymous.GetStringAsync("/technical-assistance?state=NGA");
        Assert.DoesNotContain("Restricted need of", page, StringComparison.Ordinal);

        // Counts only the needs the reader may see: the anonymous public does not learn that restricted needs exist.
        var publicCount = (await UnmetAsync(anonymous, "type")).GetValueOrDefault("CaseMentoring");
        var allCount = (await UnmetAsync(admin, "type"))["CaseMentoring"];
        var hidden = await _driver.QueryAsync(db => db.Set<AssistanceNeed>().CountAsync(n => n.Type == AssistanceType.CaseMentoring && n.Visibility != RecoveryWatch.ReferenceData.Visibility.Public
            && (n.Status == NeedStatus.Open || n.Status == NeedStatus.InProgress)));
        Assert.Equal(allCount - hidden, publicCount);

        // Nigeria's focal point sees Nigeria's restricted needs, not Ghana's, and edits none.
        using var focal = await world.BearerClientAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await focal.GetAsync($"{Needs}/{restricted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await focal.GetAsync($"{Needs}/{otherState}")).StatusCode);
        var own = await focal.GetStringAsync(Needs + "?state=NGA&pageSize=1000");
        Assert.Contains(WorldApp.RestrictedNigeria, own, StringComparison.Ordinal);
        Assert.DoesNotContain(WorldApp.RestrictedNeed, await focal.GetStringAsync(Needs + "?pageSize=1000"), StringComparison.Ordinal);
        var stored = await focal.GetStringAsync($"{Needs}/{restricted}");
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PutAsync($"{Needs}/{restricted}", Json(stored))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsync(Needs, Json(stored))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsync(Activities, Json("{}"))).StatusCode);
        using var form = await _driver.SignedInFormAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        var edit = await form.Http.GetAsync($"/technical-assistance/needs/edit/{restricted}");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.StartsWith("/account/denied", edit.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_GET_returns_PUT_takes_back_unchanged_and_changes_nothing()
    {
        using var admin = await world.SecretariatClientAsync();
        var id = await NeedAsync(admin, "BOL", "LegalAdvice", "StatesParties");
        var read = await admin.GetStringAsync($"{Needs}/{id}");
        var audits = await _driver.QueryAsync(db => db.AuditEntries.CountAsync());
        var put = await admin.PutAsync($"{Needs}/{id}", Json(read));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(read, await put.Content.ReadAsStringAsync());
        Assert.Equal(audits, await _driver.QueryAsync(db => db.AuditEntries.CountAsync()));

        // A changed field is one write; the stale version it was read with is then a 409 naming the version.
        var changed = JsonNode.Parse(read)!;
        changed["priority"] = "Low";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"{Needs}/{id}", Json(changed.ToJsonString()))).StatusCode);
        var stale = await ProblemAsync(await admin.PutAsync($"{Needs}/{id}", Json(changed.ToJsonString())), HttpStatusCode.Conflict);
        Assert.True(stale.GetProperty("errors").TryGetProperty("version", out _));
        changed["state"] = "PER";
        changed["version"] = (await admin.GetFromJsonAsync<JsonElement>($"{Needs}/{id}")).GetProperty("version").GetInt32();
        var moved = await ProblemAsync(await admin.PutAsync($"{Needs}/{id}", Json(changed.ToJsonString())), HttpStatusCode.BadRequest);
        Assert.True(moved.GetProperty("errors").TryGetProperty("state", out _));
        Assert.Equal(audits + 1, await _driver.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Eight_status_changes_at_once_make_one_transition_and_one_audit_entry()
    {
        using var admin = await world.SecretariatClientAsync();
        var id = await NeedAsync(admin, "URY", "Training");
        var read = JsonNode.Parse(await admin.GetStringAsync($"{Needs}/{id}"))!;
        read["status"] = "InProgress";
        var body = read.ToJsonString();
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => world.SecretariatClientAsync()));
        var responses = await CollectionDriver.AtOnceAsync(8, i => clients[i].PutAsync($"{Needs}/{id}", Json(body)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await _driver.AuditCountAsync("update", nameof(AssistanceNeed), id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var stored = await admin.GetFromJsonAsync<JsonElement>($"{Needs}/{id}");
        Assert.Equal("InProgress", stored.GetProperty("status").GetString());
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        await _driver.AssertAuditIntactAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task An_activity_answering_a_need_moves_it_only_when_told()
    {
        using var admin = await world.SecretariatClientAsync();
        var marked = await NeedAsync(admin, "PRY", "Training");
        var untouched = await NeedAsync(admin, "PRY", "Tools");
        var response = await admin.PostAsync(Activities, Json($$"""
            {"title":"Workshop on asset tracing","provider":"UNODC","startDate":"2024-05-06","endDate":"2024-05-06","description":"One day.",
             "states":["PRY","BOL"],"needs":[{"id":{{marked}},"markAs":"Met"},{"id":{{untouched}}}]}
            """));
        var activity = await CollectionDriver.CreatedIdAsync(response);
        Assert.Equal("Met", (await admin.GetFromJsonAsync<JsonElement>($"{Needs}/{marked}")).GetProperty("status").GetString());
        var other = await admin.GetFromJsonAsync<JsonElement>($"{Needs}/{untouched}");
        Assert.Equal("Open", other.GetProperty("status").GetString());
        Assert.Contains(activity, other.GetProperty("activities").EnumerateArray().Select(a => a.GetInt32()));
        Assert.Equal(1, await _driver.AuditCountAsync("answered-by-activity", nameof(AssistanceNeed), marked.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, await _driver.AuditCountAsync("create", nameof(AssistanceActivity), activity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var listed = await world.CreateClient().GetFromJsonAsync<JsonElement>(Activities + "?state=PRY");
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(["BOL", "PRY"], item.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task The_workbook_carries_area_type_and_priority_with_drop_downs_and_validation_records_each_need_once()
    {
        var round = await _driver.RoundAsync("TA-" + world.Kind, "ECU");
        using var focal = await _driver.FocalPointAsync("ECU");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=ECU&lang=es");
        using (var book = SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            var needs = WorkbookFiller.Sheet(book, "AssistanceNeeds").Elements<Row>().First().Elements<Cell>().Select(c => c.InnerText).ToList();
            Assert.Equal(["area", "type", "priority", "description"], needs);
            var part = (WorksheetPart)book.WorkbookPart!.GetPartById(book.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "AssistanceNeeds").Id!);
            var validated = part.Worksheet.Descendants<DataValidation>().Select(v => v.SequenceOfReferences!.InnerText![..2]).ToList();
            Assert.Contains("A3", validated);
            Assert.Contains("B3", validated);
            Assert.Contains("C3", validated);
            Assert.Contains("Ámbito de asistencia", part.Worksheet.InnerText, StringComparison.Ordinal);
        }

        byte[] Fill(params string?[][] needs) => WorkbookFiller.Fill(template, [[null, "EC-1", "Ecuador case", "USA", "Requesting", "Art17", "", ""]],
            [["EC-1", "Frozen", "BankFunds", "1000", "USD", "2015", null, null]], book => WorkbookFiller.AppendRows(book, "AssistanceNeeds", needs));

        // Bad cells are named in the uploader's language, nothing is stored.
        var bad = await CollectionDriver.UploadAsync(focal, round, "ECU", Fill(["Cooking", "Lunch", "Urgent", ""]));
        var problem = await ProblemAsync(bad, HttpStatusCode.BadRequest);
        foreach (var cell in new[] { "AssistanceNeeds!A3", "AssistanceNeeds!B3", "AssistanceNeeds!C3", "AssistanceNeeds!D3" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(cell, out _), $"{cell}: {problem}");
        }

        Assert.Equal(0, await _driver.QueryAsync(db => db.Submissions.CountAsync(s => s.RoundId == round)));

        // A first answer, superseded by a second that repeats the same need and adds one: validation records two needs.
        string?[] tracing = ["AssetTracing", "Training", "High", "Training of investigators in Quito"];
        Assert.Equal(HttpStatusCode.Created, (await CollectionDriver.UploadAsync(focal, round, "ECU", Fill(tracing))).StatusCode);
        var second = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "ECU", Fill(tracing, ["LegislativeDrafting", "LegalAdvice", "", "Advice on a draft law"]), replace: true));
        using var admin = await world.SecretariatClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/submissions/{second}/validate", null)).StatusCode);
        var recorded = (await admin.GetFromJsonAsync<JsonElement>(Needs + "?state=ECU&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, n => Assert.Equal(second, n.GetProperty("submissionId").GetInt32()));
        Assert.Equal(["AssistanceNeeds!A3", "AssistanceNeeds!A4"], recorded.Select(n => n.GetProperty("sourceCell").GetString()).Order());
        Assert.Contains(recorded, n => n.GetProperty("priority").GetString() == "Medium");

        // The next round's answer repeating an unmet need does not record it twice.
        var next = await _driver.RoundAsync("TA2-" + world.Kind, "ECU");
        var nextTemplate = await focal.GetByteArrayAsync($"/api/v1/rounds/{next}/template.xlsx?state=ECU");
        var again = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, next, "ECU",
            WorkbookFiller.Fill(nextTemplate, [], [], book => WorkbookFiller.AppendRows(book, "AssistanceNeeds", [tracing]))));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/submissions/{again}/validate", null)).StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>(Needs + "?state=ECU")).GetProperty("total").GetInt32());

        // Ecuador's focal point reads its own restricted needs; the public does not.
        Assert.Equal(2, (await focal.GetFromJsonAsync<JsonElement>(Needs + "?state=ECU")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await world.CreateClient().GetFromJsonAsync<JsonElement>(Needs + "?state=ECU")).GetProperty("total").GetInt32());
        await _driver.AssertAuditIntactAsync();
    }

    [Fact]
    public async Task The_Secretariat_records_and_moves_a_need_through_the_form_without_JavaScript()
    {
        using var form = await _driver.SignedInFormAsync(WorldApp.AnalystEmail, WorldApp.UserPassword);
        var created = await form.PostFormAsync("/technical-assistance/needs/edit", new Dictionary<string, string>
        {
            ["Input.State"] = "CRI", ["Input.Area"] = "AssetManagement", ["Input.Type"] = "CaseMentoring", ["Input.Priority"] = "Low",
            ["Input.Status"] = "Open", ["Input.Description"] = "Mentoring on managing seized companies", ["Input.Visibility"] = "Public",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/technical-assistance/needs/edit/", location, StringComparison.Ordinal);
        var fields = await form.ReadFormAsync(location);
        fields.RemoveAll(f => f.Key == "Input.Status");
        fields.Add(new("Input.Status", "Withdrawn"));
        var moved = await form.Http.PostAsync(location.Split('?')[0], new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var page = await form.Http.GetStringAsync("/technical-assistance?state=CRI");
        Assert.Contains("Mentoring on managing seized companies", page, StringComparison.Ordinal);

        var bad = await form.PostFormAsync("/technical-assistance/needs/edit", new Dictionary<string, string>
        {
            ["Input.State"] = "CRI", ["Input.Area"] = "AssetManagement", ["Input.Type"] = "Lunch", ["Input.Priority"] = "Low", ["Input.Description"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("field-error", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteTechnicalAssistanceTests(SqliteWorld world) : TechnicalAssistanceTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresTechnicalAssistanceTests(PostgresWorld world) : TechnicalAssistanceTests(world), IClassFixture<PostgresWorld>;
