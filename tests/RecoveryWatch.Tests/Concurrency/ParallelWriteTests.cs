using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Auditing;
using RecoveryWatch.Identity;
using RecoveryWatch.Meetings;
using RecoveryWatch.Tests.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Concurrency;

/// <summary>The application with a clock the tests move and twenty delegates of twenty States, for races.</summary>
public class RaceApp(DatabaseKind kind) : ClockedApp(kind)
{
    public const string DelegatePassword = "Race-delegate-password-2026";

    /// <summary>Twenty States, as many delegates as the testers had objecting at once.</summary>
    public static readonly string[] DelegateStates =
        ["FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "AUT", "CHE", "SWE", "NOR", "POL", "PRT", "GRC", "IRL", "FIN", "DNK", "CZE", "HUN", "ROU", "BGR"];

    public static string DelegateEmail(string state) => $"race.{state.ToLowerInvariant()}@recoverywatch.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The tests run the sweep themselves, so that they know how many closes to expect.
        builder.ConfigureServices(services => services.WithoutSilenceSweep());
    }

    protected override async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
        foreach (var state in DelegateStates)
        {
            await users.CreateAsync(new SaveUserRequest { Email = DelegateEmail(state), Role = Roles.Delegate, States = [state] }, DelegatePassword, "test");
        }
    }
}

public sealed class SqliteRaceApp() : RaceApp(DatabaseKind.Sqlite);

public sealed class PostgresRaceApp() : RaceApp(DatabaseKind.Postgres);

/// <summary>
/// Real parallel HTTP requests against one app and one database, on each engine: whatever the timing, a state change
/// happens once, every other attempt is a 409 naming the field with a message that says what happened (never a 500, never
/// the generic "changed at the same time"), and the audit chain verifies intact afterwards. The requests are released
/// together from a gate so that they read before any of them writes, as two app instances would.
/// </summary>
public abstract class ParallelWriteTests(RaceApp app)
{
    private const string Draft = "CAC/COSP/WG.2/2020/L.1";

    private async Task<int> MeetingIdAsync() =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/meetings")).EnumerateArray().First().GetProperty("id").GetInt32();

    private async Task<HttpClient> EnglishAsync(Task<HttpClient> signingIn)
    {
        var client = await signingIn;
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        return client;
    }

