using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Statistics;

/// <summary>Each chart of the dashboard as SVG, PNG, CSV or XLSX, with the filters and language of the page it came from.</summary>
public static class ChartDownloads
{
    public static readonly IReadOnlyList<string> Formats = ["svg", "png", "csv", "xlsx"];

    public static RouteGroupBuilder MapChartDownloads(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics/charts/{chart}.{format}", DownloadAsync)
            .AllowAnonymous().PublicRead().WithTags("Open data")
            .WithSummary("A chart of the statistics dashboard as svg, png, csv or xlsx, with the dashboard's filters (yearFrom, yearTo, region, stage, mapRole)");
        return api;
    }

    private static async Task<IResult> DownloadAsync(string chart, string format, HttpContext http, Dashboard dashboard, CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        if (!Dashboard.ChartIds.Contains(chart))
        {
            errors.Add("chart", "UnknownCode", chart);
        }

        if (!Formats.Contains(format))
        {
            errors.Add("format", "UnknownCode", format);
        }

        var filter = StatisticsEndpoints.BindFilter(http, errors);
        var mapRole = StatisticsEndpoints.BindMapRole(http, errors);
        errors.ThrowIfAny();

        var content = await dashboard.BuildAsync(http.User.CaseReader(), filter, mapRole, only: chart, cancellationToken);
        var drawn = content.Charts.Single(c => c.Id == chart);
        var name = $"recoverywatch-{chart}-{Localization.CurrentLanguage}.{format}";
        return format switch
        {
            "svg" => Results.File(System.Text.Encoding.UTF8.GetBytes(drawn.Svg()), "image/svg+xml", name),
            "png" => Results.File(drawn.Png(), "image/png", name),
            "csv" => Results.File(Csv(drawn.Table), "text/csv; charset=utf-8", name),
            _ => Results.File(Xlsx(drawn.Table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name),
        };
    }

    /// <summary>A table as CSV (UTF-8 with a byte-order mark, so Excel reads the six scripts), texts neutralised against formulas.</summary>
    internal static byte[] Csv(ChartTable table)
    {
        using var stream = new MemoryStream();
        using (var text = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var value in row.Values)
                {
                    csv.WriteField(value is string s ? CellText.Neutralise(s) : Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    internal static byte[] Xlsx(ChartTable table, string sheetName = "statistics")
    {
        var rows = table.Rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                row[table.Columns[i]] = r.Values[i] is string s ? CellText.Neutralise(s) : r.Values[i];
            }

            return row;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, sheetName: sheetName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
