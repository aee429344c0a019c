using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Analytics;

/// <summary>Rates: USD and EUR from 2000 (1 EUR = 1.2 USD), none for the yen. A euro case frozen in 2016-03 and a yen case
/// frozen in 2018, each alone in its year.</summary>
public class RatesWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public int Euro { get; private set; }
    public int Yen { get; private set; }

    protected override async Task SeedAsync()
    {
        await WithDbAsync(async db =>
        {
            db.ExchangeRates.AddRange(new ExchangeRate("USD", new DateOnly(2000, 1, 1), 1m, "test"), new ExchangeRate("EUR", new DateOnly(2000, 1, 1), 1.2m, "test"));
            await db.SaveChangesAsync();
        });
        Euro = await CreateCaseAsync(Case("Frozen in euros").Between("NGA", "FRA").Measure(Stage.Frozen, 1_000m, "EUR", "2016-03").Offence("Art17"));
        Yen = await CreateCaseAsync(Case("Frozen in yen").Between("PER", "JPN").Measure(Stage.Frozen, 5_000m, "JPY", "2018").Offence("Art16"));
    }
}

public sealed class SqliteRatesWorld() : RatesWorld(DatabaseKind.Sqlite);

public sealed class PostgresRatesWorld() : RatesWorld(DatabaseKind.Postgres);

/// <summary>Importing rates through the API and the page, on both engines: the figures, the statistics and the audit log
/// follow in the same transaction, and a file with any error changes nothing.</summary>
public abstract partial class ExchangeRateImportTests(RatesWorld world)
{
    private sealed record Row(string Group, string Stage, int Cases, decimal UsdTotal, int CasesWithoutRate);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<Dictionary<(string, string), Row>> VolumesByYearAsync()
    {
        var rows = await world.CreateClient().GetFromJsonAsync<List<Row>>("/api/v1/statistics/volumes?by=year", RecoveryWatchApp.Reading);
        return rows!.ToDictionary(r => (r.Group, r.Stage));
    }

    private async Task<(decimal? Usd, DateOnly? RateDate)> FigureAsync(int caseId)
    {
        var details = await world.CreateClient().GetFromJsonAsync<CaseDetails>($"/api/v1/cases/{caseId}", RecoveryWatchApp.Json);
        var measure = Assert.Single(details!.Measures);
        return (measure.Usd, measure.UsdRateDate);
    }

    [Fact]
    public async Task A_good_import_converts_at_the_nearest_earlier_rate_and_the_statistics_follow()
    {
        Assert.Equal((1_200m, new DateOnly(2000, 1, 1)), await FigureAsync(world.Euro));
        using var secretariat = await world.SecretariatClientAsync();
        var response = await secretariat.PostAsync("/api/v1/exchange-rates", Csv("""
            date,currency,units_per_usd,source
            2016-01-01,EUR,0.8,Test central bank
            2016-06-01,EUR,0.5,Test central bank
            2019-01-01,JPY,110,Test central bank
            """));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var summary = (await response.Content.ReadFromJsonAsync<RatesImportSummary>(RecoveryWatchApp.Json))!;
        Assert.Equal(["EUR", "JPY"], summary.Currencies);
        Assert.Equal((3, 0), (summary.Added, summary.Replaced));
        Assert.Equal(1, summary.MeasuresReconverted);

        // 2016-03 takes the rate of 2016-01-01 (1 / 0.8 = 1.25), not the later one of June; the yen figure of 2018 has no rate
        // on or before its date, so it still counts without a rate, never as zero.
        Assert.Equal((1_250m, new DateOnly(2016, 1, 1)), await FigureAsync(world.Euro));
        Assert.Equal((null, null), await FigureAsync(world.Yen));
        var volumes = await VolumesByYearAsync();
        Assert.Equal(new Row("2016", "Frozen", 1, 1_250m, 0), volumes[("2016", "Frozen")]);
        Assert.Equal(new Row("2018", "Frozen", 1, 0m, 1), volumes[("2018", "Frozen")]);

        // The same date again is a correction: replaced, not added.
        var again = await secretariat.PostAsync("/api/v1/exchange-rates", Csv("date,currency,units_per_usd,source\n2016-01-01,EUR,0.5,Corrected\n"));
        var corrected = (await again.Content.ReadFromJsonAsync<RatesImportSummary>(RecoveryWatchApp.Json))!;
        Assert.Equal((0, 1, 1), (corrected.Added, corrected.Replaced, corrected.MeasuresReconverted));
        Assert.Equal((2_000m, new DateOnly(2016, 1, 1)), await FigureAsync(world.Euro));
        Assert.Equal(2_000m, (await VolumesByYearAsync())[("2016", "Frozen")].UsdTotal);

        var page = await world.CreateClient().GetStringAsync($"/cases/{world.Euro}");
        Assert.Contains("Corrected", page, StringComparison.Ordinal);
        Assert.Contains(">no exchange rate<", await world.CreateClient().GetStringAsync($"/cases/{world.Yen}"), StringComparison.Ordinal);

        await world.WithDbAsync(async db =>
        {
            var audit = await db.AuditEntries.Where(a => a.Action == "import-rates").OrderBy(a => a.Sequence).ToListAsync();
            Assert.True(audit.Count >= 2);
            Assert.Contains("\"replaced\":1", audit[^1].NewValues, StringComparison.Ordinal);
            Assert.Contains("Test central bank", audit[^1].OldValues, StringComparison.Ordinal);
            Assert.True((await new RecoveryWatch.Auditing.AuditChain(db).VerifyAsync()).Intact);
        });
    }

