using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoveryWatch.Tests.Infrastructure;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>The start-up initialisation runs beside the server's start (issue 9: healthy within 3 s): requests that arrive
/// first wait for it, and a failed one still stops the app.</summary>
public sealed class StartupInitializationTests
{
    [Fact]
    public async Task A_request_that_arrives_during_the_initialisation_waits_for_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (startup, pipeline, served) = Gated((_, _) => release.Task);

        var starting = startup.StartAsync(CancellationToken.None);
        var request = pipeline(new DefaultHttpContext());
        await Task.Delay(50);
        Assert.False(request.IsCompleted);
        Assert.False(served());

        release.SetResult();
        await starting;
        await request.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(served());
    }

    [Fact]
    public async Task A_failed_initialisation_fails_the_start_and_the_held_requests()
    {
        var (startup, pipeline, served) = Gated((_, _) => Task.FromException(new InvalidOperationException("migration failed")));

        var starting = await Assert.ThrowsAsync<InvalidOperationException>(() => startup.StartAsync(CancellationToken.None));
        var held = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline(new DefaultHttpContext()));
        Assert.Equal("migration failed", starting.Message);
        Assert.Same(starting, held);
        Assert.False(served());
    }

    [Fact]
    public void The_host_starts_the_initialisation_and_the_server_side_by_side()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>()
            .AddStartupInitialization(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<IOptions<HostOptions>>().Value.ServicesStartConcurrently);
        Assert.Same(provider.GetRequiredService<StartupInitialization>(), provider.GetServices<IHostedService>().Single());
    }

    [Fact]
    public async Task The_app_does_not_start_when_its_administrator_cannot_be_created()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider);
            builder.UseSetting("ConnectionStrings:RecoveryWatch", database.ConnectionString);
            builder.UseSetting("Demo", "false");
            builder.UseSetting("Admin:Email", "admin@recoverywatch.test");
            builder.UseSetting("Admin:Password", "short");
        });

        var error = Assert.Throws<InvalidOperationException>(() => factory.Services);
        Assert.Contains("Admin:Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_creates_a_PostgreSQL_database_that_does_not_exist_yet()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using (var admin = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            await admin.OpenAsync();
            var name = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider);
            builder.UseSetting("ConnectionStrings:RecoveryWatch", database.ConnectionString);
            builder.UseSetting("Demo", "false");
        });

        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<RecoveryWatch.Data.DatabaseInitializer>().AllMigrationsAppliedAsync());
    }

    private static (StartupInitialization Startup, RequestDelegate Pipeline, Func<bool> Served) Gated(Func<IServiceProvider, CancellationToken, Task> initialize)
    {
        var services = new ServiceCollection();
        services.AddSingleton(provider => new StartupInitialization(provider.GetRequiredService<IServiceScopeFactory>(), initialize,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StartupInitialization>.Instance, CancellationToken.None));
        var provider = services.BuildServiceProvider();
        var served = false;
        var app = new ApplicationBuilder(provider);
        app.UseStartupGate();
        app.Run(_ =>
        {
            served = true;
            return Task.CompletedTask;
        });
        return (provider.GetRequiredService<StartupInitialization>(), app.Build(), () => served);
    }
}
