using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Tests.Web;

public sealed class ArchitectureTests
{
    /// <summary>The domain stays free of the web host: only Identity's EF store (which needs no ASP.NET Core framework) is allowed.</summary>
    [Fact]
    public void Domain_does_not_reference_ASP_NET_Core_or_the_web_project()
    {
        var references = typeof(Case).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var forbidden = references.Where(name =>
            name.StartsWith("RecoveryWatch.Web", StringComparison.Ordinal)
            || (name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && name != "Microsoft.AspNetCore.Identity.EntityFrameworkCore")).ToList();
        Assert.Empty(forbidden);
        Assert.Contains("Microsoft.EntityFrameworkCore", references);
    }

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new RecoveryWatchDbContext(new DbContextOptionsBuilder<RecoveryWatchDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("RecoveryWatch.Migrations.Sqlite")).Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SQLite.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new RecoveryWatchDbContext(new DbContextOptionsBuilder<RecoveryWatchDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused", o => o.MigrationsAssembly("RecoveryWatch.Migrations.Postgres")).Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for PostgreSQL.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
