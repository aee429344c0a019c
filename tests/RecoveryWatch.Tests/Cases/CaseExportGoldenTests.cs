using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Cases;

/// <summary>The world of the access tests (restricted, draft and focal-point data) plus demo cases.</summary>
public class ExportGoldenWorld(DatabaseKind kind) : WorldApp(kind)
{
    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedDemoCases>().HandleAsync(300, SeedDemoCases.DefaultSeed, "test");
    }
}

public sealed class SqliteExportGoldenWorld() : ExportGoldenWorld(DatabaseKind.Sqlite);

public sealed class PostgresExportGoldenWorld() : ExportGoldenWorld(DatabaseKind.Postgres);

/// <summary>
/// The export reads each detail table once per batch and attaches the rows in memory. Its output must be byte for byte what
/// the former reading gave — every case loaded with its eight detail collections through split includes, then projected
/// for the reader — for every kind of reader (restricted details filtered exactly as before) and with filters.
/// </summary>
public abstract class CaseExportGoldenTests(ExportGoldenWorld world)
{
    public static TheoryData<string, string> Readers()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in new[] { "public", "statesParties", "secretariat", "focalNGA", "focalGBR" })
        {
            foreach (var filter in new[] { "none", "state=GBR", "stage=Confiscated", "q=a" })
            {
                data.Add(reader, filter);
            }
        }

        return data;
    }

    private static CaseReader Reader(string name) => name switch
    {
        "public" => CaseReader.Public,
        "statesParties" => CaseReader.StatesParties,
        "secretariat" => CaseReader.Secretariat,
        "focalNGA" => CaseReader.ForStates(["NGA"]),
        _ => CaseReader.ForStates(["GBR"]),
    };

    private static CaseFilter Filter(string name) => name switch
    {
        "state=GBR" => new CaseFilter { State = "GBR" },
        "stage=Confiscated" => new CaseFilter { Stage = Stage.Confiscated },
        "q=a" => new CaseFilter { Q = "a" },
        _ => new CaseFilter(),
    };

    /// <summary>The export as it read cases before: all of them with their details through split includes.</summary>
    private static async IAsyncEnumerable<CaseDetails> FormerAsync(RecoveryWatchDbContext db, CaseFilter filter, CaseReader reader)
    {
        var cases = await db.Cases.AsNoTracking().VisibleTo(reader).Filter(filter, reader, db.CountedFiguresVisibleTo(reader))
            .OrderBy(c => c.Id)
            .Include(c => c.States).Include(c => c.Offences).Include(c => c.Proceedings).Include(c => c.Measures)
            .Include(c => c.Victims).Include(c => c.ThirdParties).Include(c => c.Challenges).Include(c => c.Sources)
            .AsSplitQuery()
            .ToListAsync();
        foreach (var c in cases)
        {
            yield return GetCase.Project(c, reader);
        }
    }

    private static string Label(string list, string code) => list + ":" + code;

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Csv_and_json_exports_are_byte_identical_to_the_former_reading(string readerName, string filterName)
    {
        var reader = Reader(readerName);
        var filter = Filter(filterName);
        await using var scope = world.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        var export = scope.ServiceProvider.GetRequiredService<ExportCases>();
        // Small batches, so that cases and their details cross batch boundaries.
        export.BatchSize = 37;
        foreach (var (format, labeler) in new (ExportFormat, CodeLabeler?)[] { (ExportFormat.Csv, null), (ExportFormat.Csv, Label), (ExportFormat.Json, null), (ExportFormat.Json, Label) })
        {
            using var former = new MemoryStream();
            if (format == ExportFormat.Csv)
            {
                await ExportCases.WriteCsvAsync(FormerAsync(db, filter, reader), former, labeler, CancellationToken.None);
            }
            else
            {
                await ExportCases.WriteJsonAsync(FormerAsync(db, filter, reader), former, labeler, CancellationToken.None);
            }

            using var now = new MemoryStream();
            await export.WriteAsync(format, filter, reader, now, labeler);
            Assert.True(former.Length > 200, $"{format}: the former export is nearly empty");
            Assert.True(former.ToArray().AsSpan().SequenceEqual(now.ToArray()), $"{format} labels={labeler is not null}: the export differs from the former reading");
        }
    }

    [Fact]
    public async Task The_world_has_enough_cases_for_several_batches_of_details()
    {
        var count = 0;
        await world.WithDbAsync(async db => count = await db.Cases.CountAsync());
        Assert.True(count > 300, $"{count} cases");
    }
}

public sealed class SqliteCaseExportGoldenTests(SqliteExportGoldenWorld world) : CaseExportGoldenTests(world), IClassFixture<SqliteExportGoldenWorld>;

public sealed class PostgresCaseExportGoldenTests(PostgresExportGoldenWorld world) : CaseExportGoldenTests(world), IClassFixture<PostgresExportGoldenWorld>;
