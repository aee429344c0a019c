using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryWatch.Collection;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>Records every reminder handed to the sender, as a mail service would receive them.</summary>
public sealed class RecordingReminderSender : IReminderSender
{
    public ConcurrentBag<ReminderView> Sent { get; } = [];

    public Task SendAsync(ReminderView reminder, CancellationToken cancellationToken)
    {
        Sent.Add(reminder);
        return Task.CompletedTask;
    }
}

/// <summary>The application with a recording reminder sender, an analyst, and focal points of States writing in English
/// (Nigeria, two focal points, one of them disabled), French (France) and Arabic (Egypt); China has none.</summary>
public class RoundsApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public const string Password = "Rounds-test-password-2026";
    public const string AnalystEmail = "analyst@rounds.test";
    public const string DisabledNigeria = "gone.nga@rounds.test";

    public RecordingReminderSender Sender { get; } = new();

    public static string FocalEmail(string state) => $"focal.{state.ToLowerInvariant()}@rounds.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IReminderSender>(Sender)));
    }

    protected override async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
        await users.CreateAsync(new SaveUserRequest { Email = AnalystEmail, Role = Roles.SecretariatAnalyst }, Password, "test");
        foreach (var state in new[] { "NGA", "FRA", "EGY", "KEN", "GBR" })
        {
            await users.CreateAsync(new SaveUserRequest { Email = FocalEmail(state), Role = Roles.FocalPoint, States = [state] }, Password, "test");
        }

        await users.CreateAsync(new SaveUserRequest { Email = DisabledNigeria, Role = Roles.FocalPoint, States = ["NGA"] }, Password, "test");
        var manager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var gone = await manager.FindByEmailAsync(DisabledNigeria);
        await manager.SetLockoutEndDateAsync(gone!, AppUser.DisabledUntil);
    }
}

public sealed class SqliteRoundsApp() : RoundsApp(DatabaseKind.Sqlite);

public sealed class PostgresRoundsApp() : RoundsApp(DatabaseKind.Postgres);
