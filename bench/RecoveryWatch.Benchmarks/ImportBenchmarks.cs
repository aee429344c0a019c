using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Collection;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Benchmarks;

/// <summary>Import of a 10,000-row submission (one case, 10,000 measures) into a fresh SQLite database, as the upload page
/// and the import-submission verb run it; the generated workbook is saved as bench/data/import-10000.xlsx for the
/// whole-process peak-memory measurement of bench/README.md. Ratio against reading the workbook alone.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ImportBenchmarks
{
    public const int Rows = 10_000;
    private ServiceProvider _services = null!;
    private byte[] _file = [];
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rw-import-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:RecoveryWatch"] = $"Data Source={Path.Combine(folder, "import.db")}",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddRecoveryWatchData(configuration).BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
        _round = scope.ServiceProvider.GetRequiredService<Rounds>().CreateAsync(new CreateRoundRequest
        {
            Code = "BENCH", Title = "Benchmark", PeriodFrom = new DateOnly(2010, 1, 1), PeriodTo = new DateOnly(2020, 6, 30),
            Deadline = DateTimeOffset.UtcNow.AddYears(1), States = ["NGA"],
        }, "bench").GetAwaiter().GetResult().Id;
        var template = scope.ServiceProvider.GetRequiredService<SubmissionTemplate>().WriteAsync(_round, "NGA", "en").GetAwaiter().GetResult().Content;
        _file = Fill(template);
        var data = Path.Combine(BenchDatabaseFolder(), "import-10000.xlsx");
        File.WriteAllBytes(data, _file);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "read and check the workbook only")]
    public int Read() => WorkbookReader.Read(_file, [Questionnaire.CasesSheet, Questionnaire.MeasuresSheet])[Questionnaire.MeasuresSheet].Count;

    [Benchmark(Description = "import 10,000 rows (read, validate, store)")]
    public async Task<int> Import()
    {
        await using var scope = _services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<ImportSubmission>().HandleAsync(_round, "NGA", "bench.xlsx", _file, "bench", Replacement.Current);
        return summary.Measures;
    }

    private static string BenchDatabaseFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecoveryWatch.slnx")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? Directory.GetCurrentDirectory(), "bench", "data");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static byte[] Fill(byte[] template)
    {
        var stream = new MemoryStream();
        stream.Write(template);
        using (var book = SpreadsheetDocument.Open(stream, true))
        {
            Append(book, "Cases", [[string.Empty, "B-1", "Benchmark case", "CHE", "Requesting", "Art23", string.Empty, string.Empty]]);
            Append(book, "Measures", Enumerable.Range(0, Rows).Select(i => new[] { "B-1", "Frozen", "BankFunds", (1000 + i).ToString(CultureInfo.InvariantCulture), "USD", $"{2010 + (i % 10)}-{1 + (i % 12):D2}", string.Empty, string.Empty }));
        }

        return stream.ToArray();
    }

    private static void Append(SpreadsheetDocument book, string name, IEnumerable<string[]> rows)
    {
        var sheet = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var data = ((WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        var next = (data.Elements<Row>().LastOrDefault()?.RowIndex?.Value ?? 0) + 1;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = next };
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c].Length > 0)
                {
                    row.Append(new Cell { CellReference = ((char)('A' + c)) + next.ToString(CultureInfo.InvariantCulture), DataType = CellValues.InlineString, InlineString = new InlineString(new Text(values[c])) });
                }
            }

            data.Append(row);
            next++;
        }
    }
}
