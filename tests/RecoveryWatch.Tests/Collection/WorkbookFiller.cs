using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RecoveryWatch.Tests.Collection;

/// <summary>Fills a downloaded template as a focal point would in Excel: appends rows under the ones already there.</summary>
public static class WorkbookFiller
{
    public static byte[] Fill(byte[] template, IEnumerable<string?[]> cases, IEnumerable<string?[]> measures, Action<SpreadsheetDocument>? tamper = null)
    {
        var stream = new MemoryStream();
        stream.Write(template);
        using (var book = SpreadsheetDocument.Open(stream, true))
        {
            Append(book, "Cases", cases);
            Append(book, "Measures", measures);
            tamper?.Invoke(book);
        }

        return stream.ToArray();
    }

    public static SheetData Sheet(SpreadsheetDocument book, string name)
    {
        var sheet = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
    }

    public static int LastRow(SpreadsheetDocument book, string name) =>
        (int)(Sheet(book, name).Elements<Row>().LastOrDefault()?.RowIndex?.Value ?? 0);

    public static void AppendRows(SpreadsheetDocument book, string name, IEnumerable<string?[]> rows) => Append(book, name, rows);

    private static void Append(SpreadsheetDocument book, string name, IEnumerable<string?[]> rows)
    {
        var data = Sheet(book, name);
        var next = (uint)LastRow(book, name) + 1;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = next };
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is not { } text)
                {
                    continue;
                }

                var reference = ((char)('A' + c)).ToString() + next.ToString(CultureInfo.InvariantCulture);
                row.Append(decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && c == 3 && name == "Measures"
                    ? new Cell { CellReference = reference, CellValue = new CellValue(text), DataType = CellValues.Number }
                    : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
            }

            data.Append(row);
            next++;
        }
    }
}
