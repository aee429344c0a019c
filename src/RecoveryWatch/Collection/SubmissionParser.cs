using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

/// <summary>Where a workbook answer comes from: the round, the State, the channel, the sender and the file.</summary>
public sealed record SubmissionOrigin(InformationRound Round, string State, SubmissionChannel Channel, string Actor, DateTimeOffset At, string? FileName, byte[]? File);

/// <summary>
/// Reads a State's answer — the workbook's sheets, or the online form's rows laid out the same way — into a
/// <see cref="Submission"/>, checking every cell and every rule across rows, and reports every error at once with its sheet,
/// row and column. Columns are found by their key in <see cref="Questionnaire"/>, and each cell's length, decimals and codes
/// are checked against the model property that stores it (<see cref="FieldRules"/>), as the form and the API are.
/// </summary>
public sealed class SubmissionParser(RecoveryWatchDbContext db, Knowledge.ChallengeCatalog challenges)
{
    private readonly FieldRules _fields = FieldRules.For(db.Model);

    /// <summary>The culture amounts were typed in (the online form), or null for the workbook's invariant numbers.</summary>
    private CultureInfo? _typedIn;

    /// <param name="reportedCaseIds">The cases the State reports on: the only ones its hidden key column may name.</param>
    /// <param name="typedIn">The culture the online form's amounts were typed in ("1 000 000,5" in French), read by
    /// <see cref="LocalizedNumber"/>; null for a workbook, whose cells hold numbers as Excel stores them.</param>
    public Submission Parse(SubmissionOrigin origin, Dictionary<string, List<SheetRow>> sheets, HashSet<int> reportedCaseIds, CultureInfo? typedIn = null)
    {
        _typedIn = typedIn;
        var errors = new List<CellError>();
        CheckHeader(sheets[Questionnaire.CasesSheet], Questionnaire.CasesSheet, Questionnaire.CaseColumns, errors);
        CheckHeader(sheets[Questionnaire.MeasuresSheet], Questionnaire.MeasuresSheet, Questionnaire.MeasureColumns, errors);
        foreach (var (sheet, columns) in Questionnaire.DetailSheets.Where(d => sheets.ContainsKey(d.Sheet)))
        {
            CheckHeader(sheets[sheet], sheet, columns, errors);
        }

        if (sheets.TryGetValue(Questionnaire.LegalFrameworkSheet, out var legalRows))
        {
            CheckHeader(legalRows, Questionnaire.LegalFrameworkSheet, Questionnaire.LegalFrameworkColumns, errors);
        }

        if (errors.Count > 0)
        {
            throw new WorkbookRejectedException(errors);
        }

        var fileName = origin.FileName is null ? null : Path.GetFileName(origin.FileName);
        if (fileName is not null && _fields.MaxLength<Submission>(nameof(Submission.FileName)) is { } maxName && fileName.Length > maxName)
        {
            throw new WorkbookRejectedException([new CellError("workbook", null, null, "FileNameTooLong", maxName)]);
        }

        var submission = new Submission(origin.Round.Id, origin.State, origin.Channel, origin.Actor, origin.At, fileName, origin.File,
            origin.File is null ? null : Convert.ToHexStringLower(SHA256.HashData(origin.File)));
        var references = ParseCases(sheets, origin.State, reportedCaseIds, submission, errors);
        var measures = ParseMeasures(sheets, origin.Round, references, submission, errors);
        ParseDetails(sheets, references, submission, errors);
        ParseLegalFramework(sheets, submission, errors);
        ParseNeeds(sheets, submission, errors);
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

    private static IEnumerable<SheetRow> DataRows(Dictionary<string, List<SheetRow>> sheets, string sheet) =>
        sheets.TryGetValue(sheet, out var rows) ? rows.Where(r => r.Number >= Questionnaire.FirstDataRow && r.Cells.Count > 0) : [];

    /// <summary>Sheet Cases. Returns the references of the cases, with their rows, for the other sheets to point to.</summary>
    private Dictionary<string, int> ParseCases(Dictionary<string, List<SheetRow>> sheets, string state, HashSet<int> reportedCaseIds, Submission submission, List<CellError> errors)
    {
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in DataRows(sheets, Questionnaire.CasesSheet))
        {
            var cells = new RowReader(Questionnaire.CasesSheet, Questionnaire.CaseColumns, row, errors, _fields);
            int? key = null;
            var keyText = cells.Raw("case_key");
            if (keyText.Length > 0)
            {
                if (int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && reportedCaseIds.Contains(k))
                {
                    key = k;
                }
                else
                {
                    cells.Error("case_key", "UnknownCaseKey", keyText);
                }
            }

            var reference = cells.Text<SubmittedCase>("reference", nameof(SubmittedCase.Reference), required: true);
            if (reference is not null && !references.TryAdd(reference, row.Number))
            {
                cells.Error("reference", "DuplicateReference", reference, references[reference]);
            }

            var title = cells.Text<SubmittedCase>("title", nameof(SubmittedCase.Title), required: true);
            var counterpart = cells.Raw("counterpart_state").ToUpperInvariant();
            if (counterpart.Length == 0)
            {
                cells.Error("counterpart_state", "Required");
            }
            else if (!StateCode.IsKnown(counterpart))
            {
                cells.Error("counterpart_state", "UnknownState", counterpart);
            }
            else if (counterpart == state)
            {
                cells.Error("counterpart_state", "CounterpartIsReporter", counterpart);
            }

            // The reporting State is one of the two sides: requesting (State of origin) or requested (where the assets are).
            var role = cells.Code<StateRole>("role_of_your_state", required: true);
            if (role == StateRole.Transit)
            {
                cells.Error("role_of_your_state", "UnknownCode", cells.Raw("role_of_your_state"));
            }

            var offences = cells.Codes<SubmittedCase>("offences", nameof(SubmittedCase.Offences), code => ReferenceCatalog.Default.Offences.ContainsKey(code));
            var routes = cells.Codes<SubmittedCase>("legal_routes", nameof(SubmittedCase.Routes), code => ReferenceCatalog.Default.LegalRoutes.ContainsKey(code));
            var summary = cells.Text<SubmittedCase>("summary", nameof(SubmittedCase.Summary), multiline: true);
            submission.Add(new SubmittedCase(row.Number, key, reference ?? string.Empty, title ?? string.Empty, counterpart, role ?? StateRole.Requesting,
                offences, routes, summary ?? string.Empty));
        }

        return references;
    }

