using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Cli;

/// <summary>
/// The command-line verbs the README lists. Each verb calls the same handler as the page and the API, on the same database
/// and configuration. Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
/// </summary>
public static partial class CommandLine
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int UsageError = 2;

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "migrate", "seed-demo", "export-cases", "create-user", "verify-audit", "rebuild-figures", "report", "import-submission", "import-rates", "--help", "-h", "-?", "help",
    };

    /// <summary>Configuration switches (<c>--Database:Provider=Postgres</c>, <c>--Demo=false</c>) go to the host's configuration;
    /// the rest, starting with a verb, to the verb parser.</summary>
    public static (string[] ConfigurationArgs, string[] VerbArgs) Split(string[] args)
    {
        var configuration = args.Where(a => ConfigurationSwitch().IsMatch(a)).ToArray();
        var rest = args.Where(a => !ConfigurationSwitch().IsMatch(a)).ToArray();
        return rest.Length > 0 && Verbs.Contains(rest[0]) ? (configuration, rest) : (args, []);
    }

    [GeneratedRegex(@"^--?[A-Za-z][A-Za-z0-9_.]*(:[A-Za-z0-9_.]+)*=")]
    private static partial Regex ConfigurationSwitch();

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var root = new RootCommand("RecoveryWatch — the Asset Recovery Watch information system. Configuration switches such as --Database:Provider=Postgres may be added to any verb.");

        var migrate = new Command("migrate", "Apply database migrations and load reference data.");
        migrate.SetAction((_, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            await IdentitySetup.BootstrapAsync(services, app.Configuration);
            await Console.Out.WriteLineAsync("Database is up to date.");
        }));
        root.Subcommands.Add(migrate);

        var casesOption = new Option<int>("--cases") { Description = "Number of synthetic cases (1 to 1,000,000).", DefaultValueFactory = _ => SeedDemoCases.DefaultCount };
        var seedOption = new Option<int>("--seed") { Description = "Seed of the random generator: the same seed makes the same cases.", DefaultValueFactory = _ => SeedDemoCases.DefaultSeed };
        var seedDemo = new Command("seed-demo", "Add reproducible synthetic demo cases (marked as synthetic).") { casesOption, seedOption };
        seedDemo.SetAction((parse, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var total = parse.GetValue(casesOption);
            var progress = new Progress<int>(done =>
            {
                if (done % 10_000 == 0 || done == total)
                {
                    Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.CurrentCulture, $"  {done:N0} / {total:N0} cases"));
                }
            });
            var count = await services.GetRequiredService<SeedDemoCases>().HandleAsync(total, parse.GetValue(seedOption), "cli:seed-demo", progress, ct);
            await services.GetRequiredService<RecoveryWatch.Collection.SeedDemoRound>().HandleAsync(ct);
            await services.GetRequiredService<RecoveryWatch.Knowledge.SeedDemoPractices>().HandleAsync("cli:seed-demo", ct);
            await Console.Out.WriteLineAsync($"Added {count} synthetic cases.");
        }));
        root.Subcommands.Add(seedDemo);

        // Codes by name only, as on every input path: "1" or "Csv,Json" are usage errors, not formats.
        var formatOption = new Option<string>("--format") { Description = "csv, xlsx or json.", Required = true };
        formatOption.Validators.Add(result =>
        {
            if (!EnumCodes.TryParse<ExportFormat>(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError("--format is csv, xlsx or json.");
            }
        });
        var outOption = new Option<FileInfo>("--out") { Description = "File to write.", Required = true };
        var export = new Command("export-cases", "Export the public fields of published cases, as the open-data portal does.") { formatOption, outOption };
        export.SetAction((parse, ct) => WithScope(app, async services =>
        {
            var file = parse.GetValue(outOption)!;
            await using var stream = file.Create();
            await services.GetRequiredService<ExportCases>().WriteAsync(Enum.Parse<ExportFormat>(parse.GetValue(formatOption)!, ignoreCase: true), new CaseFilter(), CaseReader.Public, stream, ct);
            await Console.Out.WriteLineAsync($"Wrote {file.FullName}.");
        }));
        root.Subcommands.Add(export);

        var emailOption = new Option<string>("--email") { Description = "E-mail address, also the user name.", Required = true };
        var roleOption = new Option<string>("--role") { Description = "Role: " + string.Join(", ", Roles.All) + ".", Required = true };
        roleOption.AcceptOnlyFromAmong([.. Roles.All]);
        var stateOption = new Option<string?>("--state") { Description = "ISO 3166-1 alpha-3 code of the user's State (focal points and delegates)." };
        var passwordOption = new Option<string?>("--password") { Description = "Initial password; read from RECOVERYWATCH_PASSWORD when absent." };
        var createUser = new Command("create-user", "Create a user with a role.") { emailOption, roleOption, stateOption, passwordOption };
        createUser.SetAction((parse, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            await IdentitySetup.BootstrapAsync(services, app.Configuration);
            var state = parse.GetValue(stateOption);
            var password = parse.GetValue(passwordOption) ?? Environment.GetEnvironmentVariable("RECOVERYWATCH_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                throw new ValidationFailedException([new ValidationError("--password", "Required")]);
            }

            var role = parse.GetValue(roleOption)!;
            var user = await services.GetRequiredService<ManageUsers>().CreateAsync(
                new SaveUserRequest { Email = parse.GetValue(emailOption), Role = role, States = state is null ? [] : [state] },
                password,
                "cli:create-user",
                ct);
            await Console.Out.WriteLineAsync($"Created {user.Email} ({user.Role}{(user.States.Count > 0 ? " for " + string.Join(", ", user.States) : string.Empty)}).");
        }));
        root.Subcommands.Add(createUser);

        var roundOption = new Option<int>("--round") { Description = "Round id (see /api/v1/rounds).", Required = true };
        var importState = new Option<string>("--state") { Description = "ISO 3166-1 alpha-3 code of the reporting State.", Required = true };
        var fileArgument = new Argument<FileInfo>("FILE.xlsx") { Description = "The filled-in template." };
        var replaceOption = new Option<bool>("--replace") { Description = "Supersede the State's current answer in the round (without it, such an import is refused and names that answer)." };
        var importCommand = new Command("import-submission", "Import a State's filled-in template for a round, as the upload page does.") { roundOption, importState, fileArgument, replaceOption };
        importCommand.SetAction((parse, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var file = parse.GetValue(fileArgument)!;
            var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
            try
            {
                var summary = await services.GetRequiredService<RecoveryWatch.Collection.ImportSubmission>()
                    .HandleAsync(parse.GetValue(roundOption), parse.GetValue(importState)!.ToUpperInvariant(), file.Name, bytes, "cli:import-submission",
                        parse.GetValue(replaceOption) ? RecoveryWatch.Collection.Replacement.Current : null, ct);
                await Console.Out.WriteLineAsync($"Submission {summary.Id}: {summary.Cases} cases, {summary.Measures} measures from {summary.State}.");
            }
            catch (RecoveryWatch.Collection.WorkbookRejectedException rejected)
            {
                var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
                throw new ValidationFailedException([.. rejected.Errors.Select(e => ProblemExceptionHandler.Describe(e, localizer)).Select(e => new ValidationError(e.Where, "Workbook", e.Message))]);
            }
        }));
        root.Subcommands.Add(importCommand);

        var ratesFile = new Argument<FileInfo>("FILE") { Description = "CSV with the header " + RecoveryWatch.Analytics.ExchangeRateFile.Header + " (UTF-8)." };
        var importRates = new Command("import-rates", "Import dated exchange rates and convert the measures of their currencies again, as the exchange rates page does.") { ratesFile };
        importRates.SetAction((parse, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var bytes = await File.ReadAllBytesAsync(parse.GetValue(ratesFile)!.FullName, ct);
            var summary = await services.GetRequiredService<RecoveryWatch.Analytics.ImportExchangeRates>().HandleAsync(bytes, "cli:import-rates", ct);
            await Console.Out.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Rates for {string.Join(", ", summary.Currencies)}: {summary.Added} added, {summary.Replaced} replaced; {summary.MeasuresReconverted} measures converted again."));
        }));
        root.Subcommands.Add(importRates);

        var report = new Command("report", "Produce a document in Word: the annotated agenda of a meeting, or the Secretariat's note on a round.");
        var meetingOption = new Option<int>("--meeting") { Description = "Meeting id (see /api/v1/meetings).", Required = true };
        var langOption = new Option<string>("--lang") { Description = "ar, zh, en, fr, ru or es.", Required = true };
        langOption.AcceptOnlyFromAmong([.. RecoveryWatch.ReferenceData.Languages.All]);
        var reportOut = new Option<FileInfo>("--out") { Description = "The .docx file to write.", Required = true };
        var agenda = new Command("agenda", "The annotated provisional agenda with the organization of work as its annex.") { meetingOption, langOption, reportOut };
        agenda.SetAction((parse, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var db = services.GetRequiredService<RecoveryWatchDbContext>();
            var meeting = await RecoveryWatch.Meetings.MeetingQueries.LoadAsync(db, parse.GetValue(meetingOption), ct)
                ?? throw new ValidationFailedException([new ValidationError("--meeting", "UnknownCode", parse.GetValue(meetingOption))]);
            var bytes = RecoveryWatch.Reporting.AnnotatedAgenda.Write(meeting, await RecoveryWatch.Meetings.MeetingQueries.DocumentsAsync(db, meeting, ct), parse.GetValue(langOption)!);
            var file = parse.GetValue(reportOut)!;
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            await Console.Out.WriteLineAsync($"Wrote {file.FullName}.");
        }));
        report.Subcommands.Add(agenda);

        var noteRound = new Option<int>("--round") { Description = "Round id (see /api/v1/rounds).", Required = true };
        var symbolOption = new Option<string?>("--symbol") { Description = "Document symbol; by default the next free CAC/COSP/WG.2/<year>/<n> for the year of the round's deadline." };
        var note = new Command("note", "The Secretariat's note to the Working Group on the information collected in a round, from the statistics as the public sees them.")
        {
            noteRound, langOption, reportOut, symbolOption,
        };
        note.SetAction((parse, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var content = await services.GetRequiredService<RecoveryWatch.Reporting.GatherNoteContent>().HandleAsync(parse.GetValue(noteRound), parse.GetValue(symbolOption), ct);
            var file = parse.GetValue(reportOut)!;
            await File.WriteAllBytesAsync(file.FullName, RecoveryWatch.Reporting.SecretariatNote.Write(content, parse.GetValue(langOption)!), ct);
            await Console.Out.WriteLineAsync($"Wrote {content.Symbol} to {file.FullName}.");
        }));
        report.Subcommands.Add(note);
        root.Subcommands.Add(report);

        var verifyAudit = new Command("verify-audit", "Check the audit log's hash chain; exit code 1 when an entry was altered, inserted or removed.");
        verifyAudit.SetAction((_, ct) => WithScope(app, async services =>
        {
            var result = await services.GetRequiredService<AuditChain>().VerifyAsync(ct);
            if (!result.Intact)
            {
                throw new ValidationFailedException([new ValidationError($"audit entry {result.BrokenAt}", "AuditChainBroken", new MessageKey("Audit.Reason." + result.Reason))]);
            }

            await Console.Out.WriteLineAsync($"Audit log intact: {result.Checked} entries, last hash {result.LastHash}.");
        }));
        root.Subcommands.Add(verifyAudit);

        var rebuildFigures = new Command("rebuild-figures", "Regenerate the counted figures that statistics read, from every case (after a change of the counting rule).");
        rebuildFigures.SetAction((_, ct) => WithScope(app, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var count = await services.GetRequiredService<RecoveryWatch.Analytics.RebuildCountedFigures>().HandleAsync("cli:rebuild-figures", cancellationToken: ct);
            await Console.Out.WriteLineAsync($"Counted figures rebuilt for {count} cases.");
        }));
        root.Subcommands.Add(rebuildFigures);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run with --help for the verbs and their options.");
            return UsageError;
        }

        return await parsed.InvokeAsync();
    }

    private static async Task<int> WithScope(WebApplication app, Func<IServiceProvider, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider);
            return Success;
        }
        catch (ValidationFailedException exception)
        {
            var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var error in exception.Errors)
            {
                await Console.Error.WriteLineAsync($"{error.Field}: {localizer.Message(error)}");
            }

            return BadInput;
        }
        catch (NotFoundException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return BadInput;
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return BadInput;
        }
        catch (UnauthorizedAccessException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return BadInput;
        }
    }
}
