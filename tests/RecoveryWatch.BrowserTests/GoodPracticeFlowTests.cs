using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>Kenya's focal point writes a good practice in Markdown and submits it; the Secretariat publishes it; an
/// anonymous visitor finds it by searching and reads the rendered text.</summary>
[Collection(BrowserFlows.Name)]
public sealed class GoodPracticeFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Focal_point_writes_and_submits_the_Secretariat_publishes_and_a_visitor_finds_it_rendered()
    {
        const string title = "Browser practice: a register of frozen assets";
        var focal = await app.NewPageAsync();
        await focal.GotoAsync("/account/login?culture=en");
        await focal.GetByLabel("E-mail address").FillAsync(BrowserApp.KenyaFocalEmail);
        await focal.GetByLabel("Password").FillAsync(BrowserApp.KenyaFocalPassword);
        await focal.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await focal.GetByRole(AriaRole.Link, new() { Name = "Good practices" }).First.ClickAsync();
        await focal.GetByRole(AriaRole.Link, new() { Name = "Write a practice" }).ClickAsync();
        await Expect(focal.GetByRole(AriaRole.Heading, new() { Name = "New good practice", Level = 1 })).ToBeVisibleAsync();
        await focal.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await focal.GetByLabel("Summary", new() { Exact = true }).FillAsync("Every frozen asset is entered in one register shared with the requesting State.");
        await focal.GetByLabel("Text", new() { Exact = true }).FillAsync("## How it works\n\nThe register is **updated weekly**.\n\n- one entry per asset\n- a named contact\n\n<script>alert('x')</script>");
        await focal.GetByLabel("Frozen", new() { Exact = true }).CheckAsync();
        await focal.GetByRole(AriaRole.Button, new() { Name = "Save practice" }).ClickAsync();
        await Expect(focal.Locator("#practice-status")).ToHaveTextAsync("Draft");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Submit to the Secretariat" }).ClickAsync();
        await Expect(focal.Locator("#practice-status")).ToHaveTextAsync("Submitted");
        var address = new Uri(focal.Url).AbsolutePath;

        // Not yet public.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/good-practices?culture=en&q=" + Uri.EscapeDataString("register of frozen"));
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);

        var admin = await app.NewPageAsync();
        await admin.GotoAsync("/account/login?culture=en");
        await admin.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await admin.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.GotoAsync("/good-practices");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Awaiting publication" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(admin.Locator("#practice-status")).ToHaveTextAsync("Published");

        await visitor.GotoAsync("/good-practices?culture=en");
        await visitor.GetByLabel("Words in title, summary or text").FillAsync("REGISTER OF FROZEN");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        Assert.EndsWith(address, new Uri(visitor.Url).AbsolutePath, StringComparison.Ordinal);
        await Expect(visitor.Locator(".practice-body h2")).ToHaveTextAsync("How it works");
        await Expect(visitor.Locator(".practice-body strong")).ToHaveTextAsync("updated weekly");
        await Expect(visitor.Locator(".practice-body li")).ToHaveCountAsync(2);
        await Expect(visitor.Locator(".practice-body script")).ToHaveCountAsync(0);
        await Expect(visitor.Locator(".practice-body")).ToContainTextAsync("<script>alert('x')</script>");

        var axe = await visitor.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