    /// <summary>Sheet Measures: each figure within the round's period, except the figures already stored for a keyed case,
    /// which the template carries back unchanged.</summary>
    private List<SubmittedMeasure> ParseMeasures(Dictionary<string, List<SheetRow>> sheets, InformationRound round, Dictionary<string, int> references, Submission submission, List<CellError> errors)
    {
        var keyedReferences = submission.Cases.Where(c => c.CaseKey is not null).ToDictionary(c => c.Reference, c => c.CaseKey!.Value, StringComparer.Ordinal);
        var keyedIds = keyedReferences.Values.ToList();
        var storedFigures = db.Measures.AsNoTracking().Where(m => keyedIds.Contains(m.CaseId))
            .Select(m => new { m.CaseId, m.Stage, m.Year, m.Month, m.Day, m.Amount, m.Currency }).ToList()
            .Select(m => (m.CaseId, m.Stage, new PartialDate(m.Year, m.Month, m.Day), Amounts.Normalize(m.Amount), m.Currency)).ToHashSet();
        var measures = new List<SubmittedMeasure>();
        foreach (var row in DataRows(sheets, Questionnaire.MeasuresSheet))
        {
            var cells = new RowReader(Questionnaire.MeasuresSheet, Questionnaire.MeasureColumns, row, errors, _fields);
            var before = errors.Count;
            var reference = cells.Reference<SubmittedMeasure>("case_reference", nameof(SubmittedMeasure.CaseReference), references, required: true);
            var stage = cells.Code<Stage>("stage", required: true);
            var assetType = cells.Code<AssetType>("asset_type", required: false) ?? AssetType.Other;
            var currency = cells.Currency("currency", required: true);
            var amount = cells.Amount<SubmittedMeasure>("amount", nameof(SubmittedMeasure.Amount), currency, required: true, _typedIn);
            var date = cells.Date("date");
            if (date is { } d && !round.Covers(d)
                && !(reference is not null && stage is { } s && amount is { } a && currency is not null
                    && keyedReferences.TryGetValue(reference, out var keyedCase) && storedFigures.Contains((keyedCase, s, d, Amounts.Normalize(a), currency))))
            {
                cells.Error("date", "DateOutsidePeriod", cells.Raw("date"), round.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), round.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            var note = cells.Text<SubmittedMeasure>("note", nameof(SubmittedMeasure.Note), multiline: true);
            var reason = cells.Text<SubmittedMeasure>("excess_reason", nameof(SubmittedMeasure.ExcessReason), multiline: true);
            if (errors.Count == before)
            {
                measures.Add(new SubmittedMeasure(row.Number, reference!, stage!.Value, assetType, amount!.Value, currency!, date!.Value, note, reason));
            }
        }

        // Per case and currency, returns may not exceed confiscation unless a reason is given (the rule of the case model;
        // every figure here is in this State's own account).
        foreach (var group in measures.GroupBy(m => m.CaseReference))
        {
            var rows = group.ToList();
            var asDomain = rows.Select(m => new AssetMeasure(m.Stage, m.AssetType, new Money(m.Amount, m.Currency), m.Date, null, m.Note, m.ExcessReason, Visibility.Public)).ToList();
            foreach (var (index, returned, confiscated, currency) in Case.ReturnsExceedingConfiscation(asDomain))
            {
                errors.Add(new CellError(Questionnaire.MeasuresSheet, rows[index].Row, RowReader.Letter(Questionnaire.MeasureColumns, "excess_reason"), "ReturnExceedsConfiscation", returned, confiscated, currency));
            }
        }

        return measures;
    }

    /// <summary>Victims and compensation, third parties, challenges met (taxonomy code and free text), good practices and
    /// technical-assistance needs. Sheets absent from the online form are simply empty.</summary>
    private void ParseDetails(Dictionary<string, List<SheetRow>> sheets, Dictionary<string, int> references, Submission submission, List<CellError> errors)
    {
        const string V = Questionnaire.VictimsSheet;
        foreach (var row in DataRows(sheets, V))
        {
            var cells = new RowReader(V, Questionnaire.VictimColumns, row, errors, _fields);
            var reference = cells.Reference<SubmittedDetail>("case_reference", nameof(SubmittedDetail.CaseReference), references, required: true);
            var kind = cells.Code<VictimKind>("victim_kind", required: true);
            var text = cells.Text<SubmittedDetail>("description", nameof(SubmittedDetail.Text), required: true, multiline: true);
            var hasAmount = cells.Raw("compensation_ordered").Length > 0 || cells.Raw("compensation_paid").Length > 0;
            var currency = cells.Currency("currency", required: hasAmount);
            var ordered = cells.Amount<SubmittedDetail>("compensation_ordered", nameof(SubmittedDetail.CompensationOrdered), currency, required: false, _typedIn);
            var paid = cells.Amount<SubmittedDetail>("compensation_paid", nameof(SubmittedDetail.CompensationPaid), currency, required: false, _typedIn);
            submission.Add(new SubmittedDetail(V, row.Number, reference, kind?.ToString(), text ?? string.Empty, null, ordered, paid, currency));
        }

        const string T = Questionnaire.ThirdPartiesSheet;
        foreach (var row in DataRows(sheets, T))
        {
            var cells = new RowReader(T, Questionnaire.ThirdPartyColumns, row, errors, _fields);
            submission.Add(new SubmittedDetail(T, row.Number,
                cells.Reference<SubmittedDetail>("case_reference", nameof(SubmittedDetail.CaseReference), references, required: true),
                cells.Code<ThirdPartyKind>("third_party_kind", required: true)?.ToString(),
                cells.Text<SubmittedDetail>("description", nameof(SubmittedDetail.Text), required: true, multiline: true) ?? string.Empty,
                cells.Text<SubmittedDetail>("outcome", nameof(SubmittedDetail.Outcome), multiline: true),
                null, null, null));
        }

        const string Ch = Questionnaire.ChallengesSheet;
        foreach (var row in DataRows(sheets, Ch))
        {
            var cells = new RowReader(Ch, Questionnaire.ChallengeColumns, row, errors, _fields);
            var code = cells.Text<SubmittedDetail>("challenge", nameof(SubmittedDetail.Code), required: true);
            if (code is not null && !challenges.IsKnown(code))
            {
                cells.Error("challenge", "UnknownCode", code);
            }
            else if (code is not null && !challenges.IsOffered(code))
            {
                // A State's answer only ever adds links, so a retired type is refused here (the case form keeps old ones).
                cells.Error("challenge", "RetiredChallenge", code);
            }

            submission.Add(new SubmittedDetail(Ch, row.Number, cells.Reference<SubmittedDetail>("case_reference", nameof(SubmittedDetail.CaseReference), references, required: false),
                code, cells.Text<SubmittedDetail>("note", nameof(SubmittedDetail.Text), multiline: true) ?? string.Empty, null, null, null, null));
        }

        foreach (var (sheet, columns) in new[] { (Questionnaire.PracticesSheet, Questionnaire.PracticeColumns) })
        {
            foreach (var row in DataRows(sheets, sheet))
            {
                var cells = new RowReader(sheet, columns, row, errors, _fields);
                submission.Add(new SubmittedDetail(sheet, row.Number, null, null,
                    cells.Text<SubmittedDetail>("description", nameof(SubmittedDetail.Text), required: true, multiline: true) ?? string.Empty, null, null, null, null));
            }
        }
    }

    /// <summary>Sheet LegalFramework (optional: earlier templates lack it): each answered question, checked by the profile's own
    /// rules (<see cref="Knowledge.LegalFrameworkRules"/>), each error at its cell. Rows left blank are questions not answered.</summary>
    private void ParseLegalFramework(Dictionary<string, List<SheetRow>> sheets, Submission submission, List<CellError> errors)
    {
        const string L = Questionnaire.LegalFrameworkSheet;
        var rules = new Knowledge.LegalFrameworkRules(db.Model);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in DataRows(sheets, L))
        {
            var cells = new RowReader(L, Questionnaire.LegalFrameworkColumns, row, errors, _fields);
            var input = new Knowledge.FrameworkAnswerInput(cells.Raw("question"), cells.Raw("answer"), cells.Raw("note"), cells.Raw("law_title"), cells.Raw("law_article"), cells.Raw("law_url"));
            if (Knowledge.LegalFrameworkRules.IsBlank(input))
            {
                continue;
            }

            var collector = new ValidationCollector();
            var answer = rules.Answer(collector, key => key, input);
            foreach (var error in collector.Errors)
            {
                cells.Error(error.Field, error.Code, error.Arguments);
            }

            if (Knowledge.LegalFrameworkRules.IsRepeated(seen, input, row.Number) is { } repeated)
            {
                cells.Error("question", "DuplicateQuestion", repeated, seen[repeated]);
                continue;
            }

            if (answer is null)
            {
                continue;
            }

            submission.Add(new Knowledge.SubmittedLegalAnswer(row.Number, answer.QuestionCode, answer.Answer, answer.Note, answer.LawTitle, answer.LawArticle, answer.LawUrl));
        }
    }

