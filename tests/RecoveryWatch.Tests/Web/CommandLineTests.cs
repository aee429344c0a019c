using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace RecoveryWatch.Tests.Web;

/// <summary>The command-line verbs run as a person runs them: a separate process on its own database.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rw-cli-").FullName;

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RecoveryWatch.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private string Database(string name) => $"--ConnectionStrings:RecoveryWatch=Data Source={Path.Combine(_folder, name)}";

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (exit, output, _) = await RunAsync("--help");
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "migrate", "seed-demo", "export-cases", "create-user", "verify-audit", "report", "import-submission", "import-rates" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Seed_demo_is_reproducible_and_exports_mark_synthetic_cases()
    {
        string[] titles = [];
        foreach (var name in new[] { "a.db", "b.db" })
        {
            var seeded = await RunAsync("seed-demo", "--cases", "25", "--seed", "7", Database(name));
            Assert.True(seeded.ExitCode == 0, seeded.Error);
            var json = Path.Combine(_folder, name + ".json");
            var exported = await RunAsync("export-cases", "--format", "json", "--out", json, Database(name));
            Assert.True(exported.ExitCode == 0, exported.Error);
            var cases = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("cases").EnumerateArray().ToList();
            Assert.NotEmpty(cases);
            Assert.All(cases, c => Assert.True(c.GetProperty("isSynthetic").GetBoolean()));
            var these = cases.Select(c => c.GetProperty("title").GetString()!).ToArray();
            if (titles.Length > 0)
            {
                Assert.Equal(titles, these);
            }

            titles = these;
        }

        var csvPath = Path.Combine(_folder, "a.csv");
        var csvRun = await RunAsync("export-cases", "--format", "csv", "--out", csvPath, Database("a.db"));
        Assert.Equal(0, csvRun.ExitCode);
        using var csv = new CsvReader(new StreamReader(csvPath), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(titles.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal("True", r["synthetic"]));
    }

    [Fact]
    public async Task Bad_input_exits_with_1_and_says_why()
    {
        var (exit, _, error) = await RunAsync("seed-demo", "--cases", "0", Database("c.db"));
        Assert.Equal(1, exit);
        Assert.Contains("cases", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed-demo", "--cases", "many")]
    [InlineData("export-cases", "--format", "pdf", "--out", "x")]
    [InlineData("create-user", "--email", "a@b.c", "--role", "Emperor")]
    [InlineData("seed-demo", "--unknown")]
    public async Task Usage_errors_exit_with_2(params string[] args)
    {
        var (exit, _, error) = await RunAsync([.. args, Database("d.db")]);
        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Create_user_adds_a_Secretariat_analyst()
    {
        var (exit, output, error) = await RunAsync("create-user", "--email", "analyst@recoverywatch.test", "--role", "SecretariatAnalyst", "--password", "Long-enough-password-1", Database("e.db"));
        Assert.True(exit == 0, error);
        Assert.Contains("analyst@recoverywatch.test", output, StringComparison.Ordinal);
        var again = await RunAsync("create-user", "--email", "analyst@recoverywatch.test", "--role", "SecretariatAnalyst", "--password", "Long-enough-password-1", Database("e.db"));
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task Create_user_binds_a_focal_point_to_its_State_and_refuses_an_unknown_one()
    {
        var created = await RunAsync("create-user", "--email", "fp@recoverywatch.test", "--role", "FocalPoint", "--state", "NGA", "--password", "Long-enough-password-1", Database("f.db"));
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("for NGA", created.Output, StringComparison.Ordinal);
        var unknown = await RunAsync("create-user", "--email", "fp2@recoverywatch.test", "--role", "FocalPoint", "--state", "XXX", "--password", "Long-enough-password-1", Database("f.db"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("XXX", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_audit_exits_1_after_a_row_is_altered()
    {
        var seeded = await RunAsync("seed-demo", "--cases", "3", Database("g.db"));
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var intact = await RunAsync("verify-audit", Database("g.db"));
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Contains("Audit log intact", intact.Output, StringComparison.Ordinal);

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "g.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE AuditEntries SET Actor = 'someone else' WHERE Id = (SELECT MIN(Id) FROM AuditEntries)";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var broken = await RunAsync("verify-audit", Database("g.db"));
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("tampered", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_rates_refuses_a_bad_file_naming_every_line_and_imports_a_good_one()
    {
        var bad = Path.Combine(_folder, "bad-rates.csv");
        await File.WriteAllTextAsync(bad, "date,currency,units_per_usd,source\n2020-01-01,EUR,-1,Bank\n2020-01-01,XYZ,1,Bank\n");
        var (exit, _, error) = await RunAsync("import-rates", bad, Database("r.db"));
        Assert.Equal(1, exit);
        Assert.Contains("line 2: units_per_usd", error, StringComparison.Ordinal);
        Assert.Contains("line 3: currency", error, StringComparison.Ordinal);

        var good = Path.Combine(_folder, "rates.csv");
        await File.WriteAllTextAsync(good, "date,currency,units_per_usd,source\n2020-01-01,EUR,0.9,Bank\n");
        var imported = await RunAsync("import-rates", good, Database("r.db"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("1 added, 0 replaced", imported.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("import-rates", Database("r.db"))).ExitCode);
    }

    [Fact]
    public async Task Import_submission_refuses_a_file_that_is_not_a_workbook_and_says_why()
    {
        var seeded = await RunAsync("seed-demo", "--cases", "2", Database("h.db"));
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var file = Path.Combine(_folder, "answer.xlsx");
        await File.WriteAllTextAsync(file, "reference,amount\nX,1\n");
        var (exit, _, error) = await RunAsync("import-submission", "--round", "1", "--state", "NGA", file, Database("h.db"));
        Assert.Equal(1, exit);
        Assert.Contains("not an Excel workbook", error, StringComparison.Ordinal);
        var missing = await RunAsync("import-submission", "--round", "99", "--state", "NGA", file, Database("h.db"));
        Assert.Equal(1, missing.ExitCode);
    }

    [Fact]
    public async Task Import_submission_supersedes_the_current_answer_only_with_replace()
    {
        // The demo round has Switzerland's answer waiting for review: importing another must not replace it silently.
        var seeded = await RunAsync("seed-demo", "--cases", "2", Database("i.db"));
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var connection = $"Data Source={Path.Combine(_folder, "i.db")};Pooling=false";
        int round;
        int earlier;
        byte[] template;
        await using (var db = new RecoveryWatch.Data.RecoveryWatchDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<RecoveryWatch.Data.RecoveryWatchDbContext>().UseSqlite(connection).Options))
        {
            round = await db.Rounds.Where(r => r.Code == RecoveryWatch.Collection.SeedDemoRound.Code).Select(r => r.Id).SingleAsync();
            earlier = await db.Submissions.Where(s => s.RoundId == round && s.StateCode == "CHE").Select(s => s.Id).SingleAsync();
            template = (await new RecoveryWatch.Collection.SubmissionTemplate(db, new RecoveryWatch.Knowledge.ChallengeTaxonomy(db)).WriteAsync(round, "CHE", "en")).Content;
        }

        var file = Path.Combine(_folder, "che.xlsx");
        await File.WriteAllBytesAsync(file, RecoveryWatch.Tests.Collection.WorkbookFiller.Fill(template,
            [[null, "CH-CLI-1", "Command-line answer: accounts of a former oil minister", "NGA", "Requested", "Art17", "", ""]],
            [["CH-CLI-1", "Frozen", "BankFunds", "3000000", "CHF", "2015-04", null, null]]));

        var refused = await RunAsync("import-submission", "--round", round.ToString(CultureInfo.InvariantCulture), "--state", "CHE", file, Database("i.db"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"answer {earlier} of ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--replace", refused.Error, StringComparison.Ordinal);

        var replaced = await RunAsync("import-submission", "--round", round.ToString(CultureInfo.InvariantCulture), "--state", "CHE", file, "--replace", Database("i.db"));
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains("from CHE", replaced.Output, StringComparison.Ordinal);
        await using (var db = new RecoveryWatch.Data.RecoveryWatchDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<RecoveryWatch.Data.RecoveryWatchDbContext>().UseSqlite(connection).Options))
        {
            var statuses = await db.Submissions.Where(s => s.RoundId == round && s.StateCode == "CHE").OrderBy(s => s.Id).Select(s => s.Status).ToListAsync();
            Assert.Equal([RecoveryWatch.Collection.SubmissionStatus.Superseded, RecoveryWatch.Collection.SubmissionStatus.Submitted], statuses);
        }
    }

    [Fact]
    public async Task Report_Note_writes_the_Secretariats_note_in_Word_and_refuses_an_unknown_round()
    {
        var seeded = await RunAsync("seed-demo", "--cases", "20", Database("n.db"));
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var file = Path.Combine(_folder, "note-ar.docx");
        var (exit, output, error) = await RunAsync("report", "note", "--round", "1", "--lang", "ar", "--symbol", "CAC/COSP/WG.2/2020/4", "--out", file, Database("n.db"));
        Assert.True(exit == 0, error);
        Assert.Contains("CAC/COSP/WG.2/2020/4", output, StringComparison.Ordinal);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(file, false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            Assert.Contains("CAC/COSP/WG.2/2020/4", body.InnerText, StringComparison.Ordinal);
            Assert.NotEmpty(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.BiDi>());
            Assert.Equal(2, word.MainDocumentPart.ImageParts.Count());
        }

        var unknown = await RunAsync("report", "note", "--round", "99", "--lang", "en", "--out", Path.Combine(_folder, "x.docx"), Database("n.db"));
        Assert.Equal(1, unknown.ExitCode);
        var badLanguage = await RunAsync("report", "note", "--round", "1", "--lang", "de", "--out", Path.Combine(_folder, "y.docx"), Database("n.db"));
        Assert.Equal(2, badLanguage.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temporary-file cleaning.
        }
    }
}
