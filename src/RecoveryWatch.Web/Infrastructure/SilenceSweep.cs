using RecoveryWatch.Meetings;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Closes silence procedures at their deadline even when nobody looks at them (reads close them too).</summary>
public sealed class SilenceSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SilenceSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
