using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

public sealed class ThrottledApp() : RecoveryWatchApp(DatabaseKind.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:SignInPerMinute", "3");
    }
}

public sealed class RateLimitTests(ThrottledApp app) : IClassFixture<ThrottledApp>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = "nobody@recoverywatch.test", password = "wrong-password-1" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // The refusal is said in the caller's language.
        using var russian = new HttpRequestMessage(HttpMethod.Post, "/api/v1/identity/login") { Content = JsonContent.Create(new { email = "nobody@recoverywatch.test", password = "wrong-password-1" }) };
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var refused = await (await app.CreateClient().SendAsync(russian)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Слишком много попыток входа", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        // The sign-in page shares the limit.
        var page = await app.CreateClient().PostAsync("/account/login", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        // Reading is not limited.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/v1/cases")).StatusCode);
    }
}
