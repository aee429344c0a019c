using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// An administrator opens an information request, edits it from its page (a new title, a deadline already past, one State
/// fewer), then reminds the overdue State and sees the reminder listed with its recipient and the text that was sent.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class RoundEditFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Administrator_edits_a_round_and_reminds_the_overdue_State()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login?culture=en");
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync("/rounds/new?culture=en");
        await page.Locator("#Code").FillAsync("BROWSER-EDIT");
        await page.Locator("#RoundTitle").FillAsync("Browser round to edit");
        await page.Locator("#PeriodFrom").FillAsync("2019-07-01");
        await page.Locator("#PeriodTo").FillAsync("2021-06-30");
        await page.Locator("#Deadline").FillAsync("2031-03-31");
        await page.Locator("#States").FillAsync("KEN GBR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the request" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Browser round to edit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit this request" }).ClickAsync();
        await Expect(page.Locator("#States")).ToHaveValueAsync("GBR KEN");
        await AssertAccessibleAsync(page);
        await page.Locator("#RoundTitle").FillAsync("Browser round, edited");
        await page.Locator("#Deadline").FillAsync("2021-01-31");
        await page.Locator("#States").FillAsync("KEN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the changes" }).ClickAsync();

        await Expect(page.GetByText("The changes to the request were saved.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Browser round, edited");
        var states = page.Locator("table.round-states tbody tr");
        await Expect(states).ToHaveCountAsync(1);
        await Expect(states.First).ToContainTextAsync("Kenya");
        await Expect(states.First.Locator(".overdue")).ToBeVisibleAsync();
        await Expect(page.Locator("#reminders")).ToContainTextAsync("No reminder has been sent for this request.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remind every overdue State" }).ClickAsync();
        await Expect(page.Locator("#reminder-result")).ToContainTextAsync("Reminders sent: 1");
        var reminder = page.Locator("table.reminders tbody tr");
        await Expect(reminder).ToHaveCountAsync(1);
        await Expect(reminder).ToContainTextAsync("Kenya");
        await Expect(reminder).ToContainTextAsync(BrowserApp.KenyaFocalEmail);
        await Expect(reminder).ToContainTextAsync(BrowserApp.AdminEmail);
        await reminder.Locator("summary").ClickAsync();
        await Expect(reminder.Locator(".reminder-body")).ToContainTextAsync("has not yet received the answer of Kenya");
        await Expect(reminder.Locator(".reminder-body")).ToContainTextAsync("31 January 2021");
        await AssertAccessibleAsync(page);

        // A second click the same day sends nothing more, and says why.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remind every overdue State" }).ClickAsync();
        await Expect(page.Locator("#reminder-result")).ToContainTextAsync("already reminded today");
        await Expect(page.Locator("table.reminders tbody tr")).ToHaveCountAsync(1);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
