using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Meetings;

/// <summary>The 14th meeting of the Working Group, loaded from the seed, as the API, the calendar and the Word agenda give it.</summary>
public abstract class MeetingApiTests(RecoveryWatchApp app)
{
    private const string Agenda = "CAC/COSP/WG.2/2020/1";

    private async Task<int> MeetingIdAsync()
    {
        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/meetings");
        return list.EnumerateArray().Single(m => m.GetProperty("body").GetString() == "CAC/COSP/WG.2" && m.GetProperty("ordinal").GetInt32() == 14).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Fourteenth_meeting_matches_the_seed()
    {
        var id = await MeetingIdAsync();
        var m = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}?lang=en");
        Assert.Equal("Europe/Vienna", m.GetProperty("timeZone").GetString());
        Assert.Equal("Hybrid", m.GetProperty("format").GetString());
        Assert.Equal(DateTimeOffset.Parse("2020-11-16T15:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), m.GetProperty("opensAt").GetDateTimeOffset());
        Assert.Equal(["1/4", "7/1", "8/1", "8/9"], m.GetProperty("mandates").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(Agenda, m.GetProperty("agendaSymbol").GetString());

        var items = m.GetProperty("agenda").EnumerateArray().ToList();
        Assert.Equal(["1", "1 (a)", "1 (b)", "2", "3", "4", "4 (a)", "4 (b)", "5", "6"], items.Select(i => i.GetProperty("label").GetString()));
        Assert.Equal("Technical assistance", items[8].GetProperty("title").GetString());
        Assert.Equal(["CAC/COSP/WG.2/2020/2"], items[2].GetProperty("documents").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("CAC/COSP/IRG/2020/6", items[7].GetProperty("documents").EnumerateArray().Select(d => d.GetString()));

        var slots = m.GetProperty("organizationOfWork").EnumerateArray().ToList();
        Assert.Equal(5, slots.Count);
        Assert.Equal(
            ["2020-11-16T15:00:00+01:00", "2020-11-17T11:00:00+01:00", "2020-11-17T15:00:00+01:00", "2020-11-18T11:00:00+01:00", "2020-11-18T15:00:00+01:00"],
            slots.Select(s => s.GetProperty("start").GetDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(2), s.GetProperty("end").GetDateTimeOffset() - s.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(["1 (a)", "1 (b)", "2"], slots[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["3"], slots[1].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["4 (a)", "4 (b)"], slots[2].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["5"], slots[3].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["5", "6"], slots[4].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["5"], slots[4].GetProperty("continued").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["a", "a", "a", "b", "b"], slots.Select(s => s.GetProperty("footnotes")[0].GetString()));

        var joint = m.GetProperty("jointSittings").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], joint[0].GetProperty("items").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal([5], joint[1].GetProperty("items").EnumerateArray().Select(i => i.GetInt32()));
        var partners = joint[1].GetProperty("partners").EnumerateArray().Select(p => $"{p.GetProperty("body").GetString()} item {p.GetProperty("item").GetString()}").ToList();
        Assert.Equal(["CAC/COSP/IRG item 5", "CAC/COSP/EG.1 item 3"], partners);
    }

    [Fact]
    public async Task Agenda_is_served_in_Chinese_as_the_seed_has_it()
    {
        var id = await MeetingIdAsync();
        var m = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}?lang=zh");
        Assert.Equal("zh", m.GetProperty("language").GetString());
        var titles = m.GetProperty("agenda").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Equal("组织事项", titles[0]!.TrimEnd('：', ':'));
        Assert.Equal("技术援助", titles[8]!.TrimEnd('。'));
        Assert.Contains("默许程序", m.GetProperty("agenda")[9].GetProperty("annotation").GetString(), StringComparison.Ordinal);
        Assert.Equal(["en", "zh"], m.GetProperty("availableLanguages").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Calendar_has_five_events_in_Vienna_time_with_stable_uids()
    {
        var id = await MeetingIdAsync();
        var first = Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync($"/api/v1/meetings/{id}/calendar.ics"))!;
        var events = first.Events.OrderBy(e => e.Start!.Value).ToList();
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal("Europe/Vienna", e.Start!.TzId));
        Assert.Equal([15, 11, 15, 11, 15], events.Select(e => e.Start!.Value.Hour));
        Assert.Equal([16, 17, 17, 18, 18], events.Select(e => e.Start!.Value.Day));
        Assert.All(events, e => Assert.Equal(0, e.Sequence));
        Assert.Equal(new DateTime(2020, 11, 16, 14, 0, 0, DateTimeKind.Utc), events[0].Start!.AsUtc);

        // Moving a slot keeps its UID and raises its SEQUENCE, so calendars update the event instead of adding one.
        await app.WithDbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Slots).SingleAsync(m => m.Id == id);
            var slot = meeting.Slots.OrderBy(s => s.StartsAt).Last();
            slot.Reschedule(slot.StartsAt.AddMinutes(30), slot.EndsAt.AddMinutes(30));
            await db.SaveChangesAsync();
        });
        try
        {
            var second = Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync($"/api/v1/meetings/{id}/calendar.ics"))!;
            var moved = second.Events.Single(e => e.Uid == events[4].Uid);
            Assert.Equal(1, moved.Sequence);
            Assert.Equal(15, moved.Start!.Value.Hour);
            Assert.Equal(30, moved.Start!.Value.Minute);
            Assert.Equal(events.Select(e => e.Uid).Order(), second.Events.Select(e => e.Uid).Order());
        }
        finally
        {
            // The seed is shared by the fixture's other tests: put the slot back even when an assertion fails.
            await app.WithDbAsync(async db =>
            {
                var meeting = await db.Meetings.Include(m => m.Slots).SingleAsync(m => m.Id == id);
                var slot = meeting.Slots.OrderBy(s => s.StartsAt).Last();
                slot.Reschedule(slot.StartsAt.AddMinutes(-30), slot.EndsAt.AddMinutes(-30));
                await db.SaveChangesAsync();
            });
        }
    }

    [Theory]
    [InlineData("en", "Annotated provisional agenda", "Technical assistance")]
    [InlineData("zh", "临时议程说明", "技术援助")]
    public async Task Word_agenda_parses_back_to_the_same_items_and_annex(string language, string title, string item5)
    {
        var id = await MeetingIdAsync();
        var bytes = await app.CreateClient().GetByteArrayAsync($"/api/v1/meetings/{id}/agenda.docx?lang={language}");
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = word.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();
        string Styled(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? string.Empty;
        Assert.Contains(paragraphs, p => Styled(p) == "Title" && p.InnerText.StartsWith(title, StringComparison.Ordinal));
        var agendaItems = paragraphs.Where(p => Styled(p) == "AgendaItem").Select(p => p.InnerText).ToList();
        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}?lang={language}");
        var titles = agendaItems.Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"^(\d+\.|\([a-z]\))", string.Empty)).ToList();
        Assert.Equal(api.GetProperty("agenda").EnumerateArray().Select(i => i.GetProperty("title").GetString()), titles);
        Assert.Contains(agendaItems, t => t.EndsWith(item5, StringComparison.Ordinal) || t.EndsWith(item5 + "。", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.InnerText.Contains("CAC/COSP/WG.2/2020/4", StringComparison.Ordinal));
        var annex = body.Elements<Table>().Last();
        Assert.Equal(6, annex.Elements<TableRow>().Count());
        Assert.Equal(2, paragraphs.Count(p => Styled(p) == "Footnote"));
    }

