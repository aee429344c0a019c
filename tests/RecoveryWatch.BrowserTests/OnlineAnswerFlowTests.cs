using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RecoveryWatch.Collection;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// Kenya's focal point answers in the browser instead of Excel: the form opens pre-filled with Kenya's known case, codes are
/// chosen from drop-downs labelled in words, a row is added without losing what was typed, the draft is saved and comes
/// back, an ambiguous amount is pointed out beside its field, and the corrected answer is received.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class OnlineAnswerFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Focal_point_answers_online_with_the_drop_downs()
    {
        int round;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            round = (await scope.ServiceProvider.GetRequiredService<RecoveryWatch.Collection.Rounds>().CreateAsync(new CreateRoundRequest
            {
                Code = "ONLINE-BROWSER", Title = "Online answer in the browser", Mandate = "resolution 8/9",
                PeriodFrom = new DateOnly(2010, 1, 1), PeriodTo = new DateOnly(2025, 12, 31), Deadline = DateTimeOffset.UtcNow.AddDays(30), States = ["KEN"],
            }, "browser-test")).Id;
        }

        var focal = await app.NewPageAsync();
        await focal.GotoAsync("/account/login?culture=en");
        await focal.GetByLabel("E-mail address").FillAsync(BrowserApp.KenyaFocalEmail);
        await focal.GetByLabel("Password").FillAsync(BrowserApp.KenyaFocalPassword);
        await focal.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await focal.GotoAsync($"/rounds/{round}");
        await focal.GetByRole(AriaRole.Link, new() { Name = "Answer online" }).ClickAsync();

        // Pre-filled as the template is: Kenya's known case, its figures in English number format.
        var known = focal.Locator("#sheet-Cases input[value='RW-" + app.KnownCaseId + "']");
        await Expect(known).ToHaveCountAsync(1);
        await Expect(focal.Locator("#sheet-Measures input[value='7,500,000']")).ToHaveCountAsync(1);

        // A new case: codes chosen from lists whose options read as words.
        var caseRow = focal.Locator("#sheet-Cases tbody tr").Last;
        await caseRow.Locator("[id$='-reference']").FillAsync("KE-ONLINE-1");
        await caseRow.Locator("[id$='-title']").FillAsync("Online answer: bribes for a Mombasa port contract");
        await caseRow.Locator("select[id$='-counterpart_state']").SelectOptionAsync(new SelectOptionValue { Label = "United Kingdom of Great Britain and Northern Ireland" });
        await caseRow.Locator("select[id$='-role_of_your_state']").SelectOptionAsync("Requesting");
        await caseRow.Locator("select[id$='-offences']").SelectOptionAsync(["Art15", "Art23"]);
        var measureRow = focal.Locator("#sheet-Measures tbody tr").Last;
        await measureRow.Locator("[id$='-case_reference']").FillAsync("KE-ONLINE-1");
        await measureRow.Locator("select[id$='-stage']").SelectOptionAsync("Frozen");
        await measureRow.Locator("select[id$='-asset_type']").SelectOptionAsync("BankFunds");
        await measureRow.Locator("[id$='-amount']").FillAsync("1,8");
        await measureRow.Locator("select[id$='-currency']").SelectOptionAsync("USD");
        await measureRow.Locator("[id$='-date']").FillAsync("2019-05");

        // Two victims: the second row added with the button, without JavaScript, keeping what was typed.
        await focal.Locator("#Victims-0-case_reference").FillAsync("KE-ONLINE-1");
        await focal.Locator("#Victims-0-victim_kind").SelectOptionAsync(new SelectOptionValue { Label = "The State" });
        await focal.Locator("#Victims-0-description").FillAsync("The port authority.");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Add a row — Victims and compensation" }).ClickAsync();
        await Expect(focal.Locator("#Victims-1-case_reference")).ToBeFocusedAsync();
        await Expect(focal.Locator("#Victims-0-description")).ToHaveValueAsync("The port authority.");
        await focal.Locator("#Victims-1-case_reference").FillAsync("KE-ONLINE-1");
        await focal.Locator("#Victims-1-victim_kind").SelectOptionAsync("Collective");
        await focal.Locator("#Victims-1-description").FillAsync("Port users who paid inflated fees.");

        await focal.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(focal.GetByRole(AriaRole.Status)).ToContainTextAsync("Your draft is saved");
        await Expect(focal.Locator("#sheet-Cases input[value='KE-ONLINE-1']")).ToHaveCountAsync(1);
        await Expect(focal.Locator("#Victims-1-description")).ToHaveValueAsync("Port users who paid inflated fees.");

        // "1,8" in English is one and eight tenths, or a mistyped eighteen: asked, beside the field, not guessed.
        await focal.GetByRole(AriaRole.Button, new() { Name = "Submit to the Secretariat" }).ClickAsync();
        await Expect(focal.Locator("#answer-errors")).ToBeVisibleAsync();
        var amount = focal.Locator("#sheet-Measures input[value='1,8']");
        await Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        var amountId = await amount.GetAttributeAsync("id");
        await Expect(focal.Locator($"#{amountId}-error")).ToContainTextAsync("can be read in more than one way");
        var axe = await focal.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(5).Select(n => n.Target))})")));
        await focal.Locator($"#answer-errors a[href='#{amountId}']").ClickAsync();
        await Expect(amount).ToBeFocusedAsync();

        await amount.FillAsync("1,800,000");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Submit to the Secretariat" }).ClickAsync();
        await Expect(focal.GetByRole(AriaRole.Status)).ToContainTextAsync("received");
    }
}
