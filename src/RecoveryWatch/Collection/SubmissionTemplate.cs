using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

/// <summary>A State's workbook for a round, with the name it is downloaded under.</summary>
public sealed record TemplateFile(byte[] Content, string FileName);

/// <summary>What the template pre-fills for a State (see <see cref="SubmissionTemplate.PrefillAsync"/>).</summary>
public sealed record TemplatePrefill(string State, IReadOnlyList<Case> Known, string[] ChallengeCodes, Knowledge.LegalFrameworkVersion? Profile);

/// <summary>A coded list of the questionnaire: its codebook name (for labels), its codes, and the sheet columns it fills.</summary>
public sealed record DropDownList(string Name, string[] Codes, IReadOnlyList<(string Sheet, string Column)> Columns);

/// <summary>
/// The Excel workbook a focal point fills in offline: instructions in its language, one sheet per repeating table, drop-down
/// lists for every coded field, header rows locked, and the State's cases already known to the database pre-filled with a
/// hidden key column, so the focal point updates rather than retypes.
/// </summary>
public sealed class SubmissionTemplate(RecoveryWatchDbContext db, Knowledge.ChallengeTaxonomy challenges)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const int LastDataRow = 100_002;

    public static string FileName(InformationRound round, string state, string language) => $"{round.Code}_{state}_{language}.xlsx";

    public async Task<TemplateFile> WriteAsync(int roundId, string stateCode, string language, CancellationToken cancellationToken = default)
    {
        var round = await db.Set<InformationRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundException($"Round {roundId} does not exist.");
        if (!StateCode.IsKnown(stateCode))
        {
            throw new ValidationFailedException([new ValidationError("state", "UnknownState", stateCode)]);
        }

        language = Languages.Normalize(language);
        var prefill = await PrefillAsync(stateCode, cancellationToken);
        return new TemplateFile(Write(round, stateCode, language, prefill.Known, prefill.ChallengeCodes, prefill.Profile), FileName(round, stateCode, language));
    }

    /// <summary>What the template pre-fills for a State, read once here for the workbook and the online form alike: its cases
    /// known to the database, its legal framework as last validated, and the challenge types offered for new input.</summary>
    public async Task<TemplatePrefill> PrefillAsync(string stateCode, CancellationToken cancellationToken = default)
    {
        var known = await db.Cases.AsNoTracking().ReportedBy(stateCode)
            .Include(c => c.States).Include(c => c.Measures).Include(c => c.Offences).Include(c => c.Proceedings)
            .AsSplitQuery().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        // The State's legal framework as last validated, so the focal point corrects it rather than answers from nothing.
        var profile = await db.Set<Knowledge.LegalFrameworkVersion>().AsNoTracking().Include(v => v.Answers)
            .SingleOrDefaultAsync(v => v.StateCode == stateCode && v.Status == Knowledge.FrameworkStatus.Validated, cancellationToken);
        var offered = (await challenges.GetAsync(cancellationToken)).Offered.Select(t => t.Code).ToArray();
        return new TemplatePrefill(stateCode, known, offered, profile);
    }

    /// <summary>The pre-filled data rows (from row 3) of the sheets that have any, cells in the questionnaire's column order;
    /// amounts as invariant numbers. The workbook writes them; the online form shows them.</summary>
    public static Dictionary<string, List<string[]>> PrefilledRows(TemplatePrefill prefill, string language)
    {
        var state = prefill.State;
        var caseRows = new List<string[]>();
        var measureRows = new List<string[]>();
        foreach (var c in prefill.Known)
        {
            var own = c.States.First(s => s.StateCode == state && s.Role != StateRole.Transit);
            var other = c.States.FirstOrDefault(s => s.StateCode != state && s.Role != StateRole.Transit);
            var reference = "RW-" + c.Id.ToString(CultureInfo.InvariantCulture);
            caseRows.Add([c.Id.ToString(CultureInfo.InvariantCulture), reference, c.Title, other?.StateCode ?? string.Empty, own.Role.ToString(),
                string.Join(';', c.Offences.Select(o => o.OffenceCode)), string.Join(';', c.Proceedings.Select(p => p.RouteCode).Distinct()), c.Summary]);
            foreach (var m in c.Measures.OrderBy(m => m.Date))
            {
                measureRows.Add([reference, m.Stage.ToString(), m.AssetType.ToString(), Amounts.Normalize(m.Amount).ToString(CultureInfo.InvariantCulture), m.Currency, m.Date.ToString(), m.Note ?? string.Empty, m.ExcessReason ?? string.Empty]);
            }
        }

        var legalRows = new List<string[]>();
        foreach (var question in Knowledge.LegalFrameworkQuestions.All)
        {
            var answer = prefill.Profile?.Answers.FirstOrDefault(a => a.QuestionCode == question.Code);
            legalRows.Add([question.Code, question.Name(language), answer?.Answer ?? string.Empty, answer?.Note ?? string.Empty,
                answer?.LawTitle ?? string.Empty, answer?.LawArticle ?? string.Empty, answer?.LawUrl ?? string.Empty]);
        }

        return new Dictionary<string, List<string[]>>(StringComparer.Ordinal)
        {
            [Questionnaire.CasesSheet] = caseRows,
            [Questionnaire.MeasuresSheet] = measureRows,
            [Questionnaire.LegalFrameworkSheet] = legalRows,
        };
    }

    /// <summary>
    /// The coded lists of the questionnaire, each with the codebook list that labels it, and the columns that take their
    /// values from each: the workbook's drop-downs (its hidden Lists sheet, in this order) and the online form's
    /// <c>&lt;select&gt;</c>s are both made from here.
    /// </summary>
    public static IReadOnlyList<DropDownList> DropDowns(string[] challengeCodes)
    {
        var catalog = ReferenceCatalog.Default;
        return
        [
            new("states", catalog.States.Keys.Order(StringComparer.Ordinal).ToArray(), [(Questionnaire.CasesSheet, "counterpart_state")]),
            new("currencies", catalog.Currencies.Keys.Order(StringComparer.Ordinal).ToArray(), [(Questionnaire.MeasuresSheet, "currency"), (Questionnaire.VictimsSheet, "currency")]),
            new("stages", Enum.GetNames<Stage>(), [(Questionnaire.MeasuresSheet, "stage")]),
            new("assetTypes", Enum.GetNames<AssetType>(), [(Questionnaire.MeasuresSheet, "asset_type")]),
            new("stateRoles", [nameof(StateRole.Requesting), nameof(StateRole.Requested)], [(Questionnaire.CasesSheet, "role_of_your_state")]),
            new("victimKinds", Enum.GetNames<VictimKind>(), [(Questionnaire.VictimsSheet, "victim_kind")]),
            new("thirdPartyKinds", Enum.GetNames<ThirdPartyKind>(), [(Questionnaire.ThirdPartiesSheet, "third_party_kind")]),
            new("challenges", challengeCodes, [(Questionnaire.ChallengesSheet, "challenge")]),
            new("legalFrameworkAnswers", Knowledge.LegalFrameworkQuestions.AllAnswerCodes.ToArray(), [(Questionnaire.LegalFrameworkSheet, "answer")]),
            new("assistanceAreas", catalog.AssistanceAreas.Keys.Order(StringComparer.Ordinal).ToArray(), [(Questionnaire.NeedsSheet, "area")]),
            new("assistanceTypes", Enum.GetNames<Knowledge.AssistanceType>(), [(Questionnaire.NeedsSheet, "type")]),
            new("needPriorities", Enum.GetNames<Knowledge.NeedPriority>(), [(Questionnaire.NeedsSheet, "priority")]),
        ];
    }

    /// <param name="challengeCodes">The challenge types offered for new input (the taxonomy in the database, retired ones left out).</param>
    private static byte[] Write(InformationRound round, string state, string language, IReadOnlyList<Case> known, string[] challengeCodes, Knowledge.LegalFrameworkVersion? profile)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        using var stream = new MemoryStream();
        using (var book = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = book.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            AddStyles(workbookPart);
            var catalog = ReferenceCatalog.Default;

            List<string[]> instructions =
            [
                [Questionnaire.Label("Instructions", language)],
                [string.Format(culture, Questionnaire.Label("Intro", language), round.Code, round.Mandate, catalog.StateName(state, language),
                    UnFormat.Date(round.PeriodFrom, culture), UnFormat.Date(round.PeriodTo, culture), UnFormat.Date(round.Deadline, culture))],
                [Questionnaire.Label("Step1", language)],
                [Questionnaire.Label("Step2", language)],
                [Questionnaire.Label("Step3", language)],
                [Questionnaire.Label("Step4", language)],
            ];
            AddSheet(workbookPart, Questionnaire.InstructionsSheet, instructions, headerRows: 0, columns: 1, hiddenFirstColumn: false, protect: true);

            List<string[]> caseRows =
            [
                [.. Questionnaire.CaseColumns],
                [.. Questionnaire.CaseColumns.Select(c => Questionnaire.Label(c, language))],
            ];
            List<string[]> measureRows =
            [
                [.. Questionnaire.MeasureColumns],
                [.. Questionnaire.MeasureColumns.Select(c => Questionnaire.Label(c, language))],
            ];
            var prefilled = PrefilledRows(new TemplatePrefill(state, known, challengeCodes, profile), language);
            caseRows.AddRange(prefilled[Questionnaire.CasesSheet]);
            measureRows.AddRange(prefilled[Questionnaire.MeasuresSheet]);

            var casesPart = AddSheet(workbookPart, Questionnaire.CasesSheet, caseRows, headerRows: 2, columns: Questionnaire.CaseColumns.Count, hiddenFirstColumn: true, protect: true);
            var measuresPart = AddSheet(workbookPart, Questionnaire.MeasuresSheet, measureRows, headerRows: 2, columns: Questionnaire.MeasureColumns.Count, hiddenFirstColumn: false, protect: true, numericColumn: 3);
            var detailParts = Questionnaire.DetailSheets.ToDictionary(
                d => d.Sheet,
                d => AddSheet(workbookPart, d.Sheet, [[.. d.Columns], [.. d.Columns.Select(c => Questionnaire.Label(c, language))]], headerRows: 2, columns: d.Columns.Count, hiddenFirstColumn: false, protect: true));

            List<string[]> legalRows =
            [
                [.. Questionnaire.LegalFrameworkColumns],
                [.. Questionnaire.LegalFrameworkColumns.Select(c => Questionnaire.Label(c, language))],
            ];
            legalRows.AddRange(prefilled[Questionnaire.LegalFrameworkSheet]);

            var legalPart = AddSheet(workbookPart, Questionnaire.LegalFrameworkSheet, legalRows, headerRows: 2, columns: Questionnaire.LegalFrameworkColumns.Count, hiddenFirstColumn: false, protect: true);

            // Lists for the drop-downs, on a hidden sheet: one column per list, each coded column validated against its list.
            var dropDowns = DropDowns(challengeCodes);
            var lists = dropDowns.Select(d => d.Codes).ToArray();
            var listRows = Enumerable.Range(0, lists.Max(l => l.Length)).Select(i => lists.Select(l => i < l.Length ? l[i] : string.Empty).ToArray()).ToList();
            AddSheet(workbookPart, Questionnaire.ListsSheet, listRows, headerRows: 0, columns: lists.Length, hiddenFirstColumn: false, protect: true, hidden: true);

            string Range(int column, int length) => $"{Questionnaire.ListsSheet}!${Questionnaire.Column(column)}$1:${Questionnaire.Column(column)}${length.ToString(CultureInfo.InvariantCulture)}";
            var parts = new Dictionary<string, (WorksheetPart Part, IReadOnlyList<string> Columns)>(StringComparer.Ordinal)
            {
                [Questionnaire.CasesSheet] = (casesPart, Questionnaire.CaseColumns),
                [Questionnaire.MeasuresSheet] = (measuresPart, Questionnaire.MeasureColumns),
                [Questionnaire.LegalFrameworkSheet] = (legalPart, Questionnaire.LegalFrameworkColumns),
            };
            foreach (var (sheet, columns) in Questionnaire.DetailSheets)
            {
                parts[sheet] = (detailParts[sheet], columns);
            }

            foreach (var (sheet, (part, columns)) in parts)
            {
                var validations = dropDowns.SelectMany((d, list) => d.Columns.Where(c => c.Sheet == sheet)
                    .Select(c => (Questionnaire.Column(columns.ToList().IndexOf(c.Column)), Range(list, d.Codes.Length)))).ToList();
                if (validations.Count > 0 || sheet == Questionnaire.MeasuresSheet)
                {
                    AddValidations(part, validations, amountColumn: sheet == Questionnaire.MeasuresSheet ? "D" : null);
                }
            }

            if (Languages.IsRightToLeft(language))
            {
                RightToLeft(workbookPart);
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>An Arabic workbook reads right to left, as Excel shows sheets for an Arabic user: column A on the right.</summary>
    private static void RightToLeft(WorkbookPart workbookPart)
    {
        foreach (var worksheet in workbookPart.WorksheetParts.Select(p => p.Worksheet))
        {
            var views = worksheet.GetFirstChild<SheetViews>();
            if (views is null)
            {
                // sheetViews comes first here: these sheets have no sheetPr or dimension before it.
                views = worksheet.InsertAt(new SheetViews(new SheetView { WorkbookViewId = 0 }), 0);
            }

            foreach (var view in views.Elements<SheetView>())
            {
                view.RightToLeft = true;
            }
        }
    }

    private static WorksheetPart AddSheet(WorkbookPart workbookPart, string name, List<string[]> rows, int headerRows, int columns, bool hiddenFirstColumn, bool protect, bool hidden = false, int? numericColumn = null)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var columnsElement = new Columns();
        for (uint i = 1; i <= columns; i++)
        {
            // Data cells are unlocked (style 2) so the protected sheet still takes input; headers stay locked.
            columnsElement.Append(new Column { Min = i, Max = i, Width = i == 1 && hiddenFirstColumn ? 10 : 24, CustomWidth = true, Style = 2, Hidden = i == 1 && hiddenFirstColumn });
        }

        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = Questionnaire.Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                var style = r < headerRows ? (r == 0 ? 3u : 1u) : 2u;
                var text = rows[r][c];
                if (r >= headerRows && numericColumn == c && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    row.Append(new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(text), DataType = CellValues.Number });
                }
                else
                {
                    row.Append(new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                }
            }

            data.Append(row);
        }

        var worksheet = new Worksheet();
        if (headerRows > 0)
        {
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = headerRows, TopLeftCell = "A" + (headerRows + 1).ToString(CultureInfo.InvariantCulture), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        }

        worksheet.Append(columnsElement, data);
        if (protect)
        {
            worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false, InsertRows = false, DeleteRows = false, Sort = false, AutoFilter = false });
        }

        part.Worksheet = worksheet;
        var sheets = workbookPart.Workbook.Sheets!;
        sheets.Append(new Sheet
        {
            Id = workbookPart.GetIdOfPart(part),
            SheetId = (uint)(sheets.Count() + 1),
            Name = name,
            State = hidden ? SheetStateValues.Hidden : null,
        });
        return part;
    }

    private static void AddValidations(WorksheetPart part, IReadOnlyList<(string Column, string Range)> lists, string? amountColumn = null)
    {
        var validations = new DataValidations();
        var last = LastDataRow.ToString(CultureInfo.InvariantCulture);
        foreach (var (column, range) in lists)
        {
            validations.Append(new DataValidation(new Formula1(range))
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = true,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{Questionnaire.FirstDataRow}:{column}{last}" },
            });
        }

        if (amountColumn is not null)
        {
            validations.Append(new DataValidation(new Formula1("0"))
            {
                Type = DataValidationValues.Decimal,
                Operator = DataValidationOperatorValues.GreaterThan,
                AllowBlank = true,
                ShowErrorMessage = true,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{amountColumn}{Questionnaire.FirstDataRow}:{amountColumn}{last}" },
            });
        }

        validations.Count = (uint)validations.ChildElements.Count;
        // Data validations come after sheet protection in the schema order of a worksheet.
        part.Worksheet.InsertAfter(validations, part.Worksheet.GetFirstChild<SheetProtection>());
    }

    /// <summary>Style 0 default, 1 bold header (locked), 2 unlocked input, 3 grey key row (locked).</summary>
    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold()), new Font(new Color { Rgb = "FF808080" })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat(new Protection { Locked = false }) { ApplyProtection = true },
                new CellFormat { FontId = 2, ApplyFont = true }));
    }
}