    [Fact]
    public async Task Document_by_symbol_has_its_versions_and_reissue()
    {
        var response = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/documents/" + Uri.EscapeDataString(Agenda));
        Assert.Equal(Agenda, response.GetProperty("symbol").GetString());
        Assert.Equal("2020-11-02", response.GetProperty("reissuedOn").GetString());
        var versions = response.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["zh", "en"], versions.Select(v => v.GetProperty("language").GetString()));
        var zh = versions.Single(v => v.GetProperty("language").GetString() == "zh");
        var file = await app.CreateClient().GetAsync(zh.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal(zh.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Contains("临时议程", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CAC/COSP/WG.2/2020", 400)]
    [InlineData("cac/cosp/wg.2/2020/1", 400)]
    [InlineData("CAC/COSP/WG.2/2020/99", 404)]
    public async Task Bad_or_unknown_symbol(string symbol, int status)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/documents/" + Uri.EscapeDataString(symbol));
        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            Assert.Contains("\"symbol\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Why_a_symbol_is_refused_is_said_in_the_readers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents/" + Uri.EscapeDataString("CAC/COSP/WG.2/2020"));
        request.Headers.AcceptLanguage.ParseAdd("fr");
        var problem = await (await app.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("symbol")[0].GetString();
        Assert.Contains("numéro de document", message, StringComparison.Ordinal);
        Assert.DoesNotContain("document number", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secretariat_uploads_a_language_version_that_is_served_back()
    {
        var content = new MultipartFormDataContent();
        var bytes = "%PDF-1.4 French version of the workplan"u8.ToArray();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", "V2005678_F.pdf");
        var path = "/api/v1/documents/" + Uri.EscapeDataString("CAC/COSP/WG.2/2020/2") + "/fr";
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync(path, content)).StatusCode);
        using var client = await app.SecretariatClientAsync();
        var uploaded = await client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(bytes, await app.CreateClient().GetByteArrayAsync(path));
        await app.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "upload" && a.EntityId == "CAC/COSP/WG.2/2020/2")));
    }

