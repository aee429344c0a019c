using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Cases;

/// <summary>The Secretariat's case form through HTTP, as a browser without JavaScript uses it, on each database.</summary>
public abstract class CaseFormTests(RecoveryWatchApp app)
{
    private static Dictionary<string, string> Fields(string title, string amount) => new()
    {
        ["Input.Title"] = title,
        ["Input.Summary"] = "Entered through the form",
        ["Input.Status"] = "Published",
        ["Input.Visibility"] = "Public",
        ["Input.SummaryVisibility"] = "Public",
        ["Input.States[0].State"] = "PHL",
        ["Input.States[0].Role"] = "Requesting",
        ["Input.States[1].State"] = "SGP",
        ["Input.States[1].Role"] = "Requested",
        ["Input.States[2].State"] = "",
        ["Input.Offences"] = "Art17",
        ["Input.Measures[0].Stage"] = "Frozen",
        ["Input.Measures[0].AssetType"] = "RealEstate",
        ["Input.Measures[0].Amount"] = amount,
        ["Input.Measures[0].Currency"] = "SGD",
        ["Input.Measures[0].Date"] = "2017-08",
        // A blank row the form offered, left empty: ignored.
        ["Input.Measures[1].Stage"] = "Frozen",
        ["Input.Measures[1].Amount"] = "",
        ["Input.Measures[1].Currency"] = "",
        ["Input.Measures[1].Date"] = "",
        // A second blank row with an error in the third: errors must land on the row the person typed in.
        ["Input.Measures[2].Stage"] = "Seized",
        ["Input.Measures[2].Amount"] = "",
        ["Input.Measures[2].Currency"] = "",
        ["Input.Measures[2].Date"] = "",
        ["Input.Challenges[0].Code"] = "AssetIdentificationAndTracing",
        ["Input.Challenges[0].Note"] = "Layered through three jurisdictions",
    };

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        using var form = FormClient.Create(app);
        var response = await form.Http.GetAsync("/cases/edit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_without_anti_forgery_token_is_refused()
    {
        using var form = FormClient.Create(app);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await form.Http.PostAsync("/cases/edit", new FormUrlEncodedContent(Fields("No token", "1000")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Form_creates_a_case_and_ignores_blank_rows()
    {
        using var form = FormClient.Create(app);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await form.PostFormAsync("/cases/edit?culture=fr", Fields("Form case Manila condominiums", "1 250 000,50"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var detail = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        var measure = Assert.Single(detail.GetProperty("measures").EnumerateArray());
        Assert.Equal(1_250_000.5m, measure.GetProperty("amount").GetDecimal());
        Assert.Equal("RealEstate", measure.GetProperty("assetType").GetString());
        Assert.Equal("Layered through three jurisdictions", detail.GetProperty("challenges")[0].GetProperty("note").GetString());

        // Editing shows the stored values back in the form.
        var edit = await form.Http.GetStringAsync($"/cases/edit/{id}");
        Assert.Contains("value=\"Form case Manila condominiums\"", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"1250000.5\"", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_shown_next_to_the_field_and_nothing_is_stored()
    {
        using var form = FormClient.Create(app);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var fields = Fields("Form case with errors", "abc");
        fields["Input.Measures[2].Amount"] = "-5";
        fields["Input.Measures[2].Currency"] = "SGD";
        fields["Input.Measures[2].Date"] = "2018";
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Cases.CountAsync());

        var response = await form.PostFormAsync("/cases/edit?culture=en", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Measures\\[0\\].Amount\"[^>]*>&#x27;abc&#x27; is not a number.", html);
        Assert.Matches("data-valmsg-for=\"Input.Measures\\[2\\].Amount\"[^>]*>The amount must be greater than zero.", html);
        Assert.Contains("class=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Form case with errors\"", html, StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.Equal(count, await db.Cases.CountAsync()));
    }
}

public sealed class SqliteCaseFormTests(SqliteApp app) : CaseFormTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCaseFormTests(PostgresApp app) : CaseFormTests(app), IClassFixture<PostgresApp>;
