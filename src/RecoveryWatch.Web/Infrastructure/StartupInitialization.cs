using RecoveryWatch.Data;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Brings the database up to date (migrations, reference data, demo data on an empty database) and creates the roles and the
/// administrator, while the web server starts. Done one after the other, the two added up to well over a second of the time
/// to healthy (issue 9: under 3 s with 100,000 cases); side by side, on the machine's second core, the server's start is
/// off the critical path. Program begins the initialisation as soon as the app is built (<see cref="Begin"/>), before the
/// request pipeline and the server are set up; the host, which starts its services concurrently
/// (<see cref="HostOptions.ServicesStartConcurrently"/>), counts as started only when it is done. So a failed initialisation
/// still stops the app with its error, and the test host's services are ready to use as before. Requests that reach the
/// server in between wait at <see cref="StartupInitializationSetup.UseStartupGate"/>.
/// </summary>
public sealed partial class StartupInitialization : IHostedService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, CancellationToken, Task> _initialize;
    private readonly CancellationToken _stopping;
    private readonly ILogger<StartupInitialization> _logger;
    private readonly Lazy<Task> _run;

    /// <param name="stopping">Ends the initialisation when the app stops before it is done (the host's ApplicationStopping).</param>
    public StartupInitialization(IServiceScopeFactory scopes, Func<IServiceProvider, CancellationToken, Task> initialize, ILogger<StartupInitialization> logger,
        CancellationToken stopping)
    {
        _scopes = scopes;
        _initialize = initialize;
        _stopping = stopping;
        _logger = logger;
        // On a pool thread, once, whoever asks first (Program or the host).
        _run = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Completes when the database and the accounts are ready; faults with the initialisation's error.</summary>
    public Task Done => _run.Value;

    /// <summary>Starts the initialisation if it has not started yet, without waiting for it.</summary>
    public void Begin() => _ = _run.Value;

    public Task StartAsync(CancellationToken cancellationToken) => Done.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var scope = _scopes.CreateAsyncScope())
        {
            await _initialize(scope.ServiceProvider, _stopping);
        }

        LogReady(_logger, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database and accounts ready in {ElapsedMilliseconds} ms.")]
    private static partial void LogReady(ILogger logger, long elapsedMilliseconds);
}

public static class StartupInitializationSetup
{
    /// <summary>The app's own start: <see cref="DatabaseInitializer"/>, then <see cref="IdentitySetup.BootstrapAsync"/>.</summary>
    public static IServiceCollection AddStartupInitialization(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        services.AddSingleton(provider => new StartupInitialization(
            provider.GetRequiredService<IServiceScopeFactory>(),
            async (scopedServices, cancellationToken) =>
            {
                await scopedServices.GetRequiredService<DatabaseInitializer>().InitializeAsync(configuration.GetValue("Demo", true), cancellationToken);
                await IdentitySetup.BootstrapAsync(scopedServices, configuration);
            },
            provider.GetRequiredService<ILogger<StartupInitialization>>(),
            provider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        services.AddHostedService(provider => provider.GetRequiredService<StartupInitialization>());
        return services;
    }

    /// <summary>Holds every request that needs the database until the start-up initialisation is done. Static files and
    /// routing come first, so that the first requests warm them meanwhile.</summary>
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        var done = app.ApplicationServices.GetRequiredService<StartupInitialization>().Done;
        return app.Use(async (context, next) =>
        {
            if (!done.IsCompletedSuccessfully)
            {
                await done.WaitAsync(context.RequestAborted);
            }

            await next(context);
        });
    }
}
