using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>A submission of 100,000 measure rows is accepted (the import streams the sheets; bench/ measures its speed).</summary>
public sealed class LargeImportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task One_hundred_thousand_rows_are_accepted()
    {
        using var admin = await app.SecretariatClientAsync();
        // A client that waits longer than the 2-minute bound asserted below, so a slow import fails on that bound with its
        // time rather than on the client's 100-second default.
        using var patient = app.CreateClient();
        patient.Timeout = TimeSpan.FromMinutes(4);
        patient.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var created = await admin.PostAsJsonAsync("/api/v1/rounds", new { code = "LARGE", title = "Large", periodFrom = "2010-01-01", periodTo = "2020-06-30", deadline = "2030-01-01T00:00:00Z", states = new[] { "NGA" } });
        var round = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var template = await admin.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=NGA");
        var file = WorkbookFiller.Fill(template,
            [[null, "BULK-1", "Bulk case with many frozen accounts", "CHE", "Requesting", "Art23", "", ""]],
            Enumerable.Range(0, 100_000).Select(i => new string?[] { "BULK-1", "Frozen", "BankFunds", (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "USD", $"{2010 + (i % 10)}-{1 + (i % 12):D2}", null, null }));

        var watch = Stopwatch.StartNew();
        var response = await patient.PostAsync($"/api/v1/rounds/{round}/submissions/NGA", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "bulk.xlsx" } });
        watch.Stop();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(100_000, summary.GetProperty("measures").GetInt32());
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"Import took {watch.Elapsed}.");
        await app.WithDbAsync(async db => Assert.Equal(100_000, await db.Set<SubmittedMeasure>().CountAsync()));
    }
}
