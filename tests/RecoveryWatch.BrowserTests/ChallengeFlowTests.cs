using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>The Secretariat extends the challenge taxonomy: a type without its Chinese label is refused beside the field, the
/// complete one appears on the public page in every language, and the page passes the accessibility checks.</summary>
[Collection(BrowserFlows.Name)]
public sealed class ChallengeFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Secretariat_adds_a_challenge_type_in_six_languages_and_readers_see_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/challenges/edit?culture=en");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a challenge type", Level = 1 })).ToBeVisibleAsync();

        await page.Locator("#field-code").FillAsync("MutualRecognitionOfOrders");
        var labels = new Dictionary<string, string>
        {
            ["ar"] = "الاعتراف المتبادل بالأوامر",
            ["zh"] = "命令的相互承认",
            ["en"] = "Mutual recognition of orders",
            ["fr"] = "Reconnaissance mutuelle des décisions",
            ["ru"] = "Взаимное признание постановлений",
            ["es"] = "Reconocimiento mutuo de las órdenes",
        };
        foreach (var (lang, label) in labels.Where(l => l.Key != "zh"))
        {
            await page.Locator($"#field-names-{lang}").FillAsync(label);
        }

        // Without the Chinese label the browser's own check stops the form; without JavaScript the server refuses it.
        await page.Locator("#field-names-zh").EvaluateAsync("e => e.removeAttribute('required')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#challenge-errors")).ToContainTextAsync("中文");

        await page.Locator("#field-names-zh").FillAsync(labels["zh"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#challenge-MutualRecognitionOfOrders")).ToContainTextAsync("Mutual recognition of orders");

        await page.GotoAsync("/challenges?culture=ar");
        await Expect(page.Locator("#challenge-MutualRecognitionOfOrders")).ToContainTextAsync("الاعتراف المتبادل بالأوامر");
        var axe = await page.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
