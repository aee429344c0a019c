using System.Collections.Concurrent;
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

/// <summary>
/// Imports a State's filled-in workbook for a round: checks the package, every cell and every cross-row rule, reports every
/// error at once with its sheet, row and column, and stores nothing unless the whole workbook is valid. The original file
/// is kept, and each row remembers where it came from. One import per State and round runs at a time.
/// </summary>
public sealed class ImportSubmission(RecoveryWatchDbContext db, TimeProvider clock)
{
    private static readonly ConcurrentDictionary<(int, string), SemaphoreSlim> Running = new();

    public async Task<SubmissionSummary> HandleAsync(int roundId, string stateCode, string fileName, byte[] file, string actor, CancellationToken cancellationToken = default)
    {
        var round = await db.Set<InformationRound>().Include(r => r.States).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundException($"Round {roundId} does not exist.");
        var roundState = round.States.SingleOrDefault(s => s.StateCode == stateCode)
            ?? throw new ValidationFailedException([new ValidationError("state", "NotAskedInRound", stateCode)]);
        if (file.LongLength > WorkbookReader.MaxFileBytes)
        {
            throw new WorkbookRejectedException([new CellError("workbook", null, null, "FileTooLarge", WorkbookReader.MaxFileBytes / (1024 * 1024))]);
        }

        var gate = Running.GetOrAdd((roundId, stateCode), _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            throw new ImportInProgressException();
        }

        try
        {
            var sheets = WorkbookReader.Read(file, [Questionnaire.CasesSheet, Questionnaire.MeasuresSheet, .. Questionnaire.DetailSheets.Select(d => d.Sheet)]);
            return await StoreAsync(round, roundState, stateCode, sheets, SubmissionChannel.Excel, actor, fileName, file, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The online form's answer: the same rows, the same checks, the same errors (by sheet, row and column).</summary>
    public async Task<SubmissionSummary> HandleRowsAsync(int roundId, string stateCode, Dictionary<string, List<SheetRow>> sheets, string actor, CancellationToken cancellationToken = default)
    {
        var round = await db.Set<InformationRound>().Include(r => r.States).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundException($"Round {roundId} does not exist.");
        var roundState = round.States.SingleOrDefault(s => s.StateCode == stateCode)
            ?? throw new ValidationFailedException([new ValidationError("state", "NotAskedInRound", stateCode)]);
        var gate = Running.GetOrAdd((roundId, stateCode), _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            throw new ImportInProgressException();
        }

        try
        {
            return await StoreAsync(round, roundState, stateCode, sheets, SubmissionChannel.Online, actor, null, null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SubmissionSummary> StoreAsync(InformationRound round, RoundState roundState, string stateCode, Dictionary<string, List<SheetRow>> sheets, SubmissionChannel channel,
        string actor, string? fileName, byte[]? file, CancellationToken cancellationToken)
    {
        var roundId = round.Id;
        // A key in the hidden column may only name a case this State reports on: a forged key must not attach figures to another State's case.
        var reportedCaseIds = await db.Cases.ReportedBy(stateCode).Select(c => c.Id).ToHashSetAsync(cancellationToken);
        var submission = Parse(round, stateCode, sheets, channel, actor, fileName, file, reportedCaseIds);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // A newer answer from the same State replaces one not yet validated, in one statement that loads no old files.
        await db.Set<Submission>()
            .Where(s => s.RoundId == roundId && s.StateCode == stateCode && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.ClarificationRequested))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Superseded), cancellationToken);

        db.Add(submission);
        roundState.Set(RoundStateStatus.Submitted, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "submit", nameof(Submission), submission.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { round = round.Code, state = stateCode, channel = channel.ToString(), fileName, submission.Sha256, cases = submission.Cases.Count, measures = submission.Measures.Count })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Summarise(submission);
    }

    /// <summary>Holds the import slot of a State and round, as a running import does (for tests of the refusal).</summary>
    internal static IDisposable Hold(int roundId, string stateCode)
    {
        var gate = Running.GetOrAdd((roundId, stateCode), _ => new SemaphoreSlim(1, 1));
        gate.Wait();
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
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

public sealed class ImportInProgressException : Exception
{
    public ImportInProgressException()
        : base("An import for this State and round is already being processed.")
    {
    }

    public ImportInProgressException(string message)
        : base(message)
    {
    }

    public ImportInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
