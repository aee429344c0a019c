using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using MiniExcelLibs;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Tests.Infrastructure;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>Issue 12 for API users, on each database: the human API reference, a described OpenAPI document, the codebook
/// (JSON and page, the challenge taxonomy read from the database) and export label columns in the reader's language.</summary>
public abstract partial class ApiDocsTests(WorldApp world)
{
    [Fact]
    public async Task The_api_reference_is_public_and_reads_the_openapi_document()
    {
        var response = await world.CreateClient().GetAsync("/api/docs/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>RecoveryWatch API</title>", html, StringComparison.Ordinal);
        Assert.Contains("scalar.js", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);

        // Only this page may run its inline start-up script, and only with the nonce of this response.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceAttribute().Match(html).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"'nonce-{nonce}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        var page = await world.CreateClient().GetAsync("/cases");
        var strict = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("nonce", strict, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", strict, StringComparison.Ordinal);

        // Its script comes from the application itself, not from a CDN.
        var script = await world.CreateClient().GetAsync("/api/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var redirect = await world.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/docs");
        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently, redirect.StatusCode.ToString());
    }

    [Fact]
    public async Task Every_page_links_the_api_reference_and_the_codebook()
    {
        var html = await world.CreateClient().GetStringAsync("/cases");
        Assert.Contains("href=\"/api/docs/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/codebook\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_is_described_and_declares_the_case_filters()
    {
        var document = await world.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var info = document.GetProperty("info");
        Assert.Equal("RecoveryWatch API", info.GetProperty("title").GetString());
        Assert.Contains("Working Group on Asset Recovery", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("RFC 9457", info.GetProperty("description").GetString(), StringComparison.Ordinal);

        var search = document.GetProperty("paths").GetProperty("/api/v1/cases").GetProperty("get");
        var parameters = search.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("query", parameters["stage"].GetProperty("in").GetString());
        Assert.Contains("Frozen", parameters["stage"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", parameters["state"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("integer", parameters["yearFrom"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(200, parameters["pageSize"].GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.True(parameters["pageSize"].TryGetProperty("example", out _));
        var problem = search.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json");
        Assert.True(problem.GetProperty("schema").GetProperty("properties").TryGetProperty("errors", out _));

        var export = document.GetProperty("paths").GetProperty("/api/v1/export/cases.{format}").GetProperty("get");
        var exportParameters = export.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("stage", exportParameters);
        Assert.Contains("labels", exportParameters);
        Assert.Contains("lang", exportParameters);
        Assert.True(export.GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public void Every_declared_filter_is_read_by_the_binder()
    {
        // A control character is refused by the binder for every parameter it reads, naming it: a declared name that the
        // binder ignored would report nothing.
        foreach (var name in ApiDocumentation.FilterNames)
        {
            var bound = CaseFilterBinder.Bind(new QueryCollection(new Dictionary<string, StringValues> { [name] = "x\u0001" }));
            Assert.Contains(bound.Errors, e => e.Field == name);
        }
    }

    [Fact]
    public async Task The_codebook_has_every_list_with_six_languages_and_the_taxonomy_of_the_database()
    {
        var codebook = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/codebook");
        Assert.Equal(Codebook.ListNames, codebook.EnumerateObject().Select(p => p.Name));
        var frozen = codebook.GetProperty("stages").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "Frozen").GetProperty("labels");
        Assert.Equal("مجمدة", frozen.GetProperty("ar").GetString());
        Assert.Equal("已冻结", frozen.GetProperty("zh").GetString());
        Assert.Equal(6, frozen.EnumerateObject().Count());
        var route = codebook.GetProperty("legalRoutes").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "Art54_1c");
        Assert.Equal("54(1)(c)", route.GetProperty("article").GetString());
        var status = codebook.GetProperty("caseStatus").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "Published");
        Assert.Equal("Publiée", status.GetProperty("labels").GetProperty("fr").GetString());

        using var secretariat = await world.SecretariatClientAsync();
        var names = new Dictionary<string, string?>
        {
            ["ar"] = "تقييم الموجودات في الدفاتر",
            ["zh"] = "账面资产估值",
            ["en"] = "Book valuation of assets",
            ["fr"] = "Évaluation comptable des avoirs",
            ["ru"] = "Балансовая оценка активов",
            ["es"] = "Valoración contable de los activos",
        };
        var created = await secretariat.PostAsJsonAsync("/api/v1/challenges", new ChallengeTypeDocument { Code = "CodebookBookValuation", Names = names, Description = "Added by a test." }, RecoveryWatchApp.Json);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, created.StatusCode.ToString());
        var one = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/codebook?list=challenges");
        Assert.Equal(["challenges"], one.EnumerateObject().Select(p => p.Name));
        var added = one.GetProperty("challenges").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "CodebookBookValuation");
        Assert.Equal("Балансовая оценка активов", added.GetProperty("labels").GetProperty("ru").GetString());
        var page = await world.CreateClient().GetStringAsync("/codebook?culture=zh");
        Assert.Contains("账面资产估值", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_codebook_list_is_a_problem_naming_list()
    {
        var response = await world.CreateClient().GetAsync("/api/v1/codebook?list=nothing");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("list", out _));
    }

    [Fact]
    public async Task The_codebook_page_is_public_and_right_to_left_in_arabic()
    {
        var response = await world.CreateClient().GetAsync("/codebook?culture=ar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
        Assert.Contains("دليل الرموز", html, StringComparison.Ordinal);
        Assert.Contains("مجمدة", html, StringComparison.Ordinal);
        Assert.Contains("<code>Art54_1c</code>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/codebook\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_export_with_labels_adds_label_columns_in_the_chosen_language()
    {
        var text = await world.CreateClient().GetStringAsync("/api/v1/export/cases.csv?labels=true&lang=fr");
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var alpha = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>()
            .Single(r => (string)r["id"] == world.Alpha.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("Published", alpha["status"]);
        Assert.Equal("Publiée", alpha["status_label"]);
        Assert.Equal("NGA", alpha["requesting_states"]);
        Assert.Equal("Nigéria", alpha["requesting_states_label"]);
        Assert.Equal("Suisse", alpha["requested_states_label"]);
        var header = text.TrimStart('\uFEFF')[..text.TrimStart('\uFEFF').IndexOf('\n', StringComparison.Ordinal)].Trim().Split(',');
        Assert.Equal(header.IndexOf("offences") + 1, header.IndexOf("offences_label"));
        Assert.Equal(header.IndexOf("legal_routes") + 1, header.IndexOf("legal_routes_label"));
    }

    [Fact]
    public async Task Default_export_is_unchanged_and_labels_follow_the_request_language()
    {
        var plain = await world.CreateClient().GetStringAsync("/api/v1/export/cases.csv");
        Assert.StartsWith("id,title,summary,status,synthetic,", plain.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.DoesNotContain("_label", plain, StringComparison.Ordinal);

        var bytes = await world.CreateClient().GetByteArrayAsync("/api/v1/export/cases.xlsx?labels=true&culture=es");
        var row = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Single(r => Convert.ToInt32(r["id"], CultureInfo.InvariantCulture) == world.Alpha);
        Assert.Equal("Publicado", row["status_label"]);

        var json = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/export/cases.json?labels=true&lang=ar");
        var alpha = json.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == world.Alpha);
        Assert.Equal("منشورة", alpha.GetProperty("labels").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("labels=true&lang=de", "lang")]
    [InlineData("labels=true&lang=FR", "lang")]
    [InlineData("labels=yes", "labels")]
    public async Task A_bad_label_option_is_a_problem_naming_it(string query, string field)
    {
        var response = await world.CreateClient().GetAsync("/api/v1/export/cases.csv?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();
}

public sealed class SqliteApiDocsTests(SqliteWorld world) : ApiDocsTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresApiDocsTests(PostgresWorld world) : ApiDocsTests(world), IClassFixture<PostgresWorld>;
