using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>The label of <paramref name="code"/> in the codebook list <paramref name="list"/> (e.g. "states", "NGA"), in the
/// language the reader chose; null leaves the cell empty.</summary>
public delegate string? CodeLabeler(string list, string code);

public enum ExportFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>
/// Exports the cases a reader may see, with the search filters, as open data. Cases are read in batches by id so that
/// 100,000 cases stream out without being held in memory at once.
/// </summary>
public sealed class ExportCases(RecoveryWatchDbContext db)
{
    /// <summary>Cases per batch: each batch costs one query per table, and holds its cases in memory while they are written.</summary>
    internal int BatchSize { get; set; } = 2000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The columns of the flat CSV and XLSX exports, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "title", "summary", "status", "synthetic", "requesting_states", "requested_states", "transit_states",
        "offences", "legal_routes",
        "frozen", "frozen_usd", "seized", "seized_usd", "confiscated", "confiscated_usd", "returned", "returned_usd",
        "first_year", "last_year", "sources", "updated_at",
    ];

    /// <summary>The coded columns and the codebook list each one's codes come from. With labels, each is followed by a
    /// <c>{column}_label</c> column holding the labels, in the same order and with the same ";" separator as the codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> CodedColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["status"] = "caseStatus",
        ["requesting_states"] = "states",
        ["requested_states"] = "states",
        ["transit_states"] = "states",
        ["offences"] = "offences",
        ["legal_routes"] = "legalRoutes",
    };

    private static readonly Dictionary<string, int> ColumnIndex = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

    /// <summary>The columns of the flat exports; with labels, each coded column is followed by its label column.</summary>
    public static IReadOnlyList<string> ColumnsFor(bool labels) =>
        labels ? [.. Columns.SelectMany(c => CodedColumns.ContainsKey(c) ? new[] { c, c + "_label" } : [c])] : Columns;

    /// <summary>The cases as the case API shows them to the reader, every detail included (the JSON export).</summary>
    public async IAsyncEnumerable<CaseDetails> StreamAsync(CaseFilter filter, CaseReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastId = 0;
        while (true)
        {
            var afterId = lastId;
            // Keyset paging by id with the filters in the same query: no list of ids travels back to the database for the
            // cases. Their details are then read table by table for the batch's ids, sent as one array parameter
            // (EF.Parameter: json_each on SQLite, = ANY on PostgreSQL) rather than one parameter per id, and attached in
            // memory: split includes re-ran the filtered, ordered case query once per detail table and paid for include
            // fix-up, about three quarters of the export's time (bench/README.md).
            var batch = await db.Cases.AsNoTracking().VisibleTo(reader).Filter(filter, reader, db.CountedFiguresVisibleTo(reader))
                .Where(c => c.Id > afterId)
                .OrderBy(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            var ids = batch.Select(c => c.Id).ToArray();
            var states = await DetailsAsync(db.CaseStates, ids, s => s.CaseId, cancellationToken);
            var offences = await DetailsAsync(db.Set<CaseOffence>(), ids, o => o.CaseId, cancellationToken);
            var proceedings = await DetailsAsync(db.Set<Proceeding>(), ids, p => p.CaseId, cancellationToken);
            var measures = await DetailsAsync(db.Measures, ids, m => m.CaseId, cancellationToken);
            var victims = await DetailsAsync(db.Set<Victim>(), ids, v => v.CaseId, cancellationToken);
            var thirdParties = await DetailsAsync(db.Set<ThirdPartyClaim>(), ids, t => t.CaseId, cancellationToken);
            var challenges = await DetailsAsync(db.Set<CaseChallenge>(), ids, h => h.CaseId, cancellationToken);
            var sources = await DetailsAsync(db.Set<CaseSource>(), ids, s => s.CaseId, cancellationToken);
            foreach (var c in batch)
            {
                c.AttachRead(states[c.Id], offences[c.Id], proceedings[c.Id], measures[c.Id], victims[c.Id], thirdParties[c.Id], challenges[c.Id], sources[c.Id]);
                yield return GetCase.Project(c, reader);
            }

            lastId = batch[^1].Id;
            if (batch.Count < BatchSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The cases as the flat exports (CSV, XLSX) show them, read without entities: per batch of cases, only the columns the
    /// flat row needs from each detail table it shows, in no-tracking projections merged by case id in memory. Materialising
    /// every detail as an entity and every case as a <see cref="CaseDetails"/> allocated about 2 GB for 100,000 cases and
    /// kept the CSV export near 4× a hand-written SELECT of the same columns (issue 9, bench/README.md). What the reader
    /// sees is decided by <see cref="CaseSight"/>, as for the case API, so the output stays that of the full projection.
    /// </summary>
    private async IAsyncEnumerable<FlatCase> StreamFlatAsync(CaseFilter filter, CaseReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastId = 0;
        while (true)
        {
            var afterId = lastId;
            var batch = await db.Cases.AsNoTracking().VisibleTo(reader).Filter(filter, reader, db.CountedFiguresVisibleTo(reader))
                .Where(c => c.Id > afterId)
                .OrderBy(c => c.Id)
                .Take(BatchSize)
                .Select(c => new CaseRow(c.Id, c.Title, c.Summary, c.SummaryVisibility, c.Status, c.IsSynthetic, c.UpdatedAt))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            var ids = batch.Select(c => c.Id).ToArray();
            var states = await OfCases(db.CaseStates, ids)
                .Select(s => new StateRow(s.CaseId, s.StateCode, s.Role, s.Visibility)).ToListAsync(cancellationToken);
            var offences = await OfCases(db.Set<CaseOffence>(), ids)
                .Select(o => new OffenceRow(o.CaseId, o.OffenceCode)).ToListAsync(cancellationToken);
            var proceedings = await OfCases(db.Set<Proceeding>(), ids)
                .Select(p => new ProceedingRow(p.CaseId, p.RouteCode, p.Visibility)).ToListAsync(cancellationToken);
            var measures = await OfCases(db.Measures, ids)
                .Select(m => new MeasureRow(m.CaseId, m.Id, m.Stage, m.Amount, m.Currency, m.Year, m.Month, m.Day, m.UsdAmount, m.ReportingState, m.Visibility))
                .ToListAsync(cancellationToken);
            var sources = await OfCases(db.Set<CaseSource>(), ids)
                .Select(s => new SourceRow(s.CaseId, s.Url, s.Title, s.Visibility)).ToListAsync(cancellationToken);
            foreach (var c in Assemble(batch, states, offences, proceedings, measures, sources, reader))
            {
                yield return c;
            }

            lastId = batch[^1].Id;
            if (batch.Count < BatchSize)
            {
                yield break;
            }
        }
    }

    /// <summary>The details of the batch's cases, ordered by case and id (the id order is the order of each list in
    /// <see cref="GetCase.Project"/>).</summary>
    private static IQueryable<T> OfCases<T>(IQueryable<T> details, int[] ids)
        where T : class =>
        details.AsNoTracking()
            .Where(d => EF.Parameter(ids).Contains(EF.Property<int>(d, "CaseId")))
            .OrderBy(d => EF.Property<int>(d, "CaseId")).ThenBy(d => EF.Property<int>(d, "Id"));

    /// <summary>Merges the batch's detail rows (each list ordered by case id) into its cases, keeping of each detail what
    /// the reader may see, in the order and with the naming of <see cref="GetCase.Project"/>.</summary>
    private static List<FlatCase> Assemble(List<CaseRow> batch, List<StateRow> states, List<OffenceRow> offences, List<ProceedingRow> proceedings,
        List<MeasureRow> measures, List<SourceRow> sources, CaseReader reader)
    {
        var result = new List<FlatCase>(batch.Count);
        int si = 0, oi = 0, pi = 0, mi = 0, ri = 0;
        foreach (var c in batch)
        {
            var caseStates = Of(states, ref si, c.Id);
            var all = new (string State, Visibility Visibility)[caseStates.Length];
            for (var i = 0; i < caseStates.Length; i++)
            {
                all[i] = (caseStates[i].StateCode, caseStates[i].Visibility);
            }

            var sight = new CaseSight(reader, all);
            var visibleStates = new List<(string State, StateRole Role)>(caseStates.Length);
            foreach (var s in caseStates)
            {
                if (sight.Sees(s.Visibility))
                {
                    visibleStates.Add((s.StateCode, s.Role));
                }
            }

            visibleStates.Sort(static (a, b) => a.Role != b.Role ? Comparer<StateRole>.Default.Compare(a.Role, b.Role) : string.CompareOrdinal(a.State, b.State));

            var caseOffences = Of(offences, ref oi, c.Id);
            var offenceCodes = new string[caseOffences.Length];
            for (var i = 0; i < caseOffences.Length; i++)
            {
                offenceCodes[i] = caseOffences[i].OffenceCode;
            }

            Array.Sort(offenceCodes, StringComparer.Ordinal);

            var routes = new List<string>();
            foreach (var p in Of(proceedings, ref pi, c.Id))
            {
                if (sight.Sees(p.Visibility))
                {
                    routes.Add(p.RouteCode);
                }
            }

            var visibleMeasures = new List<(PartialDate Date, Stage Stage, int Id, FlatMeasure Measure)>();
            foreach (var m in Of(measures, ref mi, c.Id))
            {
                if (sight.Sees(m.Visibility))
                {
                    visibleMeasures.Add((new PartialDate(m.Year, m.Month, m.Day), m.Stage, m.Id,
                        new FlatMeasure(m.Stage, Amounts.Normalize(m.Amount), m.Currency, m.Year, Amounts.Normalize(m.UsdAmount), sight.Named(m.ReportingState))));
                }
            }

            // The timeline's order (date, stage, id): the counting rule keeps it, and the order of currencies in a stage's cell follows it.
            visibleMeasures.Sort(static (a, b) =>
            {
                var byDate = a.Date.CompareTo(b.Date);
                if (byDate != 0)
                {
                    return byDate;
                }

                var byStage = Comparer<Stage>.Default.Compare(a.Stage, b.Stage);
                return byStage != 0 ? byStage : a.Id.CompareTo(b.Id);
            });

            var sourceTexts = new List<string>();
            foreach (var s in Of(sources, ref ri, c.Id))
            {
                if (sight.Sees(s.Visibility))
                {
                    sourceTexts.Add(s.Url ?? s.Title);
                }
            }

            result.Add(new FlatCase(c.Id, c.Title, sight.Sees(c.SummaryVisibility) ? c.Summary : null, c.Status, c.IsSynthetic, c.UpdatedAt,
                visibleStates, offenceCodes, routes, [.. visibleMeasures.Select(m => m.Measure)], sourceTexts));
        }

        return result;
    }

    /// <summary>The rows of case <paramref name="caseId"/>, starting at <paramref name="next"/>, which moves past them.</summary>
    private static ReadOnlySpan<T> Of<T>(List<T> rows, ref int next, int caseId)
        where T : struct, IOfCase
    {
        var span = CollectionsMarshal.AsSpan(rows);
        while (next < span.Length && span[next].CaseId < caseId)
        {
            next++;
        }

        var start = next;
        while (next < span.Length && span[next].CaseId == caseId)
        {
            next++;
        }

        return span[start..next];
    }

    private interface IOfCase
    {
        int CaseId { get; }
    }

    private readonly record struct CaseRow(int Id, string Title, string? Summary, Visibility SummaryVisibility, CaseStatus Status, bool IsSynthetic, DateTimeOffset UpdatedAt);

    private readonly record struct StateRow(int CaseId, string StateCode, StateRole Role, Visibility Visibility) : IOfCase;

    private readonly record struct OffenceRow(int CaseId, string OffenceCode) : IOfCase;

    private readonly record struct ProceedingRow(int CaseId, string RouteCode, Visibility Visibility) : IOfCase;

    private readonly record struct MeasureRow(int CaseId, int Id, Stage Stage, decimal Amount, string Currency, int Year, int? Month, int? Day, decimal? UsdAmount,
        string? ReportingState, Visibility Visibility) : IOfCase;

    private readonly record struct SourceRow(int CaseId, string? Url, string Title, Visibility Visibility) : IOfCase;

    /// <summary>The details of the batch's cases, in id order (the order split includes gave them, which the projection's
    /// own sorting keeps stable).</summary>
    private static async Task<ILookup<int, T>> DetailsAsync<T>(IQueryable<T> details, int[] ids, Func<T, int> caseId, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await details.AsNoTracking()
            .Where(d => EF.Parameter(ids).Contains(EF.Property<int>(d, "CaseId")))
            .OrderBy(d => EF.Property<int>(d, "CaseId")).ThenBy(d => EF.Property<int>(d, "Id"))
            .ToListAsync(cancellationToken);
        return rows.ToLookup(caseId);
    }

    public async Task WriteAsync(ExportFormat format, CaseFilter filter, CaseReader reader, Stream output, CancellationToken cancellationToken = default) =>
        await WriteAsync(format, filter, reader, output, labeler: null, cancellationToken);

    /// <summary>With a <paramref name="labeler"/>, the labels of the coded columns in the reader's language are added beside
    /// the codes (CSV, XLSX) or as a <c>labels</c> object per case (JSON); without one the output is as it always was.</summary>
    public async Task WriteAsync(ExportFormat format, CaseFilter filter, CaseReader reader, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case ExportFormat.Json:
                await WriteJsonAsync(StreamAsync(filter, reader, cancellationToken), output, labeler, cancellationToken);
                break;
            case ExportFormat.Csv:
                await WriteFlatCsvAsync(StreamFlatAsync(filter, reader, cancellationToken), output, labeler, cancellationToken);
                break;
            case ExportFormat.Xlsx:
                await WriteFlatXlsxAsync(StreamFlatAsync(filter, reader, cancellationToken), output, labeler, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>Writes through a pipe so that the serializer never blocks on the response stream: each batch is committed
    /// to the pipe and flushed asynchronously.</summary>
    public static Task WriteJsonAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CancellationToken cancellationToken) =>
        WriteJsonAsync(cases, output, labeler: null, cancellationToken);

    public static async Task WriteJsonAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken)
    {
        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var writer = new Utf8JsonWriter(pipe))
        {
            writer.WriteStartObject();
            writer.WriteString("source", "UNODC Asset Recovery Watch (RecoveryWatch)");
            writer.WriteStartArray("cases");
            var count = 0;
            await foreach (var c in cases.WithCancellation(cancellationToken))
            {
                if (labeler is null)
                {
                    JsonSerializer.Serialize(writer, c, Json);
                }
                else
                {
                    var node = JsonSerializer.SerializeToNode(c, Json)!.AsObject();
                    var labels = new System.Text.Json.Nodes.JsonObject();
                    var values = Flatten(FlatCase.From(c));
                    foreach (var (column, list) in CodedColumns)
                    {
                        labels[column] = Label(labeler, list, values[ColumnIndex[column]]);
                    }

                    node["labels"] = labels;
                    node.WriteTo(writer, Json);
                }

                if (++count % 100 == 0)
                {
                    writer.Flush();
                    await pipe.FlushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
        }

        await pipe.FlushAsync(cancellationToken);
        await pipe.CompleteAsync();
    }

    public static Task WriteCsvAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CancellationToken cancellationToken) =>
        WriteCsvAsync(cases, output, labeler: null, cancellationToken);

    public static Task WriteCsvAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken) =>
        WriteFlatCsvAsync(Flat(cases), output, labeler, cancellationToken);

    private static async IAsyncEnumerable<FlatCase> Flat(IAsyncEnumerable<CaseDetails> cases)
    {
        await foreach (var c in cases)
        {
            yield return FlatCase.From(c);
        }
    }

    private static async Task WriteFlatCsvAsync(IAsyncEnumerable<FlatCase> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var column in ColumnsFor(labeler is not null))
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var c in cases.WithCancellation(cancellationToken))
        {
            foreach (var value in Flatten(c, labeler))
            {
                csv.WriteField(value);
            }

            await csv.NextRecordAsync();
            if (++count % 200 == 0)
            {
                await csv.FlushAsync();
            }
        }

        await csv.FlushAsync();
    }

    /// <summary>MiniExcel writes synchronously from an enumerable of rows; it writes to a temporary file first so the
    /// response stream is only written asynchronously, and rows are still produced one batch at a time.</summary>
    public static Task WriteXlsxAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CancellationToken cancellationToken) =>
        WriteXlsxAsync(cases, output, labeler: null, cancellationToken);

    public static Task WriteXlsxAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken) =>
        WriteFlatXlsxAsync(Flat(cases), output, labeler, cancellationToken);

    private static async Task WriteFlatXlsxAsync(IAsyncEnumerable<FlatCase> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "rw-export-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, FileOptions.Asynchronous))
            {
                var enumerator = cases.GetAsyncEnumerator(cancellationToken);
                try
                {
                    await MiniExcel.SaveAsAsync(file, XlsxRows(enumerator, labeler), sheetName: "cases", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
                }
                finally
                {
                    await enumerator.DisposeAsync();
                }
            }

            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await read.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<Dictionary<string, object?>> XlsxRows(IAsyncEnumerator<FlatCase> cases, CodeLabeler? labeler)
    {
        var columns = ColumnsFor(labeler is not null);
        // MiniExcel pulls rows synchronously; each pull may wait for the next batch from the database.
        while (cases.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            var values = Flatten(cases.Current, labeler);
            var row = new Dictionary<string, object?>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                row[columns[i]] = values[i];
            }

            yield return row;
        }
    }

    /// <summary>One case as the flat row of <see cref="ColumnsFor"/>: with a labeler, each coded value is followed by its labels.</summary>
    public static object?[] Flatten(FlatCase c, CodeLabeler? labeler)
    {
        var values = Flatten(c);
        if (labeler is null)
        {
            return values;
        }

        var row = new List<object?>(values.Length + CodedColumns.Count);
        for (var i = 0; i < values.Length; i++)
        {
            row.Add(values[i]);
            if (CodedColumns.TryGetValue(Columns[i], out var list))
            {
                row.Add(Label(labeler, list, values[i]));
            }
        }

        return [.. row];
    }

    /// <summary>The labels of a ";"-separated cell of codes, in the same order; a label is text from the database or the
    /// reference data, so it is neutralised like any other text cell.</summary>
    private static string Label(CodeLabeler labeler, string list, object? codes) =>
        CellText.Neutralise(string.Join(";", (codes as string ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => labeler(list, code) ?? code)));

    /// <summary>One case as the flat row of <see cref="Columns"/>. Text cells are neutralised against formula injection.</summary>
    public static object?[] Flatten(FlatCase c)
    {
        // Per stage the figures that count (one account, as in the statistics), never both sides' accounts added up.
        var roles = c.States.ToLookup(s => s.State, s => s.Role, StringComparer.Ordinal);
        IReadOnlyList<FlatMeasure> Counted(Stage stage) => Analytics.CountingRule.Counted(stage, c.Measures.Where(m => m.Stage == stage), m => m.ReportedBy, roles);
        string Stage(Stage stage) => string.Join("; ", Counted(stage)
            .GroupBy(m => m.Currency).Select(g => g.Sum(m => m.Amount).ToString(CultureInfo.InvariantCulture) + " " + g.Key));
        decimal? Usd(Stage stage)
        {
            var withRate = Counted(stage).Where(m => m.Usd is not null).ToList();
            return withRate.Count == 0 ? null : withRate.Sum(m => m.Usd!.Value);
        }

        string States(StateRole role) => string.Join(";", c.States.Where(s => s.Role == role).Select(s => s.State));
        int? firstYear = null, lastYear = null;
        foreach (var m in c.Measures)
        {
            firstYear = firstYear is { } f && f <= m.Year ? f : m.Year;
            lastYear = lastYear is { } l && l >= m.Year ? l : m.Year;
        }

        return
        [
            c.Id,
            CellText.Neutralise(c.Title),
            CellText.Neutralise(c.Summary ?? string.Empty),
            c.Status.ToString(),
            c.IsSynthetic,
            States(StateRole.Requesting),
            States(StateRole.Requested),
            States(StateRole.Transit),
            string.Join(";", c.Offences),
            string.Join(";", c.Routes.Distinct()),
            Stage(ReferenceData.Stage.Frozen), Usd(ReferenceData.Stage.Frozen),
            Stage(ReferenceData.Stage.Seized), Usd(ReferenceData.Stage.Seized),
            Stage(ReferenceData.Stage.Confiscated), Usd(ReferenceData.Stage.Confiscated),
            Stage(ReferenceData.Stage.Returned), Usd(ReferenceData.Stage.Returned),
            firstYear,
            lastYear,
            CellText.Neutralise(string.Join(" | ", c.Sources)),
            c.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ];
    }
}

