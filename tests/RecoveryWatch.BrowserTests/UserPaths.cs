using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// What the per-user path tests share: a browser context in a given language (optionally a 390 px phone), signing in by
/// field ids (so that the same steps work in Arabic and Chinese), axe on every page, and the phone-width check.
/// </summary>
internal static partial class UserPaths
{
    /// <summary>An iPhone 12–15 in portrait: the narrowest screen the public pages are designed for.</summary>
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;

    public static async Task<IPage> OpenAsync(BrowserApp app, string language, bool phone = false)
    {
        var options = new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = language };
        if (phone)
        {
            options.ViewportSize = new ViewportSize { Width = PhoneWidth, Height = PhoneHeight };
        }

        var context = await app.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        // The browser's own language (Accept-Language) chooses the page's, as for a first-time reader.
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page, choosing fields by id and the button by its form, never by English text.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        if (!LoginPage().IsMatch(page.Url))
        {
            await page.GotoAsync("/account/login");
        }

        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(LoginPage());
        await Expect(page.Locator("header form.inline-form .user-name")).ToHaveTextAsync(email);
    }

    /// <summary>Goes to a page, checks it answered and is in the reader's language, and runs axe on it.</summary>
    public static async Task VisitAsync(IPage page, string url, string language)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Status: < 400 }, $"{url} answered {response?.Status}");
        await CheckAsync(page, language);
    }

    /// <summary>The page now shown is in the reader's language and has no serious or critical accessibility finding.</summary>
    public static async Task CheckAsync(IPage page, string language)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var axe = await page.RunAxe();
        var findings = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(
            findings.Count == 0,
            page.Url + "\n" + string.Join("\n", findings.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }

    /// <summary>
    /// The page needs no horizontal scrolling: the document is no wider than the screen, and no element reaches past either
    /// edge unless it sits inside a declared scroll region (an element with role="region" that scrolls on its own, as wide
    /// tables may).
    /// </summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var report = await page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              const problems = [];
              if (document.documentElement.scrollWidth > width) {
                problems.push(`document ${document.documentElement.scrollWidth}px wide for a ${width}px screen`);
              }
              const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '');
              for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) continue;
                if (e.closest('[role=region]')?.matches('.table-scroll, [data-scroll-region]')) continue;
                if (getComputedStyle(e).position === 'absolute' && e.closest('.skip-link, .visually-hidden')) continue;
                if (r.right > width + 0.5 || r.left < -0.5) {
                  problems.push(`${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)}px`);
                  if (problems.length > 12) break;
                }
              }
              return problems.join('\n');
            }
            """);
        Assert.True(report.Length == 0, page.Url + "\n" + report);
    }

    [GeneratedRegex("/account/login")]
    public static partial Regex LoginPage();
}
