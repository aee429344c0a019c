using RecoveryWatch.Meetings;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Stores the close of silence procedures whose deadline has passed. Readers already see them as adopted, computed
/// from the clock (reading never writes); the sweep, like the next write that meets one, stores it. Each close is a
/// conditional update, so sweeps of several app instances on one database store and audit it once.</summary>
public sealed class SilenceSweep(IServiceScopeFactory scopes, TimeProvider clock, StartupInitialization startup, ILogger<SilenceSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host starts its services side by side: no sweep before the database is migrated.
        await startup.Done.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var closed = await scope.ServiceProvider.GetRequiredService<SilenceProcedures>().CloseDueAsync(stoppingToken);
                if (closed > 0)
                {
                    logger.LogInformation("Closed {Count} silence procedures at their deadline.", closed);
                }
            }
#pragma warning disable CA1031 // A failed sweep is logged and retried a minute later; it must not stop the host.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "Closing silence procedures failed.");
            }
        }
    }
}