/// <summary>One case as the flat exports (CSV, XLSX) show it to one reader: only what the reader may see, each list in the
/// order of <see cref="CaseDetails"/>.</summary>
/// <param name="Summary">Null when the reader may not see the summary.</param>
/// <param name="States">The States whose part the reader sees, by role, then code.</param>
/// <param name="Routes">The legal routes of the visible proceedings, in their order.</param>
/// <param name="Measures">The visible figures in the timeline's order.</param>
/// <param name="Sources">Each visible source's address, or its title when it has none.</param>
public sealed record FlatCase(int Id, string Title, string? Summary, CaseStatus Status, bool IsSynthetic, DateTimeOffset UpdatedAt,
    IReadOnlyList<(string State, StateRole Role)> States, IReadOnlyList<string> Offences, IReadOnlyList<string> Routes,
    IReadOnlyList<FlatMeasure> Measures, IReadOnlyList<string> Sources)
{
    public static FlatCase From(CaseDetails c) => new(c.Id, c.Title, c.Summary, c.Status, c.IsSynthetic, c.UpdatedAt,
        [.. c.States.Select(s => (s.State, s.Role))], c.Offences, [.. c.Proceedings.Select(p => p.Route)],
        [.. c.Measures.Select(m => new FlatMeasure(m.Stage, m.Amount, m.Currency, m.PartialDate.Year, m.Usd, m.ReportedBy))],
        [.. c.Sources.Select(s => s.Url ?? s.Title)]);
}

/// <summary>A figure as the flat exports add it up: amounts already normalised, the reporter null when the reader may not
/// see that State's part in the case.</summary>
public readonly record struct FlatMeasure(Stage Stage, decimal Amount, string Currency, int Year, decimal? Usd, string? ReportedBy);

public static class CellText
{
    /// <summary>
    /// A spreadsheet treats a cell beginning with =, +, -, @ (or a tab or carriage return) as a formula, which an attacker
    /// can use through a case title (CSV/formula injection, OWASP). Such text is prefixed with an apostrophe.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
