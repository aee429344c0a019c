using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public sealed record SubmissionSummary(int Id, int RoundId, string State, SubmissionStatus Status, int Cases, int Measures, DateTimeOffset SubmittedAt, string? Sha256);

/// <summary>A State's current answer in a round (the latest not superseded), as the replacement confirmation shows it.</summary>
public sealed record CurrentSubmission(int Id, string State, SubmissionStatus Status, SubmissionChannel Channel, DateTimeOffset SubmittedAt, string? FileName, int Cases, int Measures)
{
    /// <summary>Only an answer still under review can be superseded: a validated one is already merged into the case database.</summary>
    public bool Replaceable => Status is SubmissionStatus.Submitted or SubmissionStatus.ClarificationRequested;
}

/// <summary>
/// The sender's explicit consent that a new answer supersedes the State's current one in the round. Without it, an answer
/// that would replace another is refused (409) naming the one it would supersede, so nothing is replaced without a word.
/// </summary>
/// <param name="SubmissionId">The answer the sender was shown and agreed to replace (the pages' confirmation step); null for
/// whichever answer is current (the API's <c>replace=true</c>, the command line's <c>--replace</c>).</param>
public sealed record Replacement(int? SubmissionId)
{
    public static Replacement Current { get; } = new((int?)null);

    public static Replacement Of(int submissionId) => new(submissionId);
}

/// <summary>
/// Imports a State's filled-in workbook for a round: checks the package, every cell and every cross-row rule, reports every
/// error at once with its sheet, row and column, and stores nothing unless the whole workbook is valid. The original file
/// is kept, and each row remembers where it came from.
/// </summary>
/// <remarks>
/// Races are decided by the database, not by a lock in this process, so they hold with two app instances on one
/// PostgreSQL: the State's round status is read before the (long) parsing, and storing updates it only if its version is
/// still the one read. Of two imports for one State and round at once, the first stores and the second is refused (409);
/// an import never supersedes an answer it was not told about.
/// </remarks>
public sealed class ImportSubmission(RecoveryWatchDbContext db, TimeProvider clock)
{
    /// <summary>The conflict code of an answer that would supersede the State's current one without the sender's consent.</summary>
    public const string WouldSupersede = "SubmissionWouldBeSuperseded";

    /// <summary>The conflict code of a confirmation given for an answer that is no longer the current one.</summary>
    public const string ChangedSinceConfirmed = "SubmissionChangedSinceConfirmed";

    public async Task<SubmissionSummary> HandleAsync(int roundId, string stateCode, string fileName, byte[] file, string actor, Replacement? replace = null, CancellationToken cancellationToken = default)
    {
        var (round, roundState) = await LoadRoundAsync(roundId, stateCode, cancellationToken);
        if (file.LongLength > WorkbookReader.MaxFileBytes)
        {
            throw new WorkbookRejectedException([new CellError("workbook", null, null, "FileTooLarge", WorkbookReader.MaxFileBytes / (1024 * 1024))]);
        }

        var sheets = WorkbookReader.Read(file, [Questionnaire.CasesSheet, Questionnaire.MeasuresSheet, .. Questionnaire.DetailSheets.Select(d => d.Sheet)]);
        return await StoreAsync(round, roundState, stateCode, sheets, SubmissionChannel.Excel, actor, fileName, file, replace, cancellationToken);
    }

    /// <summary>The online form's answer: the same rows, the same checks, the same errors (by sheet, row and column).</summary>
    public async Task<SubmissionSummary> HandleRowsAsync(int roundId, string stateCode, Dictionary<string, List<SheetRow>> sheets, string actor, Replacement? replace = null, CancellationToken cancellationToken = default)
    {
        var (round, roundState) = await LoadRoundAsync(roundId, stateCode, cancellationToken);
        return await StoreAsync(round, roundState, stateCode, sheets, SubmissionChannel.Online, actor, null, null, replace, cancellationToken);
    }

