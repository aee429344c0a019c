using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Cases;

/// <summary>Every filter of <c>/api/v1/cases</c>, paging and the case page, on each database.</summary>
public abstract class CaseSearchTests(WorldApp world)
{
    private async Task<(int[] Ids, int Total)> SearchAsync(string query, HttpClient? client = null)
    {
        var http = client ?? world.CreateClient();
        var response = await http.GetAsync("/api/v1/cases?pageSize=200&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToArray();
        return (ids, body.GetProperty("total").GetInt32());
    }

    private async Task AssertFindsAsync(string query, params int[] expected)
    {
        var (ids, total) = await SearchAsync(query);
        Assert.Equal(expected.Order(), ids.Order());
        Assert.Equal(expected.Length, total);
    }

    [Fact]
    public async Task Anonymous_search_lists_published_public_cases_only() =>
        await AssertFindsAsync(string.Empty, [.. world.Public]);

    [Fact]
    public async Task Secretariat_search_also_lists_drafts_and_restricted_cases()
    {
        using var client = await world.SecretariatClientAsync();
        var (ids, _) = await SearchAsync(string.Empty, client);
        Assert.Contains(world.Delta, ids);
        Assert.Contains(world.Echo, ids);
    }

    [Fact]
    public async Task Free_text_matches_title_case_insensitively() => await AssertFindsAsync("q=EMBEZZLEMENT", world.Alpha);

    [Fact]
    public async Task Free_text_matches_public_summary() => await AssertFindsAsync("q=nile delta", world.Foxtrot);

    [Fact]
    public async Task Free_text_never_matches_a_restricted_summary_for_the_public()
    {
        await AssertFindsAsync("q=" + WorldApp.RestrictedSummary);
        using var client = await world.SecretariatClientAsync();
        Assert.Equal([world.Charlie], (await SearchAsync("q=" + WorldApp.RestrictedSummary, client)).Ids);
    }

    [Fact]
    public async Task State_filter_matches_any_role() => await AssertFindsAsync("state=GBR", world.Charlie, world.Golf);

    [Fact]
    public async Task State_and_role_filter_match_together()
    {
        await AssertFindsAsync("state=CHE&role=Requested", world.Alpha);
        await AssertFindsAsync("state=CHE&role=Requesting");
    }

    [Fact]
    public async Task Role_alone_filters_on_any_State_with_that_role() => await AssertFindsAsync("role=Transit");

    [Fact]
    public async Task Restricted_transit_State_is_found_by_the_Secretariat_only()
    {
        await AssertFindsAsync("state=CYP");
        using var client = await world.SecretariatClientAsync();
        Assert.Equal([world.Charlie], (await SearchAsync("state=CYP", client)).Ids);
    }

    [Fact]
    public async Task Region_filter_uses_the_UN_regional_group() =>
        await AssertFindsAsync("region=LatinAmericanCaribbean", world.Bravo);

    [Fact]
    public async Task Region_and_role_filter_match_the_same_State() =>
        await AssertFindsAsync("region=WesternEuropeanOther&role=Requesting");

    [Fact]
    public async Task Stage_filter_ignores_measures_the_reader_may_not_see() =>
        await AssertFindsAsync("stage=Confiscated", world.Alpha);

    [Fact]
    public async Task Stage_filter_for_seizure() => await AssertFindsAsync("stage=Seized", world.Bravo);

    [Fact]
    public async Task Route_filter_ignores_restricted_proceedings() => await AssertFindsAsync("route=Art54_1c", world.Bravo);

    [Fact]
    public async Task Offence_filter() => await AssertFindsAsync("offence=Art23", world.Alpha, world.Charlie);

    [Fact]
    public async Task Year_range_matches_cases_with_a_measure_in_the_range()
    {
        await AssertFindsAsync("yearFrom=2012&yearTo=2013", world.Bravo);
        await AssertFindsAsync("yearFrom=2020", world.Alpha);
        await AssertFindsAsync("yearTo=2010", world.Foxtrot);
    }

    [Fact]
    public async Task Minimum_US_dollar_amount_uses_the_dated_rate()
    {
        // Foxtrot froze 3,000,000 EUR = 3,600,000 USD; Bravo 5,000,000 USD; Alpha's largest is 1,100,000 USD.
        await AssertFindsAsync("minUsd=2000000", world.Bravo, world.Foxtrot);
        await AssertFindsAsync("minUsd=1000000&maxUsd=1200000", world.Alpha);
    }

    [Fact]
    public async Task Paging_returns_disjoint_pages_that_cover_the_result()
    {
        var seen = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await world.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases?pageSize=2&page={page}&sort=Title");
            Assert.Equal(world.Public.Count, body.GetProperty("total").GetInt32());
            Assert.Equal(page, body.GetProperty("page").GetInt32());
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        }

        Assert.Equal(world.Public.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Sort_by_title_orders_items()
    {
        var body = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cases?sort=Title");
        var titles = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);
    }

    [Theory]
    [InlineData("stage=Melted", "stage")]
    [InlineData("state=XXX", "state")]
    [InlineData("yearFrom=abc", "yearFrom")]
    [InlineData("minUsd=-5", "minUsd")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("route=Art99", "route")]
    public async Task Bad_filter_is_a_problem_naming_the_parameter(string query, string field)
    {
        var response = await world.CreateClient().GetAsync("/api/v1/cases?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Case_detail_shows_measures_in_date_order_with_original_and_usd_amounts()
    {
        var body = await world.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{world.Alpha}");
        var measures = body.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(["Frozen", "Confiscated", "Returned"], measures.Select(m => m.GetProperty("stage").GetString()));
        Assert.Equal(1_000_000m, measures[0].GetProperty("amount").GetDecimal());
        Assert.Equal("CHF", measures[0].GetProperty("currency").GetString());
        Assert.Equal("2015-03", measures[0].GetProperty("date").GetString());
        Assert.Equal(1_100_000m, measures[0].GetProperty("usd").GetDecimal());
    }

    [Fact]
    public async Task Case_detail_hides_restricted_details_from_the_public()
    {
        var response = await world.CreateClient().GetStringAsync($"/api/v1/cases/{world.Charlie}");
        Assert.DoesNotContain(WorldApp.RestrictedSummary, response, StringComparison.Ordinal);
        Assert.DoesNotContain(WorldApp.RestrictedVictim, response, StringComparison.Ordinal);
        Assert.DoesNotContain(WorldApp.RestrictedSource, response, StringComparison.Ordinal);
        Assert.DoesNotContain("CYP", response, StringComparison.Ordinal);
        Assert.DoesNotContain("250000", response, StringComparison.Ordinal);

        using var client = await world.SecretariatClientAsync();
        var full = await client.GetStringAsync($"/api/v1/cases/{world.Charlie}");
        Assert.Contains(WorldApp.RestrictedSummary, full, StringComparison.Ordinal);
        Assert.Contains("CYP", full, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("secretariat")]
    [InlineData("missing")]
    public async Task Unpublished_restricted_or_missing_case_is_not_found_for_the_public(string which)
    {
        var id = which switch { "draft" => world.Delta, "secretariat" => world.Echo, _ => 999_999 };
        var api = await world.CreateClient().GetAsync($"/api/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var page = await world.CreateClient().GetAsync($"/cases/{id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("MARKER", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_page_shows_timeline_parties_legal_basis_and_sources()
    {
        var html = await world.CreateClient().GetStringAsync($"/cases/{world.Alpha}?culture=en");
        Assert.Contains("Alpha embezzlement of public funds", html, StringComparison.Ordinal);
        Assert.Contains("class=\"timeline\"", html, StringComparison.Ordinal);
        Assert.Matches("CHF(&#xA0;|\u00A0)1,000,000", html);
        Assert.Matches("USD(&#xA0;|\u00A0)1,100,000", html);
        Assert.Contains("March 2015", html, StringComparison.Ordinal);
        Assert.Contains("UNCAC art. 17", html, StringComparison.Ordinal);
        Assert.Contains("UNCAC art. 55(1)(b)", html, StringComparison.Ordinal);
        Assert.Contains("Switzerland", html, StringComparison.Ordinal);
        Assert.Contains("Nigeria", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_page_lists_cases_with_facets()
    {
        var html = await world.CreateClient().GetStringAsync("/cases?culture=en&state=GBR");
        Assert.Contains("Charlie laundering through real estate", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha embezzlement", html, StringComparison.Ordinal);
        Assert.Contains("2 cases", html, StringComparison.Ordinal);
        Assert.Contains("class=\"facets\"", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteCaseSearchTests(SqliteWorld world) : CaseSearchTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresCaseSearchTests(PostgresWorld world) : CaseSearchTests(world), IClassFixture<PostgresWorld>;
