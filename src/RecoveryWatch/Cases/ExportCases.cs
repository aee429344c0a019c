using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
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

    public IAsyncEnumerable<CaseDetails> StreamAsync(CaseFilter filter, CaseReader reader, CancellationToken cancellationToken = default) =>
        StreamAsync(filter, reader, flat: false, cancellationToken);

    /// <param name="flat">For the flat exports (CSV, XLSX), which show neither victims, third parties nor challenges: those
    /// tables are not read.</param>
    private async IAsyncEnumerable<CaseDetails> StreamAsync(CaseFilter filter, CaseReader reader, bool flat, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
            var victims = flat ? Empty<Victim>() : await DetailsAsync(db.Set<Victim>(), ids, v => v.CaseId, cancellationToken);
            var thirdParties = flat ? Empty<ThirdPartyClaim>() : await DetailsAsync(db.Set<ThirdPartyClaim>(), ids, t => t.CaseId, cancellationToken);
            var challenges = flat ? Empty<CaseChallenge>() : await DetailsAsync(db.Set<CaseChallenge>(), ids, h => h.CaseId, cancellationToken);
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

    private static ILookup<int, T> Empty<T>() => Array.Empty<(int, T)>().ToLookup(x => x.Item1, x => x.Item2);

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
                await WriteCsvAsync(StreamAsync(filter, reader, flat: true, cancellationToken), output, labeler, cancellationToken);
                break;
            case ExportFormat.Xlsx:
                await WriteXlsxAsync(StreamAsync(filter, reader, flat: true, cancellationToken), output, labeler, cancellationToken);
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
                    var values = Flatten(c);
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

    public static async Task WriteCsvAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken)
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

    public static async Task WriteXlsxAsync(IAsyncEnumerable<CaseDetails> cases, Stream output, CodeLabeler? labeler, CancellationToken cancellationToken)
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

    private static IEnumerable<Dictionary<string, object?>> XlsxRows(IAsyncEnumerator<CaseDetails> cases, CodeLabeler? labeler)
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
    public static object?[] Flatten(CaseDetails c, CodeLabeler? labeler)
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
    public static object?[] Flatten(CaseDetails c)
    {
        // Per stage the figures that count (one account, as in the statistics), never both sides' accounts added up.
        var roles = c.States.ToLookup(s => s.State, s => s.Role, StringComparer.Ordinal);
        IReadOnlyList<MeasureItem> Counted(Stage stage) => Analytics.CountingRule.Counted(stage, c.Measures.Where(m => m.Stage == stage), m => m.ReportedBy, roles);
        string Stage(Stage stage) => string.Join("; ", Counted(stage)
            .GroupBy(m => m.Currency).Select(g => g.Sum(m => m.Amount).ToString(CultureInfo.InvariantCulture) + " " + g.Key));
        decimal? Usd(Stage stage)
        {
            var withRate = Counted(stage).Where(m => m.Usd is not null).ToList();
            return withRate.Count == 0 ? null : withRate.Sum(m => m.Usd!.Value);
        }

        string States(StateRole role) => string.Join(";", c.States.Where(s => s.Role == role).Select(s => s.State));
        var years = c.Measures.Select(m => m.PartialDate.Year).ToList();
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
            string.Join(";", c.Proceedings.Select(p => p.Route).Distinct()),
            Stage(ReferenceData.Stage.Frozen), Usd(ReferenceData.Stage.Frozen),
            Stage(ReferenceData.Stage.Seized), Usd(ReferenceData.Stage.Seized),
            Stage(ReferenceData.Stage.Confiscated), Usd(ReferenceData.Stage.Confiscated),
            Stage(ReferenceData.Stage.Returned), Usd(ReferenceData.Stage.Returned),
            years.Count == 0 ? null : years.Min(),
            years.Count == 0 ? null : years.Max(),
            CellText.Neutralise(string.Join(" | ", c.Sources.Select(s => s.Url ?? s.Title))),
            c.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ];
    }
}

public static class CellText
{
    /// <summary>
    /// A spreadsheet treats a cell beginning with =, +, -, @ (or a tab or carriage return) as a formula, which an attacker
    /// can use through a case title (CSV/formula injection, OWASP). Such text is prefixed with an apostrophe.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
