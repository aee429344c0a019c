using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RecoveryWatch.Data;

namespace RecoveryWatch.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add … --project src/RecoveryWatch.Migrations.Postgres</c> build the model for PostgreSQL
/// (no server is contacted to add a migration).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RecoveryWatchDbContext>
{
    public RecoveryWatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RecoveryWatchDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