    /// <summary>Starts every request, then lets them all go at once.</summary>
    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(async send =>
        {
            await gate.Task;
            return await send();
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage[] responses) =>
        string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));

    /// <summary>Exactly one winner with <paramref name="success"/>; every other answer a 409 whose errors name
    /// <paramref name="field"/> with <paramref name="message"/>.</summary>
    private static async Task AssertOneWinnerAsync(HttpResponseMessage[] responses, HttpStatusCode success, string field, string message)
    {
        var all = await DescribeAsync(responses);
        Assert.True(responses.Count(r => r.StatusCode == success) == 1, $"Expected one {(int)success}:\n{all}");
        foreach (var loser in responses.Where(r => r.StatusCode != success))
        {
            Assert.True(loser.StatusCode == HttpStatusCode.Conflict, $"Expected 409 for every other request:\n{all}");
            var errors = (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"No error on '{field}':\n{all}");
            Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
        }
    }

    private async Task AssertAuditChainIntactAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync();
        Assert.True(verification.Intact, $"Audit chain broken at entry {verification.BrokenAt}: {verification.Reason}");
    }

    private async Task<List<string>> AuditActionsAsync(string entityType, string entityId)
    {
        List<string> actions = [];
        await app.WithDbAsync(async db => actions = await db.AuditEntries
            .Where(a => a.EntityType == entityType && a.EntityId == entityId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
        return actions;
    }

    /// <summary>A month on (so any procedure an earlier test left is past its deadline), a draft circulated with a deadline
    /// two days ahead. Tokens are taken after the move: they last an hour of the test clock.</summary>
    private async Task<int> CirculateAsync(TimeSpan deadlineIn)
    {
        app.Clock.Advance(TimeSpan.FromDays(30));
        using var secretariat = await app.SecretariatClientAsync();
        var response = await secretariat.PostAsJsonAsync($"/api/v1/meetings/{await MeetingIdAsync()}/silence", new { draftSymbol = Draft, deadline = app.Clock.GetUtcNow().Add(deadlineIn) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Twenty_objections_at_once_record_one_break_and_refuse_the_others_as_already_broken()
    {
        var procedure = await CirculateAsync(TimeSpan.FromDays(2));
        var delegates = await Task.WhenAll(RaceApp.DelegateStates.Select(s => EnglishAsync(app.BearerClientAsync(RaceApp.DelegateEmail(s), RaceApp.DelegatePassword))));
        try
        {
            var responses = await AllAtOnceAsync(delegates.Select((client, i) => (Func<Task<HttpResponseMessage>>)(() =>
                client.PostAsJsonAsync($"/api/v1/silence/{procedure}/breaks", new { kind = i % 2 == 0 ? "Objection" : "Amendment", text = $"Objection number {i} to paragraph 12." }))));

            await AssertOneWinnerAsync(responses, HttpStatusCode.OK, "text", "already been broken");
            await app.WithDbAsync(async db =>
            {
                var stored = await db.SilenceProcedures.AsNoTracking().Include(s => s.Breaks).SingleAsync(s => s.Id == procedure);
                Assert.Equal(SilenceStatus.Broken, stored.Status);
                Assert.Single(stored.Breaks);
            });
            var actions = await AuditActionsAsync(nameof(SilenceProcedure), procedure.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(1, actions.Count(a => a is "object" or "amend"));
            await AssertAuditChainIntactAsync();
        }
        finally
        {
            foreach (var client in delegates)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Circulations_at_once_open_one_procedure_and_close_the_expired_one_once()
    {
        // A procedure past its deadline, still stored as open: the circulations must close it first, once between them.
        var expired = await CirculateAsync(TimeSpan.FromHours(1));
        app.Clock.Advance(TimeSpan.FromHours(2));
        var meeting = await MeetingIdAsync();
        var secretariat = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => EnglishAsync(app.SecretariatClientAsync())));
        try
        {
            var deadline = app.Clock.GetUtcNow().AddDays(3);
            var responses = await AllAtOnceAsync(secretariat.Select(client => (Func<Task<HttpResponseMessage>>)(() =>
                client.PostAsJsonAsync($"/api/v1/meetings/{meeting}/silence", new { draftSymbol = Draft, deadline }))));

            await AssertOneWinnerAsync(responses, HttpStatusCode.Created, "draftSymbol", "already open");
            await app.WithDbAsync(async db =>
            {
                var statuses = await db.SilenceProcedures.AsNoTracking().Where(s => s.MeetingId == meeting).Select(s => new { s.Id, s.Status }).ToListAsync();
                Assert.Single(statuses, s => s.Status == SilenceStatus.Open);
                Assert.Equal(SilenceStatus.Adopted, statuses.Single(s => s.Id == expired).Status);
            });
            Assert.Equal(["circulate", "close"], await AuditActionsAsync(nameof(SilenceProcedure), expired.ToString(CultureInfo.InvariantCulture)));
            await AssertAuditChainIntactAsync();
        }
        finally
        {
            foreach (var client in secretariat)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Sweeps_at_once_close_an_expired_procedure_once()
    {
        var procedure = await CirculateAsync(TimeSpan.FromMinutes(30));
        app.Clock.Advance(TimeSpan.FromHours(1));
        // As two app instances' sweeps (and this one's own) would: each in its own scope, with its own connection.
        var closed = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await Task.Yield();
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SilenceProcedures>().CloseDueAsync();
        }));

        var actions = await AuditActionsAsync(nameof(SilenceProcedure), procedure.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(["circulate", "close"], actions);
        Assert.Equal(1, closed.Sum());
        await app.WithDbAsync(async db => Assert.Equal(SilenceStatus.Adopted, (await db.SilenceProcedures.AsNoTracking().SingleAsync(s => s.Id == procedure)).Status));
        await AssertAuditChainIntactAsync();
    }

    [Fact]
    public async Task Adoptions_of_the_agenda_at_once_adopt_it_once()
    {
        var meeting = await MeetingIdAsync();
        var secretariat = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => EnglishAsync(app.SecretariatClientAsync())));
        try
        {
            var responses = await AllAtOnceAsync(secretariat.Select(client => (Func<Task<HttpResponseMessage>>)(() =>
                client.PostAsync($"/api/v1/meetings/{meeting}/agenda/adopt", null))));

            await AssertOneWinnerAsync(responses, HttpStatusCode.OK, "agendaStatus", "already been adopted");
            Assert.Single(await AuditActionsAsync(nameof(Meeting), meeting.ToString(CultureInfo.InvariantCulture)), a => a == "adopt-agenda");
            await AssertAuditChainIntactAsync();
        }
        finally
        {
            foreach (var client in secretariat)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task First_uploads_of_one_language_version_at_once_store_one_version_and_audit_what_was_stored()
    {
        const string symbol = "CAC/COSP/WG.2/2020/2";
        var admins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => EnglishAsync(app.SecretariatClientAsync())));
        try
        {
            var responses = await AllAtOnceAsync(admins.Select((client, i) => (Func<Task<HttpResponseMessage>>)(() =>
                client.PostAsync($"/api/v1/documents/{Uri.EscapeDataString(symbol)}/fr", new MultipartFormDataContent
                {
                    { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"version française {i}")), "file", $"workplan-{i}.txt" },
                }))));

            // One request creates the French version; those that find it stored replace its file, one after the other; those
            // that raced to create it too are refused with a 409 saying so. Never a 500, never a second French version.
            var all = await DescribeAsync(responses);
            Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), all);
            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            Assert.True(created >= 1, all);
            foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var errors = (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
                Assert.Contains("stored at the same time", errors.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
            }

            await app.WithDbAsync(async db =>
            {
                var version = await db.Documents.Where(d => d.Symbol == symbol).SelectMany(d => d.Versions).Where(v => v.Language == "fr").SingleAsync();
                var uploads = await db.AuditEntries.Where(a => a.EntityType == "Document" && a.EntityId == symbol && a.Action == "upload").OrderBy(a => a.Sequence).Select(a => a.NewValues!).ToListAsync();
                // Every upload that answered 201 is audited, in the order stored: the file kept is the one audited last.
                Assert.Equal(created, uploads.Count);
                Assert.Equal(version.Sha256, JsonDocument.Parse(uploads[^1]).RootElement.GetProperty("Sha256").GetString());
            });
            await AssertAuditChainIntactAsync();
        }
        finally
        {
            foreach (var client in admins)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Rounds_with_one_code_at_once_create_one_and_refuse_the_others_on_code()
    {
        var code = "RACE-" + app.Kind;
        var admins = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => EnglishAsync(app.SecretariatClientAsync())));
        try
        {
            var responses = await AllAtOnceAsync(admins.Select((client, i) => (Func<Task<HttpResponseMessage>>)(() =>
                client.PostAsJsonAsync("/api/v1/rounds", new { code, title = $"Race {i}", periodFrom = "2010-01-01", periodTo = "2020-06-30", deadline = "2030-06-30T00:00:00Z", states = new[] { "NGA", "CHE" } }))));

            await AssertOneWinnerAsync(responses, HttpStatusCode.Created, "code", $"code '{code}' already exists");
            string? roundId = null;
            await app.WithDbAsync(async db => roundId = (await db.Rounds.AsNoTracking().SingleAsync(r => r.Code == code)).Id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(["create"], await AuditActionsAsync(nameof(RecoveryWatch.Collection.InformationRound), roundId!));
            await AssertAuditChainIntactAsync();
        }
        finally
        {
            foreach (var client in admins)
            {
                client.Dispose();
            }
        }
    }
}

public sealed class SqliteParallelWriteTests(SqliteRaceApp app) : ParallelWriteTests(app), IClassFixture<SqliteRaceApp>;

public sealed class PostgresParallelWriteTests(PostgresRaceApp app) : ParallelWriteTests(app), IClassFixture<PostgresRaceApp>;
