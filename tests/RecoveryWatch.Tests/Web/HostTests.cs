using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Web;

public sealed class HostTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Health_answers_when_the_database_does()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_v1_endpoints_only()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/cases", paths);
        Assert.Contains("/api/v1/cases/{id}", paths);
        Assert.Contains("/api/v1/export/cases.{format}", paths);
        Assert.Contains("/api/v1/identity/login", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Self_registration_is_not_offered()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { email = "x@y.test", password = "Whatever-123456" });
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
    }

    [Fact]
    public async Task Pages_send_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/cases");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Unknown_api_path_is_a_problem_not_a_page()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_page_is_a_page_in_the_reader_language()
    {
        var response = await app.CreateClient().GetAsync("/no-such-page?culture=es");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<html lang=\"es\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