    /// <summary>The round, and the State's status in it tracked with the version read now, before any parsing.</summary>
    private async Task<(InformationRound Round, RoundState State)> LoadRoundAsync(int roundId, string stateCode, CancellationToken cancellationToken)
    {
        var round = await db.Set<InformationRound>().Include(r => r.States).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundException($"Round {roundId} does not exist.");
        var roundState = round.States.SingleOrDefault(s => s.StateCode == stateCode)
            ?? throw new ValidationFailedException([new ValidationError("state", "NotAskedInRound", stateCode)]);
        return (round, roundState);
    }

    private async Task<SubmissionSummary> StoreAsync(InformationRound round, RoundState roundState, string stateCode, Dictionary<string, List<SheetRow>> sheets, SubmissionChannel channel,
        string actor, string? fileName, byte[]? file, Replacement? replace, CancellationToken cancellationToken)
    {
        var roundId = round.Id;
        // A key in the hidden column may only name a case this State reports on: a forged key must not attach figures to another State's case.
        var reportedCaseIds = await db.Cases.ReportedBy(stateCode).Select(c => c.Id).ToHashSetAsync(cancellationToken);
        var submission = Parse(round, stateCode, sheets, channel, actor, fileName, file, reportedCaseIds);
        if (submission.Cases.Count + submission.Measures.Count + submission.Details.Count == 0)
        {
            // An answer without a single row is a mistake (an empty form sent, the blank template uploaded), never an answer
            // to store, let alone one that supersedes the State's earlier answer.
            throw new WorkbookRejectedException([new CellError(channel == SubmissionChannel.Excel ? "workbook" : Questionnaire.CasesSheet, null, null, "NoRows")]);
        }

        // Read after the round status (LoadRoundAsync): if another answer arrives between the two reads, the status's version
        // has moved and the claim below refuses this import, so it never supersedes an answer other than the one checked here.
        var current = (await SubmissionQueries.CurrentAsync(db, roundId, stateCode, cancellationToken)).SingleOrDefault();
        CheckReplacement(current, replace);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // The claim: UPDATE ... WHERE Version = the version read before parsing. Every step that changes this State's
        // answer in the round (an import, a clarification request, a validation) raises it, so a concurrent one makes this
        // a 409 (ConflictException), decided by the database whichever app instance runs the other.
        roundState.Set(RoundStateStatus.Submitted, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException exception)
        {
            throw new ConflictException("state", "RoundAnswerChangedMeanwhile", exception);
        }
        if (current is { Replaceable: true })
        {
            // One statement that loads no old file; the version is raised like any transition's, so a review that read the
            // old answer before this cannot validate it afterwards.
            var superseded = await Translate(() => db.Set<Submission>()
                .Where(s => s.Id == current.Id && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.ClarificationRequested))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Superseded).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken));
            if (superseded != 1)
            {
                throw ConflictException.ConcurrentChange("replace");
            }
        }

        db.Add(submission);
        if (channel == SubmissionChannel.Online)
        {
            // The draft became this answer: it goes in the same transaction, so a failed submission keeps it.
            await Translate(() => db.Set<SubmissionDraft>().Where(d => d.RoundId == roundId && d.StateCode == stateCode).ExecuteDeleteAsync(cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "submit", nameof(Submission), submission.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new
            {
                round = round.Code, state = stateCode, channel = channel.ToString(), fileName, submission.Sha256, cases = submission.Cases.Count, measures = submission.Measures.Count,
                supersedes = current is { Replaceable: true } ? current.Id : (int?)null,
            })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Summarise(submission);
    }

    /// <summary>
    /// A new answer supersedes the State's current one only with the sender's consent; a validated answer is not superseded
    /// at all: it is merged into the case database, and a second answer in the same round would add every new case again.
    /// Corrections after validation go through the Secretariat or the next round's pre-filled template (keyed rows update).
    /// </summary>
    private static void CheckReplacement(CurrentSubmission? current, Replacement? replace)
    {
        if (current is null)
        {
            return;
        }

        if (!current.Replaceable)
        {
            throw new ConflictException("replace", "RoundAnswerAlreadyValidated", current.Id);
        }

        if (replace is null)
        {
            throw new ConflictException("replace", WouldSupersede, current.Id, current.SubmittedAt, new MessageKey("Enum.SubmissionChannel." + current.Channel),
                current.Cases, current.Measures, new MessageKey("Enum.SubmissionStatus." + current.Status));
        }

        if (replace.SubmissionId is { } confirmed && confirmed != current.Id)
        {
            throw new ConflictException("replace", ChangedSinceConfirmed, confirmed, current.Id);
        }
    }

    /// <summary>A bulk statement runs outside SaveChanges, which translates lost races; PostgreSQL may end one of two
    /// transactions waiting on each other's rows (deadlock, serialization failure): that too is a lost race, a 409.</summary>
    private static async Task<int> Translate(Func<Task<int>> statement)
    {
        try
        {
            return await statement();
        }
        catch (DbException exception) when (exception.SqlState is "40P01" or "40001")
        {
            throw new ConflictException("record", "ConcurrentChange", exception);
        }
    }

    public static SubmissionSummary Summarise(Submission s) => new(s.Id, s.RoundId, s.StateCode, s.Status, s.Cases.Count, s.Measures.Count, s.SubmittedAt, s.Sha256);

    private Submission Parse(InformationRound round, string state, Dictionary<string, List<SheetRow>> sheets, SubmissionChannel channel, string actor, string? fileName, byte[]? file,
        HashSet<int> reportedCaseIds)
    {
        var errors = new List<CellError>();
        var catalog = ReferenceCatalog.Default;
        CheckHeader(sheets[Questionnaire.CasesSheet], Questionnaire.CasesSheet, Questionnaire.CaseColumns, errors);
        CheckHeader(sheets[Questionnaire.MeasuresSheet], Questionnaire.MeasuresSheet, Questionnaire.MeasureColumns, errors);
        foreach (var (sheet, columns) in Questionnaire.DetailSheets.Where(d => sheets.ContainsKey(d.Sheet)))
        {
            CheckHeader(sheets[sheet], sheet, columns, errors);
        }
        if (errors.Count > 0)
        {
            throw new WorkbookRejectedException(errors);
        }

        var submission = new Submission(round.Id, state, channel, actor, clock.GetUtcNow(), fileName is null ? null : Path.GetFileName(fileName), file, file is null ? null : Convert.ToHexStringLower(SHA256.HashData(file)));
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        const string C = Questionnaire.CasesSheet;
        foreach (var row in sheets[C].Where(r => r.Number >= Questionnaire.FirstDataRow && r.Cells.Count > 0))
        {
            var n = row.Number;
            int? key = null;
            var keyText = row.Get("A");
            if (keyText.Length > 0)
            {
                if (int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && reportedCaseIds.Contains(k))
                {
                    key = k;
                }
                else
                {
                    errors.Add(new CellError(C, n, "A", "UnknownCaseKey", keyText));
                }
            }

            var reference = row.Get("B");
            if (reference.Length == 0)
            {
                errors.Add(new CellError(C, n, "B", "Required"));
            }
            else if (!references.TryAdd(reference, n))
            {
                errors.Add(new CellError(C, n, "B", "DuplicateReference", reference, references[reference]));
            }

            var title = row.Get("C");
            if (title.Length == 0)
            {
                errors.Add(new CellError(C, n, "C", "Required"));
            }
            else if (title.Length > CaseLimits.TitleLength)
            {
                errors.Add(new CellError(C, n, "C", "TooLong", CaseLimits.TitleLength));
            }

            var counterpart = row.Get("D").ToUpperInvariant();
            if (!StateCode.IsKnown(counterpart))
            {
                errors.Add(new CellError(C, n, "D", counterpart.Length == 0 ? "Required" : "UnknownState", counterpart));
            }
            else if (counterpart == state)
            {
                errors.Add(new CellError(C, n, "D", "CounterpartIsReporter", counterpart));
            }

            var roleText = row.Get("E");
            if (!Enum.TryParse<StateRole>(roleText, ignoreCase: true, out var role) || role == StateRole.Transit || int.TryParse(roleText, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new CellError(C, n, "E", roleText.Length == 0 ? "Required" : "UnknownCode", roleText));
            }

            var offences = Codes(row.Get("F"));
            foreach (var o in offences.Where(o => !catalog.Offences.ContainsKey(o)))
            {
                errors.Add(new CellError(C, n, "F", "UnknownCode", o));
            }

            var routes = Codes(row.Get("G"));
            foreach (var r in routes.Where(r => !catalog.LegalRoutes.ContainsKey(r)))
            {
                errors.Add(new CellError(C, n, "G", "UnknownCode", r));
            }

            var summary = row.Get("H");
            if (summary.Length > CaseLimits.SummaryLength)
            {
                errors.Add(new CellError(C, n, "H", "TooLong", CaseLimits.SummaryLength));
            }

            submission.Add(new SubmittedCase(n, key, reference, title, counterpart, role, string.Join(';', offences), string.Join(';', routes), summary));
        }

        const string M = Questionnaire.MeasuresSheet;
        var measures = new List<SubmittedMeasure>();
        // Figures already stored for the cases the template carried come back unchanged; the period of this round does not
        // apply to them, only to what is new.
        var keyedReferences = submission.Cases.Where(c => c.CaseKey is not null).ToDictionary(c => c.Reference, c => c.CaseKey!.Value, StringComparer.Ordinal);
        var keyedIds = keyedReferences.Values.ToList();
        var storedFigures = db.Measures.Where(m => keyedIds.Contains(m.CaseId))
            .Select(m => new { m.CaseId, m.Stage, m.Year, m.Month, m.Day, m.Amount, m.Currency }).ToList()
            .Select(m => (m.CaseId, m.Stage, new PartialDate(m.Year, m.Month, m.Day), Amounts.Normalize(m.Amount), m.Currency)).ToHashSet();
        foreach (var row in sheets[M].Where(r => r.Number >= Questionnaire.FirstDataRow && r.Cells.Count > 0))
        {
            var n = row.Number;
            var ok = true;
            var reference = row.Get("A");
            if (!references.ContainsKey(reference))
            {
                errors.Add(new CellError(M, n, "A", reference.Length == 0 ? "Required" : "UnknownReference", reference));
                ok = false;
            }

            var stageText = row.Get("B");
            if (!Enum.TryParse<Stage>(stageText, ignoreCase: true, out var stage) || !Enum.IsDefined(stage) || int.TryParse(stageText, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new CellError(M, n, "B", stageText.Length == 0 ? "Required" : "UnknownCode", stageText));
                ok = false;
            }

            var typeText = row.Get("C");
            var assetType = AssetType.Other;
            if (typeText.Length > 0 && (!Enum.TryParse(typeText, ignoreCase: true, out assetType) || !Enum.IsDefined(assetType) || int.TryParse(typeText, CultureInfo.InvariantCulture, out _)))
            {
                errors.Add(new CellError(M, n, "C", "UnknownCode", typeText));
                ok = false;
            }

            var amountText = row.Get("D");
            if (!decimal.TryParse(amountText, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                errors.Add(new CellError(M, n, "D", amountText.Length == 0 ? "Required" : "NotANumber", amountText));
                ok = false;
            }
            else if (amount <= 0)
            {
                errors.Add(new CellError(M, n, "D", "AmountNotPositive"));
                ok = false;
            }
            else if (amount > CaseLimits.MaxAmount)
            {
                errors.Add(new CellError(M, n, "D", "AmountTooLarge"));
                ok = false;
            }

            var currency = row.Get("E").ToUpperInvariant();
            if (!catalog.Currencies.ContainsKey(currency))
            {
                errors.Add(new CellError(M, n, "E", currency.Length == 0 ? "Required" : "UnknownCurrency", currency));
                ok = false;
            }

            var dateText = row.Get("F");
            if (!TryDate(dateText, out var date))
            {
                errors.Add(new CellError(M, n, "F", dateText.Length == 0 ? "Required" : "InvalidPartialDate", dateText));
                ok = false;
            }
            else if (!round.Covers(date)
                && !(keyedReferences.TryGetValue(reference, out var keyedCase) && storedFigures.Contains((keyedCase, stage, date, Amounts.Normalize(amount), currency))))
            {
                errors.Add(new CellError(M, n, "F", "DateOutsidePeriod", dateText, round.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), round.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                ok = false;
            }

            var note = row.Get("G");
            var reason = row.Get("H");
            if (note.Length > CaseLimits.TextLength || reason.Length > CaseLimits.TextLength)
            {
                errors.Add(new CellError(M, n, note.Length > CaseLimits.TextLength ? "G" : "H", "TooLong", CaseLimits.TextLength));
                ok = false;
            }

            if (ok)
            {
                measures.Add(new SubmittedMeasure(n, reference, stage, assetType, amount, currency, date, note.Length == 0 ? null : note, reason.Length == 0 ? null : reason));
            }
        }

        // Per case and currency, returns may not exceed confiscation unless a reason is given (the rule of the case model).
        foreach (var group in measures.GroupBy(m => m.CaseReference))
        {
            var asDomain = group.Select(m => new AssetMeasure(m.Stage, m.AssetType, new Money(m.Amount, m.Currency), m.Date, null, m.Note, m.ExcessReason, Visibility.Public)).ToList();
            var rows = group.ToList();
            foreach (var (index, returned, confiscated, currency) in Case.ReturnsExceedingConfiscation(asDomain))
            {
                errors.Add(new CellError(M, rows[index].Row, "H", "ReturnExceedsConfiscation", returned, confiscated, currency));
            }
        }

        ParseDetails(sheets, references, submission, errors);
        if (errors.Count > 0)
        {
            throw new WorkbookRejectedException(errors);
        }

        foreach (var m in measures)
        {
            submission.Add(m);
        }

        return submission;
    }

    /// <summary>Victims and compensation, third parties, challenges met (taxonomy code and free text), good practices and
    /// technical-assistance needs. Sheets absent from the online form are simply empty.</summary>
    private static void ParseDetails(Dictionary<string, List<SheetRow>> sheets, Dictionary<string, int> references, Submission submission, List<CellError> errors)
    {
        var catalog = ReferenceCatalog.Default;
        IEnumerable<SheetRow> Rows(string sheet) => sheets.TryGetValue(sheet, out var rows) ? rows.Where(r => r.Number >= Questionnaire.FirstDataRow && r.Cells.Count > 0) : [];

        string? Reference(string sheet, SheetRow row, bool required)
        {
            var reference = row.Get("A");
            if (reference.Length == 0)
            {
                if (required)
                {
                    errors.Add(new CellError(sheet, row.Number, "A", "Required"));
                }

                return null;
            }

            if (!references.ContainsKey(reference))
            {
                errors.Add(new CellError(sheet, row.Number, "A", "UnknownReference", reference));
            }

            return reference;
        }

        string Text(string sheet, SheetRow row, string column, bool required)
        {
            var text = row.Get(column);
            if (required && text.Length == 0)
            {
                errors.Add(new CellError(sheet, row.Number, column, "Required"));
            }
            else if (text.Length > CaseLimits.TextLength)
            {
                errors.Add(new CellError(sheet, row.Number, column, "TooLong", CaseLimits.TextLength));
            }

            return text;
        }

        string? Code<TEnum>(string sheet, SheetRow row, string column)
            where TEnum : struct, Enum
        {
            var text = row.Get(column);
            if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
            {
                return value.ToString();
            }

            errors.Add(new CellError(sheet, row.Number, column, text.Length == 0 ? "Required" : "UnknownCode", text));
            return null;
        }

        decimal? Amount(string sheet, SheetRow row, string column)
        {
            var text = row.Get(column);
            if (text.Length == 0)
            {
                return null;
            }

            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                errors.Add(new CellError(sheet, row.Number, column, "NotANumber", text));
                return null;
            }

            if (amount <= 0)
            {
                errors.Add(new CellError(sheet, row.Number, column, "AmountNotPositive"));
                return null;
            }

            return amount;
        }

        const string V = Questionnaire.VictimsSheet;
        foreach (var row in Rows(V))
        {
            var reference = Reference(V, row, required: true);
            var kind = Code<VictimKind>(V, row, "B");
            var text = Text(V, row, "C", required: true);
            var ordered = Amount(V, row, "D");
            var paid = Amount(V, row, "E");
            var currency = row.Get("F").ToUpperInvariant();
            if ((ordered is not null || paid is not null || currency.Length > 0) && !catalog.Currencies.ContainsKey(currency))
            {
                errors.Add(new CellError(V, row.Number, "F", currency.Length == 0 ? "Required" : "UnknownCurrency", currency));
            }

            submission.Add(new SubmittedDetail(V, row.Number, reference, kind, text, null, ordered, paid, currency.Length == 0 ? null : currency));
        }

        const string T = Questionnaire.ThirdPartiesSheet;
        foreach (var row in Rows(T))
        {
            submission.Add(new SubmittedDetail(T, row.Number, Reference(T, row, required: true), Code<ThirdPartyKind>(T, row, "B"), Text(T, row, "C", required: true), Text(T, row, "D", required: false), null, null, null));
        }

        const string Ch = Questionnaire.ChallengesSheet;
        foreach (var row in Rows(Ch))
        {
            var code = row.Get("B");
            if (!catalog.Challenges.ContainsKey(code))
            {
                errors.Add(new CellError(Ch, row.Number, "B", code.Length == 0 ? "Required" : "UnknownCode", code));
            }

            submission.Add(new SubmittedDetail(Ch, row.Number, Reference(Ch, row, required: false), code, Text(Ch, row, "C", required: false), null, null, null, null));
        }

        foreach (var sheet in new[] { Questionnaire.PracticesSheet, Questionnaire.NeedsSheet })
        {
            foreach (var row in Rows(sheet))
            {
                submission.Add(new SubmittedDetail(sheet, row.Number, null, null, Text(sheet, row, "A", required: true), null, null, null, null));
            }
        }
    }

    private static void CheckHeader(List<SheetRow> rows, string sheet, IReadOnlyList<string> expected, List<CellError> errors)
    {
        var header = rows.FirstOrDefault(r => r.Number == 1);
        for (var i = 0; i < expected.Count; i++)
        {
            var column = Questionnaire.Column(i);
            var actual = header?.Get(column) ?? string.Empty;
            if (!string.Equals(actual, expected[i], StringComparison.Ordinal))
            {
                errors.Add(new CellError(sheet, 1, column, "UnexpectedColumn", expected[i], actual));
            }
        }
    }

    private static List<string> Codes(string text) =>
        [.. text.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>A partial date as text, or a date Excel stored as a serial number.</summary>
    private static bool TryDate(string text, out PartialDate date)
    {
        if (PartialDate.TryParse(text, out date))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465 && serial == Math.Floor(serial))
        {
            var day = DateTime.FromOADate(serial);
            date = new PartialDate(day.Year, day.Month, day.Day);
            return true;
        }

        return false;
    }
}
