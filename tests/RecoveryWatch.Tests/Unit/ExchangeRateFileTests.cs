using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

/// <summary>The rates file: every error with its line and column, nothing from a file with errors; and the rule that picks
/// the rate a figure is converted at.</summary>
public sealed class ExchangeRateFileTests
{
    private static readonly Lazy<IModel> Model = new(() =>
    {
        using var db = new RecoveryWatchDbContext(new DbContextOptionsBuilder<RecoveryWatchDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    });

    private static IReadOnlyList<ExchangeRateRow> Parse(string text) => ExchangeRateFile.Parse(Encoding.UTF8.GetBytes(text), Model.Value);

    private static IReadOnlyList<ValidationError> Errors(string text) =>
        Assert.Throws<ValidationFailedException>(() => Parse(text)).Errors;

    [Fact]
    public void A_valid_file_is_read_with_its_lines()
    {
        var rows = Parse("\uFEFFdate,currency,units_per_usd,source\r\n2024-01-31,eur,0.92,\"UN operational rates, January\"\n\n2024-01-31,JPY,148.5,UN\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new ExchangeRateRow(2, "EUR", new DateOnly(2024, 1, 31), 0.92m, "UN operational rates, January"), rows[0]);
        Assert.Equal(4, rows[1].Line);
        Assert.Equal(148.5m, rows[1].UnitsPerUsd);
    }

    [Theory]
    [InlineData("2024-01-31,EUR,0,UN", "line 2: units_per_usd", "RateNotPositive")]
    [InlineData("2024-01-31,EUR,-1.5,UN", "line 2: units_per_usd", "RateNotPositive")]
    [InlineData("2024-01-31,EUR,1e3,UN", "line 2: units_per_usd", "NotANumber")]
    [InlineData("2024-01-31,EUR,\"1,5\",UN", "line 2: units_per_usd", "NotANumber")]
    [InlineData("2024-01-31,EUR,0.123456789012,UN", "line 2: units_per_usd", "TooManyDecimals")]
    [InlineData("2024-01-31,EUR,2000000000,UN", "line 2: units_per_usd", "OutOfRange")]
    [InlineData("2024-01-31,XYZ,1,UN", "line 2: currency", "UnknownCurrency")]
    [InlineData("2024-01-31,EURO,1,UN", "line 2: currency", "TooLong")]
    [InlineData("31/01/2024,EUR,1,UN", "line 2: date", "InvalidDate")]
    [InlineData("2024-02-30,EUR,1,UN", "line 2: date", "InvalidDate")]
    [InlineData("2024-01-31,EUR,1,", "line 2: source", "Required")]
    [InlineData("2024-01-31,EUR,1,\"a\0b\"", "line 2: source", "ControlCharacter")]
    [InlineData("2024-01-31,EUR,1", "line 2: row", "RatesFieldCount")]
    public void Each_bad_value_is_named_by_line_and_column(string line, string field, string code)
    {
        var error = Assert.Single(Errors("date,currency,units_per_usd,source\n" + line + "\n"));
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Over_long_source_is_refused_at_the_stored_length()
    {
        var error = Assert.Single(Errors("date,currency,units_per_usd,source\n2024-01-31,EUR,1," + new string('x', 201) + "\n"));
        Assert.Equal(("line 2: source", "TooLong", 200), (error.Field, error.Code, (int)error.Arguments[0]));
    }

    [Fact]
    public void Every_error_of_the_file_is_reported_at_once_with_duplicates_naming_the_first_line()
    {
        var errors = Errors("""
            date,currency,units_per_usd,source
            2024-01-31,EUR,0.92,UN
            2024-01-31,EUR,0.93,UN
            2024-13-01,XYZ,-2,
            2024-02-29,CHF,0.88,UN
            """);
        Assert.Equal(
            [("line 3: currency", "DuplicateRate"), ("line 4: date", "InvalidDate"), ("line 4: currency", "UnknownCurrency"), ("line 4: units_per_usd", "RateNotPositive"), ("line 4: source", "Required")],
            errors.Select(e => (e.Field, e.Code)).ToList());
        Assert.Equal(2, errors[0].Arguments[2]);
    }

    [Theory]
    [InlineData("date,currency,rate,source\n2024-01-31,EUR,1,UN\n")]
    [InlineData("currency,date,units_per_usd,source\n")]
    [InlineData("")]
    public void A_wrong_or_missing_header_is_line_1(string text)
    {
        var error = Assert.Single(Errors(text));
        Assert.Equal(("line 1: header", "RatesHeader"), (error.Field, error.Code));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var bytes = Encoding.Latin1.GetBytes("date,currency,units_per_usd,source\n2024-01-31,EUR,1,Banque de réserve\n");
        var error = Assert.Single(Assert.Throws<ValidationFailedException>(() => ExchangeRateFile.Parse(bytes, Model.Value)).Errors);
        Assert.Equal("RatesNotUtf8", error.Code);
    }

    [Fact]
    public void A_figure_takes_the_nearest_rate_on_or_before_its_date_and_none_when_all_are_later()
    {
        ExchangeRate[] rates = [new("EUR", new DateOnly(2015, 1, 1), 1.10m, "t"), new("EUR", new DateOnly(2016, 1, 1), 1.20m, "t"), new("EUR", new DateOnly(2017, 1, 1), 1.30m, "t")];
        var between = Measure("2016-07");
        var onTheDay = Measure("2017-01-01");
        var before = Measure("2014");
        var changed = UsdConversion.Convert([between, onTheDay, before], rates);
        Assert.Equal((1200m, new DateOnly(2016, 1, 1)), (between.UsdAmount!.Value, between.UsdRateDate!.Value));
        Assert.Equal((1300m, new DateOnly(2017, 1, 1)), (onTheDay.UsdAmount!.Value, onTheDay.UsdRateDate!.Value));
        Assert.Null(before.UsdAmount);
        Assert.Null(before.UsdRateDate);
        Assert.Equal(2, changed);
    }

    [Fact]
    public void A_figure_converted_before_loses_its_figure_when_no_rate_precedes_it_any_more()
    {
        var measure = Measure("2016");
        measure.ConvertToUsd(1.2m, new DateOnly(2017, 1, 1));
        Assert.Equal(1, UsdConversion.Convert([measure], [new ExchangeRate("EUR", new DateOnly(2017, 1, 1), 1.2m, "t")]));
        Assert.Null(measure.UsdAmount);
    }

    private static AssetMeasure Measure(string date) =>
        new(Stage.Frozen, AssetType.BankFunds, new Money(1000m, "EUR"), PartialDate.Parse(date), null, null, null, Visibility.Public);
}
