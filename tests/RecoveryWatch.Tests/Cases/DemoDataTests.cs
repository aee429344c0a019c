using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Cases;

/// <summary>Synthetic demo cases look like the field: stages in order, amounts shrinking from stage to stage, marked synthetic.</summary>
public abstract class DemoDataTests(RecoveryWatchApp app)
{
    [Fact]
    public async Task Demo_cases_have_stages_in_order_and_are_marked_synthetic()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<SeedDemoCases>().HandleAsync(200, 3, "test");
        var db = services.GetRequiredService<RecoveryWatch.Data.RecoveryWatchDbContext>();
        var cases = await db.Cases.AsNoTracking().Include(c => c.Measures).Include(c => c.States).Where(c => c.IsSynthetic).ToListAsync();
        Assert.Equal(200, cases.Count);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var c in cases)
        {
            Assert.StartsWith("Synthetic case", c.Title, StringComparison.Ordinal);
            Assert.Contains(c.States, s => s.Role == StateRole.Requesting);
            Assert.Contains(c.States, s => s.Role == StateRole.Requested);
            var measures = c.Measures.OrderBy(m => m.Stage).ToList();
            Assert.Equal(Stage.Frozen, measures[0].Stage);
            Assert.All(measures, m => Assert.True(m.Amount > 0 && m.Date.Earliest <= today));
            for (var i = 1; i < measures.Count; i++)
            {
                Assert.True(measures[i].Year >= measures[i - 1].Year, $"Case {c.Id}: stages out of order");
                Assert.True(measures[i].Amount <= measures[i - 1].Amount, $"Case {c.Id}: amount grows from stage to stage");
            }
        }

        Assert.True(cases.SelectMany(c => c.Measures).Select(m => m.Currency).Distinct().Count() >= 3, "Demo data should use several currencies.");
        Assert.Contains(cases, c => c.Measures.Any(m => m.Stage == Stage.Returned));
        Assert.Contains(cases, c => c.Measures.All(m => m.Stage == Stage.Frozen));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "seed-demo"));
    }

    [Fact]
    public async Task Demo_good_practices_are_published_in_several_languages_synthetic_and_loaded_once()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetRequiredService<RecoveryWatch.Knowledge.SeedDemoPractices>();
        Assert.True(await seed.HandleAsync("test") > 0);
        Assert.Equal(0, await seed.HandleAsync("test"));
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatch.Data.RecoveryWatchDbContext>();
        var practices = await db.GoodPractices.AsNoTracking().ToListAsync();
        Assert.All(practices, p => Assert.True(p.IsSynthetic && p.Status == RecoveryWatch.Knowledge.PracticeStatus.Published));
        Assert.Contains(practices, p => p.Language == "zh");
        Assert.Contains(practices, p => p.Language == "fr");
        var feed = await app.CreateClient().GetStringAsync("/good-practices/feed.atom");
        Assert.Contains(practices.Single(p => p.Language == "zh").Title, feed, StringComparison.Ordinal);
    }
}

public sealed class SqliteDemoDataTests(SqliteApp app) : DemoDataTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDemoDataTests(PostgresApp app) : DemoDataTests(app), IClassFixture<PostgresApp>;
