using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryWatch.Collection;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;
using RecoveryWatch.Meetings;
using RecoveryWatch.Tests.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>
/// The known world, plus something of every kind a read could be tempted to change: an information round with submissions,
/// a registered participant, an uploaded document, a broken silence procedure and one whose deadline has passed without its
/// close being stored (the background sweep is taken out, and the clock moved past the deadline after circulation). Every
/// command that would change the database is recorded.
/// </summary>
public class QuietWorld(DatabaseKind kind) : WorldApp(kind)
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public WriteRecorder Writes { get; } = new();

    public int Meeting { get; private set; }
    public int BrokenProcedure { get; private set; }

    /// <summary>Open as stored, adopted in fact: its deadline passed an hour ago.</summary>
    public int ExpiredProcedure { get; private set; }

    public int Round { get; private set; }
    public int Submission { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.WithoutSilenceSweep();
            services.ConfigureDbContext<RecoveryWatchDbContext>(options => options.AddInterceptors(Writes));
        });
    }

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        await using var scope = Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RecoveryWatchDbContext>();
        await services.GetRequiredService<SeedDemoRound>().HandleAsync();
        Round = await db.Rounds.Where(r => r.Code == SeedDemoRound.Code).Select(r => r.Id).SingleAsync();
        Submission = await db.Submissions.Where(s => s.RoundId == Round).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        Meeting = await db.Meetings.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();

        await services.GetRequiredService<Participation>().RegisterAsync(Meeting, new RegisterParticipantRequest { State = "FRA", Name = "Jeanne Martin", Mode = AttendanceMode.Online }, null, "test");
        using (var file = new MemoryStream(Encoding.UTF8.GetBytes("agenda")))
        {
            await services.GetRequiredService<UploadDocumentVersion>().HandleAsync("CAC/COSP/WG.2/2020/1", "en", "agenda.txt", "text/plain", file, file.Length, "test");
        }

        var silence = services.GetRequiredService<SilenceProcedures>();
        var deadline = Clock.GetUtcNow().AddHours(1);
        BrokenProcedure = (await silence.CirculateAsync(Meeting, "CAC/COSP/WG.2/2020/L.1", deadline, "test")).Id;
        await silence.BreakAsync(BrokenProcedure, "FRA", SilenceBreakKind.Objection, "Paragraph 3 should cite resolution 8/9.", "test");
        ExpiredProcedure = (await silence.CirculateAsync(Meeting, "CAC/COSP/WG.2/2020/L.2", deadline, "test")).Id;
        Clock.Advance(TimeSpan.FromHours(2));
    }
}

public sealed class SqliteQuietWorld() : QuietWorld(DatabaseKind.Sqlite);

public sealed class PostgresQuietWorld() : QuietWorld(DatabaseKind.Postgres);

/// <summary>
/// Reading never writes. Every GET page and endpoint the application maps (from its own endpoint list, as the access matrix
/// does), and every page linked from them, is requested as each role; any INSERT, UPDATE or DELETE it causes fails the test,
/// with the address and the statement. A silence procedure past its deadline is read as adopted without its close being
/// stored: that is for the sweep or the next write.
/// </summary>
public abstract partial class ReadsNeverWriteTests(QuietWorld world)
{
    public enum Role
    {
        Anonymous,
        Admin,
        Analyst,
        FocalPoint,
        Delegate,
    }

    private const int MaxAddresses = 250;

