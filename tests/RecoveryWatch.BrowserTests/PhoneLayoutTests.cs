using Microsoft.Playwright;

namespace RecoveryWatch.BrowserTests;

/// <summary>Every public page read on a 390 px phone, in English and in Arabic (right to left): nothing needs horizontal
/// scrolling except a wide table inside its own labelled scroll region. The API reference (/api/docs) is a third-party
/// viewer and is left out.</summary>
[Collection(BrowserFlows.Name)]
public sealed class PhoneLayoutTests(BrowserApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Every_public_page_fits_a_390_px_screen(string language)
    {
        var page = await UserPaths.OpenAsync(app, language, phone: true);
        string[] urls =
        [
            "/",
            "/cases",
            "/cases?state=KEN&stage=Returned&q=pension",
            $"/cases/{app.KnownCaseId}",
            $"/cases/{app.KnownCaseId}/history",
            "/statistics",
            "/statistics?region=African&stage=Frozen",
            "/codebook",
            "/meetings",
            $"/meetings/{app.MeetingId}",
            "/documents",
            "/documents?symbol=" + Uri.EscapeDataString("CAC/COSP/WG.2/2020/1"),
            "/good-practices",
            "/challenges",
            "/legal-frameworks",
            "/legal-frameworks/KEN",
            "/legal-frameworks/compare?states=KEN,FRA,GBR,CHE,USA",
            "/technical-assistance",
            "/technical-assistance/activities",
            "/account/login",
        ];
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Status: < 400 }, $"{url} answered {response?.Status}");
            try
            {
                await UserPaths.AssertFitsAsync(page);
            }
            catch (Xunit.Sdk.TrueException e)
            {
                failures.Add(e.Message);
            }
        }

        // A published good practice, the first listed (the demo data has some; other flows may add more).
        await page.GotoAsync("/good-practices");
        var practice = page.Locator("main .practice-list a[href^='/good-practices/']:not([href*='edit'])");
        if (await practice.CountAsync() > 0)
        {
            await practice.First.ClickAsync();
            try
            {
                await UserPaths.AssertFitsAsync(page);
            }
            catch (Xunit.Sdk.TrueException e)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
