using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Cases;

/// <summary>Creating and editing cases through the API: rules, problem details naming the field, nothing stored on error,
/// the audit log, and who may write.</summary>
public abstract class CaseWriteTests(RecoveryWatchApp app)
{
    private static string Valid(Action<Dictionary<string, object?>>? change = null, Action<Dictionary<string, object?>>? changeMeasure = null)
    {
        var measure = new Dictionary<string, object?> { ["stage"] = "Frozen", ["assetType"] = "BankFunds", ["amount"] = 1000, ["currency"] = "USD", ["date"] = "2019-05" };
        changeMeasure?.Invoke(measure);
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Write test case",
            ["status"] = "Published",
            ["states"] = new[] { new Dictionary<string, object?> { ["state"] = "NGA", ["role"] = "Requesting" }, new Dictionary<string, object?> { ["state"] = "CHE", ["role"] = "Requested" } },
            ["measures"] = new[] { measure },
        };
        change?.Invoke(body);
        return JsonSerializer.Serialize(body);
    }

    private async Task<int> CaseCountAsync()
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Cases.CountAsync());
        return count;
    }

    private async Task<JsonElement> PostRejectedAsync(string json, string expectedField)
    {
        using var client = await app.SecretariatClientAsync();
        var before = await CaseCountAsync();
        var response = await client.PostAsync("/api/v1/cases", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(expectedField, out var messages), $"Expected an error for {expectedField}: {problem}");
        Assert.NotEqual(string.Empty, messages[0].GetString());
        Assert.Equal(before, await CaseCountAsync());
        return problem;
    }

    [Fact]
    public async Task Valid_case_is_created_and_readable()
    {
        using var client = await app.SecretariatClientAsync();
        var response = await client.PostAsync("/api/v1/cases", new StringContent(Valid(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/cases/{id}", response.Headers.Location?.ToString());
        var read = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        Assert.Equal("Write test case", read.GetProperty("title").GetString());
        Assert.Equal("2019-05", read.GetProperty("measures")[0].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Unknown_currency_is_rejected() =>
        await PostRejectedAsync(Valid(changeMeasure: m => m["currency"] = "XYZ"), "measures[0].currency");

    [Fact]
    public async Task Unknown_State_is_rejected() =>
        await PostRejectedAsync(Valid(b => b["states"] = new[] { new Dictionary<string, object?> { ["state"] = "ZZZ", ["role"] = "Requesting" } }), "states[0].state");

    [Fact]
    public async Task Negative_amount_is_rejected() =>
        await PostRejectedAsync(Valid(changeMeasure: m => m["amount"] = -5), "measures[0].amount");

    [Fact]
    public async Task Non_numeric_amount_is_rejected_with_its_path() =>
        await PostRejectedAsync(Valid(changeMeasure: m => m["amount"] = "a lot"), "measures[0].amount");

    [Fact]
    public async Task Date_in_the_future_is_rejected() =>
        await PostRejectedAsync(Valid(changeMeasure: m => m["date"] = $"{DateTime.UtcNow.Year + 1}-01"), "measures[0].date");

    [Fact]
    public async Task Malformed_partial_date_is_rejected() =>
        await PostRejectedAsync(Valid(changeMeasure: m => m["date"] = "2019-13"), "measures[0].date");

    [Fact]
    public async Task Ten_megabyte_title_is_rejected() =>
        await PostRejectedAsync(Valid(b => b["title"] = new string('x', 10 * 1024 * 1024)), "title");

    [Fact]
    public async Task Unknown_stage_is_rejected_with_its_path() =>
        await PostRejectedAsync(Valid(changeMeasure: m => m["stage"] = "Melted"), "measures[0].stage");

    [Theory]
    [InlineData("visibility", "visibility")]
    [InlineData("stage", "measures[0].stage")]
    public async Task Code_given_as_a_number_is_rejected_with_its_path(string property, string path) =>
        await PostRejectedAsync(property == "stage" ? Valid(changeMeasure: m => m["stage"] = 7) : Valid(change: b => b[property] = 7), path);

    [Fact]
    public async Task Malformed_json_is_rejected_at_the_field_where_it_breaks() =>
        await PostRejectedAsync("{\"title\": \"unterminated", "title");

    [Fact]
    public async Task Body_that_is_not_json_is_rejected() =>
        await PostRejectedAsync("this is not JSON", "body");

    [Fact]
    public async Task Unknown_property_is_rejected_by_name() =>
        await PostRejectedAsync(Valid(b => b["titel"] = "typo"), "titel");

    [Fact]
    public async Task Every_error_is_reported_at_once()
    {
        var problem = await PostRejectedAsync(
            Valid(b => b["title"] = "", m => { m["currency"] = "XYZ"; m["amount"] = 0; }),
            "title");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("measures[0].currency", out _));
        Assert.True(errors.TryGetProperty("measures[0].amount", out _));
    }

    [Fact]
    public async Task Return_above_confiscation_needs_a_reason()
    {
        SaveCaseRequestFactory over(string? reason) => () => Case("Return over confiscation").Between("NGA", "CHE")
            .Measure(Stage.Confiscated, 100m, "USD", "2018")
            .Measure(Stage.Returned, 150m, "USD", "2019", excessReason: reason);
        using var client = await app.SecretariatClientAsync();
        var rejected = await client.PostAsJsonAsync("/api/v1/cases", over(null)(), RecoveryWatchApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("measures[1].excessReason", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var accepted = await client.PostAsJsonAsync("/api/v1/cases", over("Accrued interest returned with the principal")(), RecoveryWatchApp.Json);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Return_is_compared_with_confiscation_in_its_own_currency()
    {
        // Stages are compared per currency, never converted or summed across currencies: 150 USD returned is within the
        // 200 USD confiscated, although it is more than the 100 CHF confiscated.
        var id = await app.CreateCaseAsync(Case("Return in its own currency").Between("NGA", "CHE")
            .Measure(Stage.Confiscated, 100m, "CHF", "2018").Measure(Stage.Confiscated, 200m, "USD", "2018")
            .Measure(Stage.Returned, 150m, "USD", "2019"));
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Anonymous_caller_cannot_create_a_case()
    {
        var before = await CaseCountAsync();
        var response = await app.CreateClient().PostAsync("/api/v1/cases", new StringContent(Valid(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Wrong_password_gets_no_token()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = RecoveryWatchApp.AdminEmail, password = "wrong-password-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_and_update_are_in_the_audit_log_with_old_and_new_values()
    {
        var id = await app.CreateCaseAsync(Case("Audited case").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019"));
        using var client = await app.SecretariatClientAsync();
        var update = Case("Audited case, renamed").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019").Build();
        var response = await client.PutAsJsonAsync($"/api/v1/cases/{id}", update, RecoveryWatchApp.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await app.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.Where(a => a.EntityType == "Case" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["create", "update"], entries.Select(e => e.Action));
            Assert.All(entries, e => Assert.Equal(RecoveryWatchApp.AdminEmail, e.Actor));
            Assert.Contains("Audited case, renamed", entries[1].NewValues, StringComparison.Ordinal);
            Assert.Contains("\"title\":\"Audited case\"", entries[1].OldValues, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rejected_update_leaves_the_case_as_it_was()
    {
        var id = await app.CreateCaseAsync(Case("Unchanged case").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019"));
        using var client = await app.SecretariatClientAsync();
        var bad = Case("Changed title").Between("NGA", "CHE").Measure(Stage.Frozen, -10m, "USD", "2019").Build();
        var response = await client.PutAsJsonAsync($"/api/v1/cases/{id}", bad, RecoveryWatchApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        Assert.Equal("Unchanged case", read.GetProperty("title").GetString());
        Assert.Equal(10m, read.GetProperty("measures")[0].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Updating_a_missing_case_is_not_found()
    {
        using var client = await app.SecretariatClientAsync();
        var response = await client.PutAsJsonAsync("/api/v1/cases/987654", Case("Nothing").Between("NGA", "CHE").Build(), RecoveryWatchApp.Json);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private delegate RecoveryWatch.Cases.SaveCaseRequest SaveCaseRequestFactory();
}

public sealed class SqliteCaseWriteTests(SqliteApp app) : CaseWriteTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCaseWriteTests(PostgresApp app) : CaseWriteTests(app), IClassFixture<PostgresApp>;
