using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Auditing;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>Focal points of Nigeria and Kenya, a delegate of France and an analyst, for the good practices.</summary>
public class PracticeApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public const string Password = "Practice-password-2026";
    public const string NigeriaEmail = "focal.nga.practices@recoverywatch.test";
    public const string KenyaEmail = "focal.ken.practices@recoverywatch.test";
    public const string DelegateEmail = "delegate.fra.practices@recoverywatch.test";

    protected override async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
        await users.CreateAsync(new SaveUserRequest { Email = NigeriaEmail, Role = Roles.FocalPoint, States = ["NGA"] }, Password, "test");
        await users.CreateAsync(new SaveUserRequest { Email = KenyaEmail, Role = Roles.FocalPoint, States = ["KEN"] }, Password, "test");
        await users.CreateAsync(new SaveUserRequest { Email = DelegateEmail, Role = Roles.Delegate, States = ["FRA"] }, Password, "test");
    }
}

public sealed class SqlitePracticeApp() : PracticeApp(DatabaseKind.Sqlite);

public sealed class PostgresPracticeApp() : PracticeApp(DatabaseKind.Postgres);

/// <summary>
/// The good practices end to end over HTTP, on each engine: the publication workflow and what anonymous readers see at each
/// step (page, API, feed, search, files), State scoping, rendering, search in any script, a race of publications, limits,
/// the symmetric API and attachments.
/// </summary>
public abstract class GoodPracticeTests(PracticeApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    private static JsonObject Practice(string title, string? state = null, string body = "Some **bold** practice.") => new()
    {
        ["title"] = title,
        ["summary"] = "Summary of " + title,
        ["body"] = body,
        ["state"] = state,
        ["language"] = "en",
        ["stages"] = new JsonArray("Frozen"),
        ["routes"] = new JsonArray("Art54_1a"),
        ["challenges"] = new JsonArray("DualCriminality"),
    };

    private Task<HttpClient> FocalAsync(string email = PracticeApp.NigeriaEmail) => English(app.BearerClientAsync(email, PracticeApp.Password));

    private static async Task<HttpClient> English(Task<HttpClient> signingIn)
    {
        var client = await signingIn;
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        return client;
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject practice)
    {
        var response = await client.PostAsync("/api/v1/good-practices", Json(practice));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> StepAsync(HttpClient client, int id, string step, int version) =>
        await client.PostAsync($"/api/v1/good-practices/{id}/{step}", Json(new JsonObject { ["version"] = version }));

    private static async Task<JsonElement> StepOkAsync(HttpClient client, int id, string step, int version)
    {
        var response = await StepAsync(client, id, step, version);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<int> AuditCountAsync(string? action = null, int? id = null)
    {
        var count = 0;
        var key = id?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.WithDbAsync(async db => count = await db.AuditEntries.CountAsync(a => (action == null || a.Action == action) && (key == null || (a.EntityType == "GoodPractice" && a.EntityId == key))));
        return count;
    }

    /// <summary>Whether an anonymous reader finds <paramref name="marker"/> anywhere: the page, the list page's search, the
    /// API list and detail, the feed, the attachment.</summary>
    private async Task<List<string>> AnonymousSightingsAsync(int id, string marker, int? attachment = null)
    {
        var anonymous = app.CreateClient();
        var seen = new List<string>();
        var page = await anonymous.GetAsync($"/good-practices/{id}");
        if (page.StatusCode != HttpStatusCode.NotFound || (await page.Content.ReadAsStringAsync()).Contains(marker, StringComparison.Ordinal))
        {
            seen.Add($"page {(int)page.StatusCode}");
        }

        // The list page repeats the search in its box: there, the practice is found if it is linked.
        if ((await anonymous.GetStringAsync("/good-practices?q=" + Uri.EscapeDataString(marker))).Contains($"href=\"/good-practices/{id}\"", StringComparison.Ordinal))
        {
            seen.Add("/good-practices?q=" + marker);
        }

        foreach (var url in new[] { "/good-practices", "/api/v1/good-practices?q=" + Uri.EscapeDataString(marker),
                     "/api/v1/good-practices?pageSize=100", "/api/v1/good-practices?status=Draft", "/api/v1/good-practices?status=Submitted&mine=true", "/good-practices/feed.atom" })
        {
            if ((await anonymous.GetStringAsync(url)).Contains(marker, StringComparison.Ordinal))
            {
                seen.Add(url);
            }
        }

        var api = await anonymous.GetAsync($"/api/v1/good-practices/{id}");
        if (api.StatusCode != HttpStatusCode.NotFound)
        {
            seen.Add($"api {(int)api.StatusCode}");
        }

        if (attachment is { } file && (await anonymous.GetAsync($"/api/v1/good-practices/attachments/{file}")).StatusCode != HttpStatusCode.NotFound)
        {
            seen.Add("attachment");
        }

        return seen;
    }

    [Fact]
    public async Task Only_a_published_practice_reaches_anonymous_readers_in_pages_API_feed_search_and_files()
    {
        const string marker = "WORKFLOW-MARKER-7731";
        using var focal = await FocalAsync();
        using var secretariat = await English(app.SecretariatClientAsync());
        var created = await CreateAsync(focal, Practice(marker + " joint investigation teams"));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("NGA", created.GetProperty("state").GetString());
        Assert.Equal("Draft", created.GetProperty("status").GetString());
        var upload = await focal.PostAsync($"/api/v1/good-practices/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "guide.pdf" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var attachment = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Empty(await AnonymousSightingsAsync(id, marker, attachment));

        var version = (await focal.GetFromJsonAsync<JsonElement>($"/api/v1/good-practices/{id}")).GetProperty("version").GetInt32();
        var submitted = await StepOkAsync(focal, id, "submit", version);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.Empty(await AnonymousSightingsAsync(id, marker, attachment));

        // A delegate, too, reads published practices only.
        using var delegateClient = await FocalAsync(PracticeApp.DelegateEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await delegateClient.GetAsync($"/api/v1/good-practices/{id}")).StatusCode);

        var published = await StepOkAsync(secretariat, id, "publish", submitted.GetProperty("version").GetInt32());
        Assert.Equal("Published", published.GetProperty("status").GetString());
        var seen = await AnonymousSightingsAsync(id, marker, attachment);
        Assert.Contains("page 200", seen);
        Assert.Contains("api 200", seen);
        Assert.Contains("/good-practices/feed.atom", seen);
        Assert.Contains("/api/v1/good-practices?q=" + marker, seen);
        Assert.Contains("/good-practices?q=" + marker, seen);
        Assert.Contains("attachment", seen);
        var anonymousView = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/good-practices/{id}");
        Assert.False(anonymousView.TryGetProperty("createdBy", out _), "The author's account is not public.");

        var withdrawn = await StepOkAsync(secretariat, id, "withdraw", published.GetProperty("version").GetInt32());
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Empty(await AnonymousSightingsAsync(id, marker, attachment));

        // Back to draft to rework, by its own focal point; still unseen.
        var reworked = await StepOkAsync(focal, id, "rework", withdrawn.GetProperty("version").GetInt32());
        Assert.Equal("Draft", reworked.GetProperty("status").GetString());
        Assert.Empty(await AnonymousSightingsAsync(id, marker, attachment));
        Assert.Equal(["create", "attach", "submit", "publish", "withdraw", "rework"], await ActionsAsync(id));
    }

    private async Task<List<string>> ActionsAsync(int id)
    {
        List<string> actions = [];
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.WithDbAsync(async db => actions = await db.AuditEntries.Where(a => a.EntityType == "GoodPractice" && a.EntityId == key)
            .OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
        return actions;
    }

    [Fact]
    public async Task A_focal_point_cannot_touch_another_States_practice()
    {
        using var nigeria = await FocalAsync();
        using var kenya = await FocalAsync(PracticeApp.KenyaEmail);
        using var secretariat = await English(app.SecretariatClientAsync());
        var created = await CreateAsync(nigeria, Practice("Nigerian draft practice"));
        var id = created.GetProperty("id").GetInt32();
        var version = created.GetProperty("version").GetInt32();
        var before = await AuditCountAsync();

        // Unpublished: Kenya cannot even learn it exists.
        Assert.Equal(HttpStatusCode.NotFound, (await kenya.GetAsync($"/api/v1/good-practices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kenya.PutAsync($"/api/v1/good-practices/{id}", Json(Practice("Hijacked")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(kenya, id, "submit", version)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(kenya, id, "withdraw", version)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kenya.PostAsync($"/api/v1/good-practices/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "x.pdf" } })).StatusCode);
        Assert.DoesNotContain("Nigerian draft practice", await kenya.GetStringAsync("/api/v1/good-practices?mine=true"), StringComparison.Ordinal);
        Assert.DoesNotContain("Nigerian draft practice", await kenya.GetStringAsync("/api/v1/good-practices?status=Draft"), StringComparison.Ordinal);

        // Writing for Nigeria is refused naming the State.
        var forNigeria = await kenya.PostAsync("/api/v1/good-practices", Json(Practice("Kenya writes for Nigeria", "NGA")));
        Assert.Equal(HttpStatusCode.BadRequest, forNigeria.StatusCode);
        Assert.True((await forNigeria.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("state", out _));

        // A focal point does not publish, even its own.
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(nigeria, id, "publish", version)).StatusCode);

        // Published: Kenya reads it but may not change it; Nigeria may no longer edit or withdraw it either.
        var published = await StepOkAsync(secretariat, id, "publish", version);
        var current = published.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await kenya.GetAsync($"/api/v1/good-practices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kenya.PutAsync($"/api/v1/good-practices/{id}", Json(Practice("Hijacked")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(kenya, id, "withdraw", current)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(nigeria, id, "withdraw", current)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nigeria.PutAsync($"/api/v1/good-practices/{id}", Json(Practice("Edited after publication")))).StatusCode);

        // Pages say the same: no edit form of another State's practice.
        using var form = FormClient.Create(app);
        await form.SignInAsync(PracticeApp.KenyaEmail, PracticeApp.Password);
        var edit = await form.Http.GetAsync($"/good-practices/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", edit.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await AuditCountAsync());
    }

    [Fact]
    public async Task Markdown_payloads_reach_the_page_API_and_feed_harmless()
    {
        using var secretariat = await English(app.SecretariatClientAsync());
        var body = "XSS-PAGE-MARKER\n\n" + string.Join("\n\n", PracticeMarkdownTests.PayloadList);
        var created = await CreateAsync(secretariat, Practice("Payloads", body: body));
        var id = created.GetProperty("id").GetInt32();
        await StepOkAsync(secretariat, id, "publish", created.GetProperty("version").GetInt32());

        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/good-practices/{id}");
        Assert.Equal(body.Replace("\r", "", StringComparison.Ordinal), api.GetProperty("body").GetString());
        PracticeMarkdownTests.AssertHarmless(api.GetProperty("bodyHtml").GetString()!);

        var page = await app.CreateClient().GetStringAsync($"/good-practices/{id}");
        var start = page.IndexOf("<div class=\"practice-body\"", StringComparison.Ordinal);
        var end = page.IndexOf("<dl class=\"practice-tags\">", start, StringComparison.Ordinal);
        var rendered = page[start..end];
        Assert.Contains("XSS-PAGE-MARKER", rendered, StringComparison.Ordinal);
        PracticeMarkdownTests.AssertHarmless(rendered[rendered.IndexOf('>', StringComparison.Ordinal)..]);

        var feed = XDocument.Parse(await app.CreateClient().GetStringAsync("/good-practices/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == "Payloads");
        PracticeMarkdownTests.AssertHarmless(entry.Element(atom + "content")!.Value);
    }

    [Theory]
    [InlineData("zh", "建立资产追回协调机制以便迅速冻结", "协调机制")]
    [InlineData("ar", "إنشاء آلية تنسيق لاسترداد الموجودات المنهوبة", "آلية تنسيق")]
    [InlineData("ru", "Межведомственная группа по ВОЗВРАТУ активов", "возврату")]
    [InlineData("fr", "Gestion des avoirs saisis ÉLABORÉE par l'agence", "élaborée")]
    public async Task A_search_in_any_script_and_case_finds_the_practice(string language, string title, string query)
    {
        using var secretariat = await English(app.SecretariatClientAsync());
        var practice = Practice(title + " " + language);
        practice["language"] = language;
        var created = await CreateAsync(secretariat, practice);
        var id = created.GetProperty("id").GetInt32();
        await StepOkAsync(secretariat, id, "publish", created.GetProperty("version").GetInt32());

        var anonymous = app.CreateClient();
        var found = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/good-practices?q=" + Uri.EscapeDataString(query) + "&language=" + language);
        Assert.Contains(id, found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        var page = await anonymous.GetStringAsync("/good-practices?q=" + Uri.EscapeDataString(query));
        Assert.Contains($"href=\"/good-practices/{id}\"", page, StringComparison.Ordinal);
        var body = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/good-practices?q=" + Uri.EscapeDataString("bold practice") + "&stage=Frozen&route=Art54_1a&challenge=DualCriminality");
        Assert.Contains(id, body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Eight_parallel_publications_store_one_publication_and_one_audit_entry()
    {
        using var secretariat = await English(app.SecretariatClientAsync());
        var created = await CreateAsync(secretariat, Practice("Raced practice"));
        var id = created.GetProperty("id").GetInt32();
        var version = created.GetProperty("version").GetInt32();
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => English(app.SecretariatClientAsync())));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = clients.Select(async c =>
        {
            await gate.Task;
            return await StepAsync(c, id, "publish", version);
        }).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(running);
        var all = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, all);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 7, all);
        Assert.Equal(1, await AuditCountAsync("publish", id));
        await using var scope = app.Services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync();
        Assert.True(verification.Intact, verification.Reason);
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    [Theory]
    [InlineData("title", 301)]
    [InlineData("summary", 2001)]
    [InlineData("body", 50_001)]
    public async Task Over_long_text_is_refused_naming_the_field_and_nothing_is_stored(string field, int length)
    {
        using var focal = await FocalAsync();
        var practice = Practice("Too long");
        practice[field] = new string('x', length);
        var before = await AuditCountAsync();
        var response = await focal.PostAsync("/api/v1/good-practices", Json(practice));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Theory]
    [InlineData("stages[0]", "\"Frozen, Seized\"")]
    [InlineData("routes[0]", "\"Art99\"")]
    [InlineData("challenges[0]", "\"NotAChallenge\"")]
    [InlineData("language", "\"de\"")]
    [InlineData("otherLanguages[0]", "null")]
    [InlineData("state", "\"XXX\"")]
    public async Task A_bad_code_is_refused_naming_the_field(string field, string json)
    {
        using var secretariat = await English(app.SecretariatClientAsync());
        var practice = Practice("Bad code");
        var name = field.Split('[')[0];
        practice[name] = field.EndsWith(']') ? new JsonArray(JsonNode.Parse(json)) : JsonNode.Parse(json);
        var response = await secretariat.PostAsync("/api/v1/good-practices", Json(practice));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task What_GET_returns_can_be_PUT_back_and_changes_nothing()
    {
        using var focal = await FocalAsync();
        var created = await CreateAsync(focal, Practice("Symmetric practice"));
        var id = created.GetProperty("id").GetInt32();
        await focal.PostAsync($"/api/v1/good-practices/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "annex.pdf" } });
        var got = await focal.GetStringAsync($"/api/v1/good-practices/{id}");
        var before = await AuditCountAsync();
        var put = await focal.PutAsync($"/api/v1/good-practices/{id}", new StringContent(got, Encoding.UTF8, "application/json"));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.Equal(before, await AuditCountAsync());
        Assert.Equal(got, await focal.GetStringAsync($"/api/v1/good-practices/{id}"));

        // A change is stored once, and the version read before it is then stale.
        var changed = JsonNode.Parse(got)!.AsObject();
        changed["title"] = "Symmetric practice, revised";
        Assert.Equal(HttpStatusCode.OK, (await focal.PutAsync($"/api/v1/good-practices/{id}", Json(changed))).StatusCode);
        Assert.Equal(before + 1, await AuditCountAsync());
        changed["title"] = "A third title";
        Assert.Equal(HttpStatusCode.Conflict, (await focal.PutAsync($"/api/v1/good-practices/{id}", Json(changed))).StatusCode);
    }

    [Theory]
    [InlineData("notes.html", "<html><script>alert(1)</script></html>")]
    [InlineData("tool.exe", "MZ")]
    [InlineData("fake.pdf", "<html>not a pdf</html>")]
    [InlineData("image.svg", "<svg onload=alert(1)/>")]
    public async Task A_file_of_another_type_is_refused(string name, string content)
    {
        using var focal = await FocalAsync();
        var id = (await CreateAsync(focal, Practice("Attachments " + name))).GetProperty("id").GetInt32();
        var response = await focal.PostAsync($"/api/v1/good-practices/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_an_allowed_one_is_a_download_for_those_who_may_see_it()
    {
        using var focal = await FocalAsync();
        using var secretariat = await English(app.SecretariatClientAsync());
        var created = await CreateAsync(focal, Practice("Downloads"));
        var id = created.GetProperty("id").GetInt32();
        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);
        var tooBig = await focal.PostAsync($"/api/v1/good-practices/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(big), "file", "big.pdf" } });
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);

        var upload = await focal.PostAsync($"/api/v1/good-practices/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "guide.pdf" } });
        var view = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), view.GetProperty("sha256").GetString());
        var url = view.GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(url)).StatusCode);
        using var kenya = await FocalAsync(PracticeApp.KenyaEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await kenya.GetAsync(url)).StatusCode);
        var own = await focal.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("guide.pdf", own.Content.Headers.ContentDisposition?.FileNameStar ?? own.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());

        await StepOkAsync(secretariat, id, "publish", (await focal.GetFromJsonAsync<JsonElement>($"/api/v1/good-practices/{id}")).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_feed_lists_published_practices_newest_first_and_the_list_page_announces_it()
    {
        using var secretariat = await English(app.SecretariatClientAsync());
        foreach (var title in new[] { "Feed first", "Feed second" })
        {
            var created = await CreateAsync(secretariat, Practice(title));
            await StepOkAsync(secretariat, created.GetProperty("id").GetInt32(), "publish", created.GetProperty("version").GetInt32());
        }

        var response = await app.CreateClient().GetAsync("/good-practices/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.True(titles.IndexOf("Feed second") < titles.IndexOf("Feed first") && titles.IndexOf("Feed second") >= 0, string.Join(", ", titles));
        var page = await app.CreateClient().GetStringAsync("/good-practices");
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/good-practices/feed.atom\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workflow_buttons_work_without_JavaScript_with_the_anti_forgery_token()
    {
        using var form = FormClient.Create(app);
        await form.SignInAsync(PracticeApp.NigeriaEmail, PracticeApp.Password);
        var saved = await form.PostFormAsync("/good-practices/edit", new Dictionary<string, string>
        {
            ["Input.State"] = "NGA",
            ["Input.Title"] = "Form-written practice",
            ["Input.Summary"] = "Written in the form",
            ["Input.Body"] = "## Heading\n\nText",
            ["Input.Language"] = "en",
        }, [new("Input.Stages", "Seized"), new("Input.Challenges", "DualCriminality")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.ToString();
        var fields = await form.ReadFormAsync(location, location + "?handler=Step");
        var response = await form.Http.PostAsync(location + "?handler=Step", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Submitted", await form.Http.GetStringAsync(location), StringComparison.Ordinal);

        var tooLong = await form.PostFormAsync("/good-practices/edit", new Dictionary<string, string>
        {
            ["Input.State"] = "NGA", ["Input.Title"] = new string('x', 301), ["Input.Summary"] = "s", ["Input.Body"] = "b", ["Input.Language"] = "en",
        });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("at most 300 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteGoodPracticeTests(SqlitePracticeApp app) : GoodPracticeTests(app), IClassFixture<SqlitePracticeApp>;

public sealed class PostgresGoodPracticeTests(PostgresPracticeApp app) : GoodPracticeTests(app), IClassFixture<PostgresPracticeApp>;
