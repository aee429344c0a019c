using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Benchmarks;

/// <summary>Whole open-data exports of every public case (about 90% of 100,000) to a null stream, against a hand-written
/// SELECT of the same columns streamed to CSV with the same writer (no counting rule, no hiding of restricted States in
/// other details: the floor of any export). Allocated bytes count everything allocated over the export, not what is held
/// at once: the streaming claim is checked by the peak resident set of the export-cases verb (bench/README.md).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CaseExportBenchmarks
{
    /// <summary>The CSV's columns from one SELECT: public, published cases; each detail list from the public rows.</summary>
    private const string HandWrittenSql = """
        SELECT c."Id", c."Title", c."Summary", c."Status", c."IsSynthetic",
          (SELECT group_concat("StateCode", ';') FROM "CaseStates" s WHERE s."CaseId" = c."Id" AND s."Role" = 'Requesting' AND s."Visibility" = 'Public'),
          (SELECT group_concat("StateCode", ';') FROM "CaseStates" s WHERE s."CaseId" = c."Id" AND s."Role" = 'Requested' AND s."Visibility" = 'Public'),
          (SELECT group_concat("StateCode", ';') FROM "CaseStates" s WHERE s."CaseId" = c."Id" AND s."Role" = 'Transit' AND s."Visibility" = 'Public'),
          (SELECT group_concat("OffenceCode", ';') FROM "CaseOffence" o WHERE o."CaseId" = c."Id"),
          (SELECT group_concat(DISTINCT "RouteCode") FROM "Proceeding" p WHERE p."CaseId" = c."Id" AND p."Visibility" = 'Public'),
          (SELECT group_concat("Amount" || ' ' || "Currency", '; ') FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Frozen' AND m."Visibility" = 'Public'),
          (SELECT SUM("UsdAmount") FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Frozen' AND m."Visibility" = 'Public'),
          (SELECT group_concat("Amount" || ' ' || "Currency", '; ') FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Seized' AND m."Visibility" = 'Public'),
          (SELECT SUM("UsdAmount") FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Seized' AND m."Visibility" = 'Public'),
          (SELECT group_concat("Amount" || ' ' || "Currency", '; ') FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Confiscated' AND m."Visibility" = 'Public'),
          (SELECT SUM("UsdAmount") FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Confiscated' AND m."Visibility" = 'Public'),
          (SELECT group_concat("Amount" || ' ' || "Currency", '; ') FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Returned' AND m."Visibility" = 'Public'),
          (SELECT SUM("UsdAmount") FROM "Measures" m WHERE m."CaseId" = c."Id" AND m."Stage" = 'Returned' AND m."Visibility" = 'Public'),
          c."FirstYear", c."LastYear",
          (SELECT group_concat(coalesce("Url", "Title"), ' | ') FROM "CaseSource" s WHERE s."CaseId" = c."Id" AND s."Visibility" = 'Public'),
          c."UpdatedAt"
        FROM "Cases" c WHERE c."Status" = 'Published' AND c."Visibility" = 'Public' ORDER BY c."Id"
        """;

    /// <summary>The same statement in PostgreSQL's spelling: <c>string_agg</c> for SQLite's <c>group_concat</c>.</summary>
    private static readonly string HandWrittenPostgresSql = HandWrittenSql
        .Replace("group_concat(DISTINCT \"RouteCode\")", "string_agg(DISTINCT \"RouteCode\", ',')", StringComparison.Ordinal)
        .Replace("group_concat(", "string_agg(", StringComparison.Ordinal);

    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup() => _services = BenchDatabase.CreateServices();

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private async Task ExportAsync(ExportFormat format)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExportCases>().WriteAsync(format, new CaseFilter(), CaseReader.Public, Stream.Null);
    }

    [Benchmark(Baseline = true, Description = "hand-written SELECT of the same columns streamed to CSV")]
    public async Task<int> HandWrittenCsv()
    {
        await using var scope = _services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = connection is Npgsql.NpgsqlConnection ? HandWrittenPostgresSql : HandWrittenSql;
        await using var reader = await command.ExecuteReaderAsync();
        await using var text = new StreamWriter(Stream.Null, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var column in ExportCases.Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                csv.WriteField(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            await csv.NextRecordAsync();
            if (++rows % 200 == 0)
            {
                await csv.FlushAsync();
            }
        }

        await csv.FlushAsync();
        return rows;
    }

    [Benchmark(Description = "CSV")]
    public Task Csv() => ExportAsync(ExportFormat.Csv);

    [Benchmark(Description = "JSON")]
    public Task Json() => ExportAsync(ExportFormat.Json);

    [Benchmark(Description = "XLSX")]
    public Task Xlsx() => ExportAsync(ExportFormat.Xlsx);
}