    /// <summary>Requests every address as <paramref name="role"/>, following links, and fails on any write or 5xx.</summary>
    protected async Task CrawlWithoutWritingAsync(Role role)
    {
        using var client = await SignInAsync(role);
        var auditBefore = await CountAuditEntriesAsync();
        var queue = new Queue<string>(await AddressesAsync());
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var failures = new List<string>();
        var answered = 0;
        var visited = 0;
        while (queue.Count > 0 && visited < MaxAddresses)
        {
            var url = queue.Dequeue();
            visited++;
            var before = world.Writes.Count;
            using var response = await client.Http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var writes = world.Writes.Since(before);
            var path = url.Split('?')[0];
            if (writes.Count > 0)
            {
                failures.Add($"GET {url} as {role} ({(int)response.StatusCode}) wrote: {string.Join(" | ", writes.Select(w => w.ReplaceLineEndings(" ")))}");
            }

            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {url} as {role} failed with {(int)response.StatusCode}");
            }

            answered += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                foreach (Match link in Link().Matches(body))
                {
                    var target = WebUtility.HtmlDecode(link.Groups[1].Value);
                    if (Followable(target) && seen.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(answered > 15, $"Only {answered} of {visited} addresses answered 200 as {role}.");
        Assert.Equal(auditBefore, await CountAuditEntriesAsync());
        await AssertExpiredProcedureStoredOpenAsync();
    }

    [Fact]
    public async Task A_procedure_past_its_deadline_reads_as_adopted_everywhere_and_nothing_is_stored()
    {
        var before = world.Writes.Count;
        using var anonymous = world.CreateClient();
        var view = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/silence/{world.ExpiredProcedure}");
        Assert.Equal("Adopted", view.GetProperty("status").GetString());
        Assert.Equal(view.GetProperty("deadline").GetDateTimeOffset(), view.GetProperty("closedAt").GetDateTimeOffset());

        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{world.Meeting}/silence");
        Assert.Equal("Adopted", list.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == world.ExpiredProcedure).GetProperty("status").GetString());
        Assert.Equal("Broken", list.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == world.BrokenProcedure).GetProperty("status").GetString());

        var page = await anonymous.GetStringAsync($"/meetings/{world.Meeting}?culture=en");
        Assert.DoesNotContain("data-status=\"Open\"", page, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Adopted\"", page, StringComparison.Ordinal);

        var letter = await anonymous.GetByteArrayAsync($"/api/v1/silence/{world.ExpiredProcedure}/outcome.docx?lang=en");
        using (var word = WordprocessingDocument.Open(new MemoryStream(letter), false))
        {
            Assert.Contains("The report is therefore adopted", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.Empty(world.Writes.Since(before));
        await AssertExpiredProcedureStoredOpenAsync();
    }

    /// <summary>The old bug: reading closed it. It stays open as stored, with no close audited, until a write or the sweep.</summary>
    private async Task AssertExpiredProcedureStoredOpenAsync() =>
        await world.WithDbAsync(async db =>
        {
            Assert.Equal(SilenceStatus.Open, await db.SilenceProcedures.Where(s => s.Id == world.ExpiredProcedure).Select(s => s.Status).SingleAsync());
            var id = world.ExpiredProcedure.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(["circulate"], await db.AuditEntries.Where(a => a.EntityType == nameof(SilenceProcedure) && a.EntityId == id).Select(a => a.Action).ToListAsync());
        });

    private async Task<int> CountAuditEntriesAsync()
    {
        var count = 0;
        await world.WithDbAsync(async db => count = await db.AuditEntries.CountAsync());
        return count;
    }

    /// <summary>Every GET the application maps, with real identifiers in its route, and a few addresses with the query
    /// strings that choose what they show.</summary>
    private async Task<List<string>> AddressesAsync()
    {
        string adminId;
        await using (var scope = world.Services.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(RecoveryWatchApp.AdminEmail))!.Id;
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cases"] = Number(world.Alpha),
            ["edit"] = Number(world.Alpha),
            ["meetings"] = Number(world.Meeting),
            ["silence"] = Number(world.ExpiredProcedure),
            ["rounds"] = Number(world.Round),
            ["submissions"] = Number(world.Submission),
            ["users"] = adminId,
        };
        var symbol = Uri.EscapeDataString("CAC/COSP/WG.2/2020/1");
        var addresses = MappedEndpoints.Of(world.Services).Where(e => e.Method == "GET").Select(e =>
        {
            var segments = e.Pattern.Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                if (segments[i].StartsWith("{id", StringComparison.Ordinal))
                {
                    segments[i] = ids.TryGetValue(segments[i - 1], out var id) ? id : "1";
                }
            }

            var url = string.Join('/', segments)
                .Replace("{format}", "csv", StringComparison.Ordinal)
                .Replace("{chart}", "map", StringComparison.Ordinal)
                .Replace("{symbol}", symbol, StringComparison.Ordinal)
                .Replace("{lang}", "en", StringComparison.Ordinal)
                .Replace("{documentName?}", string.Empty, StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal)
                .Replace("{state}", "NGA", StringComparison.Ordinal)
                .Replace("{state:length(3)}", "NGA", StringComparison.Ordinal)
                .Replace("{number:int}", "1", StringComparison.Ordinal)
                .Replace("{code}", "DualCriminality", StringComparison.Ordinal)
                .Replace("{code?}", "DualCriminality", StringComparison.Ordinal);
            return url.EndsWith("/template.xlsx", StringComparison.Ordinal) || url.EndsWith("/answer", StringComparison.Ordinal) ? url + "?state=NGA" : url;
        }).ToList();
        Assert.True(addresses.Count > 30, "The application's GET endpoints were not found.");
        Assert.DoesNotContain(addresses, a => a.Contains('{', StringComparison.Ordinal));
        addresses.AddRange(
        [
            $"/meetings/{world.Meeting}?lang=zh",
            $"/api/v1/meetings/{world.Meeting}?lang=ar",
            $"/api/v1/silence/{world.BrokenProcedure}",
            $"/api/v1/silence/{world.ExpiredProcedure}/outcome.docx?lang=fr",
            $"/api/v1/silence/{world.BrokenProcedure}/outcome.docx?lang=ru",
            "/documents?symbol=" + symbol,
            "/api/v1/export/cases.json",
            "/api/v1/statistics/volumes?by=region",
            "/language?culture=es&returnUrl=/meetings",
        ]);
        return addresses;
    }

