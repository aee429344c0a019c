using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>The demo loads a few needs and one activity into a demo database, once, and never into a real one.</summary>
public abstract class DemoAssistanceTests(RecoveryWatchApp app)
{
    [Fact]
    public async Task Demo_needs_go_into_a_demo_database_once()
    {
        // A database with a real case and no synthetic one gets no synthetic needs, even with the demo switched on.
        await app.CreateCaseAsync(CaseBuilder.Case("A real case").Between("NGA", "CHE").Measure(RecoveryWatch.ReferenceData.Stage.Frozen, 100m, "USD", "2015"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(loadDemo: true);
        }

        await app.WithDbAsync(async db => Assert.Equal(0, await db.Set<AssistanceNeed>().CountAsync()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoCases>().HandleAsync(20, 7, "test");
        }

        for (var i = 0; i < 2; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(loadDemo: true);
        }

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(6, await db.Set<AssistanceNeed>().CountAsync(n => n.IsSynthetic));
            Assert.Equal(1, await db.Set<AssistanceActivity>().CountAsync(a => a.IsSynthetic));
            Assert.Equal(1, await db.Set<AssistanceNeed>().CountAsync(n => n.Status == NeedStatus.InProgress));
        });
        var unmet = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/technical-assistance/unmet?by=type");
        Assert.Equal(4, unmet.EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
    }
}

public sealed class SqliteDemoAssistanceTests(SqliteApp app) : DemoAssistanceTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDemoAssistanceTests(PostgresApp app) : DemoAssistanceTests(app), IClassFixture<PostgresApp>;
