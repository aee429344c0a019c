using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore.Metadata;
using RecoveryWatch.Common;

namespace RecoveryWatch.Analytics;

/// <summary>One rate of a rates file: units of <paramref name="Currency"/> per US dollar on <paramref name="Date"/>, as the source publishes it.</summary>
public sealed record ExchangeRateRow(int Line, string Currency, DateOnly Date, decimal UnitsPerUsd, string Source);

/// <summary>
/// Reads a CSV file of dated exchange rates (<c>date,currency,units_per_usd,source</c>, UTF-8, one rate a line). Every error
/// is collected, under "line N: column", so a person fixes the whole file at once; a file with any error gives no rates.
/// Texts are checked with <see cref="FieldRules"/> against the stored <see cref="ExchangeRate"/>, so the file can never hold
/// what the database would refuse.
/// </summary>
public static class ExchangeRateFile
{
    public const string Header = "date,currency,units_per_usd,source";
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 100_000;

    /// <summary>Decimals a file may give: more than any publisher of rates uses, and what the stored US dollars per unit
    /// (<see cref="ExchangeRate.UsdPerUnit"/>) can carry back without loss.</summary>
    public const int MaxDecimals = 10;

    /// <summary>Units per US dollar the file may give: the inverse, US dollars per unit, is stored with 20 decimals, which
    /// keeps at least eleven significant digits across this range (from the Kuwaiti dinar's 0.3 to the rial's tens of thousands).</summary>
    public const decimal MinUnitsPerUsd = 0.000001m;
    public const decimal MaxUnitsPerUsd = 1_000_000_000m;

    private static readonly string[] Columns = Header.Split(',');

    public static IReadOnlyList<ExchangeRateRow> Parse(byte[] content, IModel model)
    {
        var errors = new ValidationCollector();
        if (content.Length > MaxBytes)
        {
            errors.Add("file", "FileTooLarge", MaxBytes / (1024 * 1024));
            errors.ThrowIfAny();
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            errors.Add("file", "RatesNotUtf8");
            throw new ValidationFailedException(errors.Errors);
        }

        var rows = Read(text.TrimStart('\uFEFF'), FieldRules.For(model), errors);
        errors.ThrowIfAny();
        return rows;
    }

    private static List<ExchangeRateRow> Read(string text, FieldRules rules, ValidationCollector errors)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            // Blank lines are reported, not skipped, so line numbers stay those of the file (see below).
            IgnoreBlankLines = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<ExchangeRateRow>();
        var seen = new Dictionary<(string, DateOnly), int>();
        var nextLine = 1;
        var headerRead = false;
        var records = 0;
        while (csv.Read())
        {
            // The line the record starts on: a quoted source may run over several lines.
            var line = nextLine;
            nextLine = csv.Parser.RawRow + 1;
            var fields = csv.Parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (!headerRead)
            {
                headerRead = true;
                if (!fields.Select(f => f.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
                {
                    // Without the expected columns no value can be read in its place.
                    errors.Add(Field(line, "header"), "RatesHeader", Header);
                    return rows;
                }

                continue;
            }

            if (++records > MaxRows)
            {
                errors.Add("file", "TooMany", MaxRows);
                return rows;
            }

            if (fields.Length != Columns.Length)
            {
                errors.Add(Field(line, "row"), "RatesFieldCount", Columns.Length, fields.Length);
                continue;
            }

            var before = errors.Errors.Count;
            var date = ParseDate(line, fields[0], errors);
            var currency = Required(line, Columns[1], rules.Text<ExchangeRate>(errors, Field(line, Columns[1]), fields[1], nameof(ExchangeRate.Currency)), fields[1], errors);
            var units = ParseUnits(line, fields[2], errors);
            var source = Required(line, Columns[3], rules.Text<ExchangeRate>(errors, Field(line, Columns[3]), fields[3], nameof(ExchangeRate.Source)), fields[3], errors);
            if (errors.Errors.Count > before)
            {
                continue;
            }

            if (seen.TryGetValue((currency!, date!.Value), out var first))
            {
                errors.Add(Field(line, Columns[1]), "DuplicateRate", currency!, date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first);
                continue;
            }

            seen[(currency!, date.Value)] = line;
            rows.Add(new ExchangeRateRow(line, currency!, date.Value, units!.Value, source!));
        }

        if (!headerRead)
        {
            errors.Add(Field(1, "header"), "RatesHeader", Header);
        }

        return rows;
    }

    /// <summary>The field of an error: the line of the file and the column, e.g. "line 4: units_per_usd".</summary>
    public static string Field(int line, string column) => string.Create(CultureInfo.InvariantCulture, $"line {line}: {column}");

    private static string? Required(int line, string column, string? value, string raw, ValidationCollector errors)
    {
        // A text FieldRules refused already has its error; a blank one has none yet.
        if (value is null && TextInput.IsBlank(raw))
        {
            errors.Add(Field(line, column), "Required");
        }

        return value;
    }

    private static DateOnly? ParseDate(int line, string raw, ValidationCollector errors)
    {
        if (DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(Field(line, Columns[0]), TextInput.IsBlank(raw) ? "Required" : "InvalidDate", raw);
        return null;
    }

    private static decimal? ParseUnits(int line, string raw, ValidationCollector errors)
    {
        var field = Field(line, Columns[2]);
        // Plain decimals with a point only: "1,234.5" or "1e3" in a rates file is a mistake to fix, not to guess.
        if (!decimal.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var units))
        {
            errors.Add(field, TextInput.IsBlank(raw) ? "Required" : "NotANumber", raw);
            return null;
        }

        if (units <= 0)
        {
            errors.Add(field, "RateNotPositive", raw);
            return null;
        }

        if (units < MinUnitsPerUsd || units > MaxUnitsPerUsd)
        {
            errors.Add(field, "OutOfRange", MinUnitsPerUsd, MaxUnitsPerUsd);
            return null;
        }

        if (units.Scale > MaxDecimals)
        {
            errors.Add(field, "TooManyDecimals", MaxDecimals, Columns[2]);
            return null;
        }

        return units;
    }
}
