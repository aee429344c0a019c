using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RecoveryWatch.Collection;

/// <summary>One problem in an uploaded workbook, where it is (sheet, row, column) and a message code for the six languages.</summary>
public sealed record CellError(string Sheet, int? Row, string? Column, string Code, params object[] Arguments)
{
    public string Cell => Column is null ? (Row?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) : Column + Row?.ToString(CultureInfo.InvariantCulture);
}

public sealed class WorkbookRejectedException(IReadOnlyList<CellError> errors) : Exception("The workbook has " + errors.Count + " errors.")
{
    public IReadOnlyList<CellError> Errors { get; } = errors;
}

/// <summary>A row of a sheet: its number and the text of each non-empty cell by column letter.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string column) => Cells.TryGetValue(column, out var value) ? value.Trim() : string.Empty;
}

/// <summary>
/// Reads an uploaded .xlsx defensively: it must be a zip with a workbook inside, small enough once uncompressed (an "xlsx
/// bomb" is refused before any XML is parsed), and is then streamed sheet by sheet with a SAX reader, so 100,000 rows never
/// become a DOM. Formulas are refused cell by cell: a State's figures must be values.
/// </summary>
public static class WorkbookReader
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const long MaxUncompressedBytes = 300L * 1024 * 1024;
    public const long MaxCompressionRatio = 200;

    public static void CheckPackage(byte[] file)
    {
        if (file.Length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4)
        {
            throw Reject("NotXlsx");
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUncompressedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxCompressionRatio))
                {
                    throw Reject("XlsxBomb", MaxUncompressedBytes / (1024 * 1024));
                }
            }

            if (zip.GetEntry("xl/workbook.xml") is null || zip.GetEntry("[Content_Types].xml") is null)
            {
                throw Reject("NotXlsx");
            }
        }
        catch (InvalidDataException)
        {
            throw Reject("NotXlsx");
        }
    }

    /// <summary>Reads the named sheets (and the optional ones the file has: sheets added to the questionnaire later, which
    /// workbooks downloaded before lack); every formula found is an error at its cell.</summary>
    public static Dictionary<string, List<SheetRow>> Read(byte[] file, IReadOnlyList<string> sheets, IReadOnlyList<string>? optionalSheets = null)
    {
        CheckPackage(file);
        var errors = new List<CellError>();
        var result = new Dictionary<string, List<SheetRow>>(StringComparer.Ordinal);
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(file), false);
            var workbook = document.WorkbookPart ?? throw Reject("NotXlsx");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var byName = workbook.Workbook.Sheets?.Elements<Sheet>().ToDictionary(s => s.Name?.Value ?? string.Empty, s => s.Id?.Value ?? string.Empty, StringComparer.Ordinal) ?? [];
            foreach (var name in sheets.Concat((optionalSheets ?? []).Where(byName.ContainsKey)))
            {
                if (!byName.TryGetValue(name, out var id))
                {
                    errors.Add(new CellError(name, null, null, "SheetMissing", name));
                    continue;
                }

                result[name] = ReadSheet((WorksheetPart)workbook.GetPartById(id), name, shared, errors);
            }
        }
        catch (OpenXmlPackageException)
        {
            throw Reject("NotXlsx");
        }

        if (errors.Count > 0)
        {
            throw new WorkbookRejectedException(errors);
        }

        return result;
    }

    private static List<SheetRow> ReadSheet(WorksheetPart part, string sheet, string[] shared, List<CellError> errors)
    {
        var rows = new List<SheetRow>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var cell in row.Elements<Cell>())
            {
                var column = new string((cell.CellReference?.Value ?? string.Empty).TakeWhile(char.IsAsciiLetter).ToArray());
                if (cell.CellFormula is not null)
                {
                    errors.Add(new CellError(sheet, number, column, "FormulaNotAccepted"));
                    continue;
                }

                var text = cell.DataType?.Value == CellValues.SharedString
                    ? (int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Length ? shared[index] : string.Empty)
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty
                    : cell.CellValue?.Text ?? string.Empty;
                if (text.Length > 0)
                {
                    cells[column] = text;
                }
            }

            rows.Add(new SheetRow(number, cells));
        }

        return rows;
    }

    private static WorkbookRejectedException Reject(string code, params object[] arguments) => new([new CellError("workbook", null, null, code, arguments)]);
}