    private static string Number(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<FormClient> SignInAsync(Role role)
    {
        var client = FormClient.Create(world);
        var (email, password) = role switch
        {
            Role.Admin => (RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword),
            Role.Analyst => (WorldApp.AnalystEmail, WorldApp.UserPassword),
            Role.FocalPoint => (WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword),
            Role.Delegate => (WorldApp.FranceDelegateEmail, WorldApp.UserPassword),
            _ => (null, null),
        };
        if (email is not null)
        {
            await client.SignInAsync(email, password!);
        }

        return client;
    }

    /// <summary>Site links, not those that sign out or are filter permutations of the case search (as in CrawlTests).</summary>
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/account/logout", StringComparison.Ordinal)
        && !href.StartsWith("/css/", StringComparison.Ordinal) && !href.StartsWith("/js/", StringComparison.Ordinal)
        && !(href.StartsWith("/cases?", StringComparison.Ordinal) && href.Count(c => c == '=') > 1);

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Link();
}

/// <summary>The crawl as each role, on the primary.</summary>
public abstract class EveryRoleReadsNeverWriteTests(QuietWorld world) : ReadsNeverWriteTests(world)
{
    [Theory]
    [InlineData(Role.Anonymous)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.FocalPoint)]
    [InlineData(Role.Delegate)]
    public Task No_page_or_endpoint_writes_when_read(Role role) => CrawlWithoutWritingAsync(role);
}

public sealed class SqliteReadsNeverWriteTests(SqliteQuietWorld world) : EveryRoleReadsNeverWriteTests(world), IClassFixture<SqliteQuietWorld>;

public sealed class PostgresReadsNeverWriteTests(PostgresQuietWorld world) : EveryRoleReadsNeverWriteTests(world), IClassFixture<PostgresQuietWorld>;

/// <summary>The same world with anonymous public reads on the streaming replica (ReadReplicaTests): every page and endpoint
/// still answers without error and without writing when the public's reads come from a read-only, untracked
/// context on a standby.</summary>
public sealed class PostgresReplicaQuietWorld() : QuietWorld(DatabaseKind.Postgres)
{
    protected override bool ReadsFromReplica => true;
}

/// <remarks>Only the anonymous crawl: signed-in users read the primary, which the classes above already crawl as each role.</remarks>
public sealed class PostgresReplicaReadsNeverWriteTests(PostgresReplicaQuietWorld world) : ReadsNeverWriteTests(world), IClassFixture<PostgresReplicaQuietWorld>
{
    [Fact]
    public Task No_public_read_on_the_replica_writes_or_fails() => CrawlWithoutWritingAsync(Role.Anonymous);
}