    /// <summary>Sheet AssistanceNeeds: one need per row, with an area from the list, a type and a priority (Medium when
    /// left blank) and a description; each becomes a need of the State once the answer is validated.</summary>
    private void ParseNeeds(Dictionary<string, List<SheetRow>> sheets, Submission submission, List<CellError> errors)
    {
        const string N = Questionnaire.NeedsSheet;
        foreach (var row in DataRows(sheets, N))
        {
            var cells = new RowReader(N, Questionnaire.NeedColumns, row, errors, _fields);
            var area = cells.Text<SubmittedDetail>("area", nameof(SubmittedDetail.Code), required: true);
            if (area is not null && !ReferenceCatalog.Default.AssistanceAreas.ContainsKey(area))
            {
                cells.Error("area", "UnknownCode", area);
            }

            var type = cells.Code<Knowledge.AssistanceType>("type", required: true);
            var priority = cells.Code<Knowledge.NeedPriority>("priority", required: false);
            var text = cells.Text<SubmittedDetail>("description", nameof(SubmittedDetail.Text), required: true, multiline: true);
            submission.Add(new SubmittedDetail(row.Number, area ?? string.Empty, type ?? Knowledge.AssistanceType.LegalAdvice,
                priority ?? Knowledge.NeedPriority.Medium, text ?? string.Empty));
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

    /// <summary>The cells of one row, found by column key, each error recorded at its cell.</summary>
    private sealed class RowReader(string sheet, IReadOnlyList<string> columns, SheetRow row, List<CellError> errors, FieldRules fields)
    {
        public static string Letter(IReadOnlyList<string> columns, string key)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == key)
                {
                    return Questionnaire.Column(i);
                }
            }

            throw new ArgumentException($"No column '{key}' in the questionnaire.", nameof(key));
        }

