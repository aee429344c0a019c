using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using MiniExcelLibs;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Cases;

/// <summary>Exports parsed back and compared with the API, on each database; no restricted detail in any of them.</summary>
public abstract class CaseExportTests(WorldApp world)
{
    private static readonly string[] Markers =
        [WorldApp.RestrictedSummary, WorldApp.RestrictedVictim, WorldApp.RestrictedSource, WorldApp.DraftTitle, WorldApp.SecretariatTitle, WorldApp.RestrictedNigeria, WorldApp.StatesPartiesOnly, "250000", "250,000"];

    private async Task<Dictionary<int, string>> ApiTitlesAsync(string query)
    {
        var body = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=200&" + query);
        return body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt32(), i => i.GetProperty("title").GetString()!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("state=GBR")]
    [InlineData("stage=Confiscated")]
    public async Task Csv_export_parses_back_to_the_search_result(string query)
    {
        var response = await world.CreateClient().GetAsync("/api/v1/export/cases.csv?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var expected = await ApiTitlesAsync(query);
        Assert.Equal(expected.Keys.Order(), rows.Select(r => int.Parse((string)r["id"], CultureInfo.InvariantCulture)).Order());
        foreach (var row in rows)
        {
            var id = int.Parse((string)row["id"], CultureInfo.InvariantCulture);
            Assert.Equal(RecoveryWatch.Cases.CellText.Neutralise(expected[id]), (string)row["title"]);
        }

        AssertNoMarkers(text);
    }

    [Fact]
    public async Task Csv_export_carries_amounts_per_stage_and_the_synthetic_flag()
    {
        var text = await world.CreateClient().GetStringAsync("/api/v1/export/cases.csv");
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var alpha = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>()
            .Single(r => (string)r["id"] == world.Alpha.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1000000 CHF", alpha["frozen"]);
        Assert.Equal("1100000", alpha["frozen_usd"]);
        Assert.Equal("500000 CHF", alpha["returned"]);
        Assert.Equal("NGA", alpha["requesting_states"]);
        Assert.Equal("CHE", alpha["requested_states"]);
        Assert.Equal("False", alpha["synthetic"]);
    }

    [Fact]
    public async Task Formula_in_a_title_is_neutralised_in_csv_and_xlsx()
    {
        var text = await world.CreateClient().GetStringAsync("/api/v1/export/cases.csv?q=golf");
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        await using var xlsx = await world.CreateClient().GetStreamAsync("/api/v1/export/cases.xlsx?q=golf");
        var buffer = new MemoryStream();
        await xlsx.CopyToAsync(buffer);
        buffer.Position = 0;
        var row = buffer.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().Single();
        Assert.StartsWith("'=", (string)row["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_export_parses_back_to_the_search_result()
    {
        var response = await world.CreateClient().GetAsync("/api/v1/export/cases.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var expected = await ApiTitlesAsync(string.Empty);
        Assert.Equal(expected.Keys.Order(), rows.Select(r => Convert.ToInt32(r["id"], CultureInfo.InvariantCulture)).Order());
        var allText = string.Join("|", rows.SelectMany(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        AssertNoMarkers(allText);
    }

    [Fact]
    public async Task Json_export_holds_the_same_cases_as_the_case_api()
    {
        var response = await world.CreateClient().GetAsync("/api/v1/export/cases.json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var cases = JsonDocument.Parse(text).RootElement.GetProperty("cases").EnumerateArray().ToList();
        var expected = await ApiTitlesAsync(string.Empty);
        Assert.Equal(expected.Keys.Order(), cases.Select(c => c.GetProperty("id").GetInt32()).Order());
        var alpha = cases.Single(c => c.GetProperty("id").GetInt32() == world.Alpha);
        var detail = await world.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{world.Alpha}");
        Assert.Equal(detail.GetProperty("measures").GetRawText(), alpha.GetProperty("measures").GetRawText());
        AssertNoMarkers(text);
    }

    [Fact]
    public async Task Secretariat_export_includes_restricted_cases()
    {
        using var client = await world.SecretariatClientAsync();
        var text = await client.GetStringAsync("/api/v1/export/cases.json");
        Assert.Contains(WorldApp.SecretariatTitle, text, StringComparison.Ordinal);
        Assert.Contains(WorldApp.RestrictedSummary, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_export_format_is_not_found()
    {
        var response = await world.CreateClient().GetAsync("/api/v1/export/cases.pdf");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/cases")]
    [InlineData("/cases?q=marker")]
    [InlineData("/api/v1/cases")]
    [InlineData("/api/v1/cases?pageSize=200")]
    public async Task Anonymous_pages_and_api_never_contain_restricted_markers(string path)
    {
        var text = await world.CreateClient().GetStringAsync(path);
        AssertNoMarkers(text);
        var charlie = await world.CreateClient().GetStringAsync($"/cases/{world.Charlie}");
        Assert.Contains("Charlie laundering", charlie, StringComparison.Ordinal);
        AssertNoMarkers(charlie);
    }

    private static void AssertNoMarkers(string text)
    {
        foreach (var marker in Markers)
        {
            Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteCaseExportTests(SqliteWorld world) : CaseExportTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresCaseExportTests(PostgresWorld world) : CaseExportTests(world), IClassFixture<PostgresWorld>;