    [Fact]
    public async Task A_file_with_errors_stores_nothing_and_names_every_line()
    {
        var before = await SnapshotAsync();
        using var secretariat = await world.SecretariatClientAsync();
        var response = await secretariat.PostAsync("/api/v1/exchange-rates", Csv("""
            date,currency,units_per_usd,source
            2010-01-01,EUR,0.7,Good line
            2010-01-01,GBP,0,Bank
            2010-01-01,ABC,1,Bank
            2010-02-30,CHF,1,Bank
            2010-01-01,EUR,0.71,Same date again
            """));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["line 3: units_per_usd", "line 4: currency", "line 5: date", "line 6: currency"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Two_imports_of_the_same_rate_at_once_leave_one_rate_one_added_and_one_replaced()
    {
        using var first = await world.SecretariatClientAsync();
        using var second = await world.SecretariatClientAsync();
        const string Text = "date,currency,units_per_usd,source\n2013-01-01,AUD,1.3,Race\n";
        var responses = await Task.WhenAll(first.PostAsync("/api/v1/exchange-rates", Csv(Text)), second.PostAsync("/api/v1/exchange-rates", Csv(Text)));
        var summaries = new List<RatesImportSummary>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            summaries.Add((await response.Content.ReadFromJsonAsync<RatesImportSummary>(RecoveryWatchApp.Json))!);
        }

        Assert.Equal((1, 1), (summaries.Sum(s => s.Added), summaries.Sum(s => s.Replaced)));
        await world.WithDbAsync(async db => Assert.Equal(1, await db.ExchangeRates.CountAsync(r => r.Currency == "AUD")));
    }

    [Fact]
    public async Task Anyone_reads_the_rates_but_only_the_Secretariat_imports()
    {
        var anonymous = world.CreateClient();
        var post = await anonymous.PostAsync("/api/v1/exchange-rates", Csv("date,currency,units_per_usd,source\n2011-01-01,EUR,0.7,Bank\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        var list = await anonymous.GetFromJsonAsync<ExchangeRatePage>("/api/v1/exchange-rates?currency=eur", RecoveryWatchApp.Json);
        Assert.NotEmpty(list!.Items);
        Assert.All(list.Items, r => Assert.Equal("EUR", r.Currency));
        Assert.DoesNotContain(list.Items, r => r.Date == new DateOnly(2011, 1, 1));
    }

    [Fact]
    public async Task The_Secretariat_uploads_a_file_on_the_page_and_sees_the_counts_or_every_error()
    {
        using var form = FormClient.Create(world);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var good = await UploadAsync(form, "date,currency,units_per_usd,source\n2012-01-01,CHF,0.91,Swiss test bank\n2012-02-01,CHF,0.92,Swiss test bank\n");
        Assert.Contains("2 added, 0 replaced", good, StringComparison.Ordinal);
        Assert.Contains("Swiss test bank", await form.Http.GetStringAsync("/exchange-rates?currency=CHF"), StringComparison.Ordinal);

        var bad = await UploadAsync(form, "date,currency,units_per_usd,source\n2012-03-01,CHF,-1,Swiss test bank\n");
        Assert.Contains("nothing was stored", bad, StringComparison.Ordinal);
        Assert.Contains("line 2: units_per_usd", bad, StringComparison.Ordinal);
    }

    private static async Task<string> UploadAsync(FormClient form, string csv)
    {
        var page = await form.Http.GetStringAsync("/exchange-rates");
        var token = TokenField().Match(page);
        Assert.True(token.Success);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "RatesFile", "rates.csv" },
        };
        var response = await form.Http.PostAsync("/exchange-rates", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>Every rate and every measure's US-dollar figure, and the length of the audit log.</summary>
    private async Task<string> SnapshotAsync()
    {
        var snapshot = string.Empty;
        await world.WithDbAsync(async db =>
        {
            var rates = await db.ExchangeRates.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Currency, r.Date, r.UsdPerUnit, r.Source }).ToListAsync();
            var measures = await db.Measures.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.UsdAmount, m.UsdRateDate }).ToListAsync();
            snapshot = JsonSerializer.Serialize(new { rates, measures, audit = await db.AuditEntries.CountAsync() });
        });
        return snapshot;
    }
}

public sealed class SqliteExchangeRateImportTests(SqliteRatesWorld world) : ExchangeRateImportTests(world), IClassFixture<SqliteRatesWorld>;

public sealed class PostgresExchangeRateImportTests(PostgresRatesWorld world) : ExchangeRateImportTests(world), IClassFixture<PostgresRatesWorld>;