        public string Raw(string key) => row.Get(Letter(columns, key));

        public void Error(string key, string code, params object[] arguments) => errors.Add(new CellError(sheet, row.Number, Letter(columns, key), code, arguments));

        /// <summary>A text for <typeparamref name="TEntity"/>.<paramref name="property"/>: normalised and within its stored length.</summary>
        public string? Text<TEntity>(string key, string property, bool required = false, bool multiline = false)
        {
            var collector = new ValidationCollector();
            var value = fields.Text<TEntity>(collector, key, Raw(key), property, multiline);
            Report(key, collector);
            if (value is null && required && !collector.HasErrors)
            {
                Error(key, "Required");
            }

            return value;
        }

        public string? Reference<TEntity>(string key, string property, Dictionary<string, int> references, bool required)
        {
            var reference = Text<TEntity>(key, property, required);
            if (reference is not null && !references.ContainsKey(reference))
            {
                Error(key, "UnknownReference", reference);
            }

            return reference;
        }

        /// <summary>A code of <typeparamref name="TEnum"/>: one defined name, nothing else (<see cref="EnumCodes"/>).</summary>
        public TEnum? Code<TEnum>(string key, bool required)
            where TEnum : struct, Enum
        {
            var text = Raw(key);
            if (text.Length == 0)
            {
                if (required)
                {
                    Error(key, "Required");
                }

                return null;
            }

            if (EnumCodes.TryParse<TEnum>(text, out var value))
            {
                return value;
            }

            Error(key, "UnknownCode", text);
            return null;
        }

