using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Tests.Infrastructure;

public static class HostedServices
{
    /// <summary>Takes out the background silence sweep, which ticks on the wall clock whatever the test clock says: a
    /// test that counts writes (or runs the sweep itself) must not meet one it did not make.</summary>
    public static IServiceCollection WithoutSilenceSweep(this IServiceCollection services)
    {
        foreach (var sweep in services.Where(d => d.ImplementationType == typeof(SilenceSweep)).ToList())
        {
            services.Remove(sweep);
        }

        return services;
    }
}