    [Fact]
    public async Task Delegation_registers_its_own_participants_only()
    {
        var id = await MeetingIdAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(
                new SaveUserRequest { Email = "register.fra@recoverywatch.test", Role = Roles.Delegate, States = ["FRA"] }, "Delegate-password-2026", "test");
        }

        using var delegateClient = await app.BearerClientAsync("register.fra@recoverywatch.test", "Delegate-password-2026");
        var ok = await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{id}/participants", new { state = "FRA", name = "Jeanne Martin", mode = "Online" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var other = await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{id}/participants", new { state = "DEU", name = "Hans Weber", mode = "InPerson" });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("\"state\"", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // An address too long for its column is a field error, not a database failure.
        var longEmail = await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{id}/participants", new { state = "FRA", name = "Long Address", mode = "Online", email = new string('a', 250) + "@example.org" });
        Assert.Equal(HttpStatusCode.BadRequest, longEmail.StatusCode);
        Assert.Contains("\"email\"", await longEmail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/meetings/{id}/participants", new { state = "FRA", name = "X" })).StatusCode);

        using var secretariat = await app.SecretariatClientAsync();
        var list = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}/participants");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("name").GetString() == "Jeanne Martin" && p.GetProperty("mode").GetString() == "Online");
    }

    [Fact]
    public async Task Agenda_is_adopted_once_and_amendments_are_kept()
    {
        var id = await MeetingIdAsync();
        using var secretariat = await app.SecretariatClientAsync();
        var amended = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{id}/agenda/amendments", new { text = "Item 4 (b) to be taken up before item 4 (a)." });
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var adopted = await secretariat.PostAsync($"/api/v1/meetings/{id}/agenda/adopt", null);
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        var view = await adopted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Adopted", view.GetProperty("agendaStatus").GetString());
        var again = await secretariat.PostAsync($"/api/v1/meetings/{id}/agenda/adopt", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("agendaStatus", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await secretariat.PostAsJsonAsync($"/api/v1/meetings/{id}/agenda/amendments", new { text = "Item 5 continued on Thursday." });
        var after = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        var amendments = after.GetProperty("amendments").EnumerateArray().ToList();
        Assert.Equal(["Provisional", "Adopted"], amendments.TakeLast(2).Select(a => a.GetProperty("agendaStatusAtTheTime").GetString()));
        await app.WithDbAsync(async db => Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "amend-agenda")));
    }

    [Fact]
    public async Task Meeting_page_shows_agenda_in_Chinese_and_the_organization_of_work()
    {
        var id = await MeetingIdAsync();
        var html = await app.CreateClient().GetStringAsync($"/meetings/{id}?lang=zh&culture=en");
        Assert.Contains("资产追回的实际方面", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh\"", html, StringComparison.Ordinal);
        Assert.Contains("Organization of work", html, StringComparison.Ordinal);
        Assert.Contains("CAC/COSP/WG.2/2020/4", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteMeetingApiTests(SqliteApp app) : MeetingApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresMeetingApiTests(PostgresApp app) : MeetingApiTests(app), IClassFixture<PostgresApp>;
