using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RecoveryWatch.Data;

namespace RecoveryWatch.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --project src/RecoveryWatch.Migrations.Sqlite</c> build the model for SQLite.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RecoveryWatchDbContext>
{
    public RecoveryWatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RecoveryWatchDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
