using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RecoveryWatch.Tests.Infrastructure;

public static class MappedEndpoints
{
    /// <summary>Every (method, "/route pattern") the application maps, pages and API alike, as AccessMatrixTests reads them
    /// from the application's own endpoint list, so that a new page or endpoint is covered without being listed.</summary>
    public static List<(string Method, string Pattern)> Of(IServiceProvider services) =>
        [.. services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => e.m is "GET" or "POST" or "PUT" or "DELETE" or "PATCH")
            .Distinct()];
}
