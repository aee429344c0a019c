using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Api;

namespace RecoveryWatch.Tests.Infrastructure;

/// <summary>The whole application over HTTP on one throw-away database, with a signed-in Secretariat client at hand.</summary>
public class RecoveryWatchApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@recoverywatch.test";
    public const string AdminPassword = "Correct-Horse-Battery-9";

    private readonly DatabaseKind _kind;
    private TestDatabase? _database;

    public RecoveryWatchApp(DatabaseKind kind) => _kind = kind;

    public DatabaseKind Kind => _kind;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public static JsonSerializerOptions Json => JsonOptions.Api;

    /// <summary>The API's options, reading only the properties a test names (the API refuses unknown ones on input; a
    /// test that checks numbers need not declare every link a row carries).</summary>
    public static JsonSerializerOptions Reading { get; } = new(JsonOptions.Api) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    /// <summary>Whether anonymous public reads go to the test server's streaming replica (<c>ConnectionStrings:RecoveryWatchRead</c>;
    /// PostgreSQL only). The fixture then starts once the replica holds its seed.</summary>
    protected virtual bool ReadsFromReplica => false;

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_kind);
        if (ReadsFromReplica)
        {
            // The app must find the database on the replica from its first public read, or it would read the primary instead.
            await _database.WaitForReplicaAsync();
        }

        // Starting the host migrates the database and creates the administrator.
        _ = Services;
        await SeedAsync();
        if (ReadsFromReplica)
        {
            await _database.WaitForReplicaAsync();
        }
    }

    /// <summary>Data the fixture's tests rely on; none by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:RecoveryWatch", Database.ConnectionString);
        builder.UseSetting("Demo", "false");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        // Tests sign in hundreds of times from one address; the limit itself is tested with its own fixture.
        builder.UseSetting("RateLimiting:SignInPerMinute", "100000");
        if (ReadsFromReplica)
        {
            builder.UseSetting("ConnectionStrings:RecoveryWatchRead", Database.ReplicaConnectionString);
        }
    }

    public Task<HttpClient> SecretariatClientAsync() => BearerClientAsync(AdminEmail, AdminPassword);

    public async Task<HttpClient> BearerClientAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<int> CreateCaseAsync(SaveCaseRequest request)
    {
        using var client = await SecretariatClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/cases", request, Json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Creating the case failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    public async Task WithDbAsync(Func<RecoveryWatchDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