        /// <summary>A list of codes separated by ';', ',' or spaces, each known, stored joined with ';' within its length.</summary>
        public string Codes<TEntity>(string key, string property, Func<string, bool> known)
        {
            var codes = Raw(key).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            foreach (var code in codes.Where(c => !known(c)))
            {
                Error(key, "UnknownCode", code);
            }

            var joined = string.Join(';', codes);
            if (fields.MaxLength<TEntity>(property) is { } max && joined.Length > max)
            {
                Error(key, "TooLong", max);
            }

            return joined;
        }

        /// <summary>An ISO 4217 code from the list (its length follows: the model stores three letters).</summary>
        public string? Currency(string key, bool required)
        {
            var currency = Raw(key).ToUpperInvariant();
            if (currency.Length == 0)
            {
                if (required)
                {
                    Error(key, "Required");
                }

                return null;
            }

            if (!ReferenceCatalog.Default.Currencies.ContainsKey(currency))
            {
                Error(key, "UnknownCurrency", currency);
                return null;
            }

            return currency;
        }

        /// <summary>An amount as the workbook stores numbers (invariant) or as typed in the online form's culture, positive,
        /// within the stored precision and the currency's minor units.</summary>
        public decimal? Amount<TEntity>(string key, string property, string? currency, bool required, CultureInfo? typedIn = null)
        {
            var text = Raw(key);
            if (text.Length == 0)
            {
                if (required)
                {
                    Error(key, "Required");
                }

                return null;
            }

            if (typedIn is not null)
            {
                // Typed by a person: read as their language writes numbers, and asked again rather than guessed when the
                // separators fit no reading ("1,5" in English).
                var reading = LocalizedNumber.Read(text, typedIn, out var typed);
                if (reading != NumberReading.Number)
                {
                    Error(key, reading == NumberReading.Ambiguous ? "AmbiguousNumber" : "NotANumber", text, LocalizedNumber.Format(1234567.89m, typedIn));
                    return null;
                }

                var checkedTyped = new ValidationCollector();
                var typedOk = fields.Amount<TEntity>(checkedTyped, key, typed, property, currency);
                Report(key, checkedTyped);
                return typedOk ? typed : null;
            }

            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                Error(key, "NotANumber", text);
                return null;
            }

            // Excel keeps numbers as binary doubles and may write 1234.56 as 1234.5600000000002 in the file; what the person
            // sees (and meant) is the number to Excel's 15 significant digits.
            if (text.Count(char.IsAsciiDigit) > 15 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var binary))
            {
                amount = decimal.Parse(binary.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            var collector = new ValidationCollector();
            var ok = fields.Amount<TEntity>(collector, key, amount, property, currency);
            Report(key, collector);
            return ok ? amount : null;
        }

        /// <summary>A partial date as text, or a date Excel stored as a serial number.</summary>
        public PartialDate? Date(string key)
        {
            var text = Raw(key);
            if (PartialDate.TryParse(text, out var date))
            {
                return date;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465 && serial == Math.Floor(serial))
            {
                var day = DateTime.FromOADate(serial);
                return new PartialDate(day.Year, day.Month, day.Day);
            }

            Error(key, text.Length == 0 ? "Required" : "InvalidPartialDate", text);
            return null;
        }

        private void Report(string key, ValidationCollector collector)
        {
            foreach (var error in collector.Errors)
            {
                Error(key, error.Code, error.Arguments);
            }
        }
    }
}
