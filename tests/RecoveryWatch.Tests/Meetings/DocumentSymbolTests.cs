using CsCheck;
using RecoveryWatch.Meetings;

namespace RecoveryWatch.Tests.Meetings;

public sealed class DocumentSymbolTests
{
    [Theory]
    [InlineData("CAC/COSP/WG.2/2020/1", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "")]
    [InlineData("CAC/COSP/WG.2/2020/2", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 2, "")]
    [InlineData("CAC/COSP/WG.2/2020/3", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 3, "")]
    [InlineData("CAC/COSP/WG.2/2020/4", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 4, "")]
    [InlineData("CAC/COSP/WG.2/2019/5", "CAC/COSP/WG.2", 2019, SymbolSeries.Regular, 5, "")]
    [InlineData("CAC/COSP/IRG/2020/6", "CAC/COSP/IRG", 2020, SymbolSeries.Regular, 6, "")]
    [InlineData("CAC/COSP/EG.1/2019/4", "CAC/COSP/EG.1", 2019, SymbolSeries.Regular, 4, "")]
    [InlineData("CAC/COSP/WG.2/2020/1/Add.1", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "Add.1")]
    [InlineData("CAC/COSP/WG.2/2020/1/Corr.1", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "Corr.1")]
    [InlineData("CAC/COSP/WG.2/2020/1/Rev.1", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "Rev.1")]
    [InlineData("CAC/COSP/WG.2/2020/1/Amend.2", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "Amend.2")]
    [InlineData("CAC/COSP/WG.2/2020/1/Add.1/Corr.1", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "Add.1 Corr.1")]
    [InlineData("CAC/COSP/WG.2/2020/1/Rev.1/Add.2", "CAC/COSP/WG.2", 2020, SymbolSeries.Regular, 1, "Rev.1 Add.2")]
    [InlineData("CAC/COSP/WG.2/2020/L.1", "CAC/COSP/WG.2", 2020, SymbolSeries.Limited, 1, "")]
    [InlineData("CAC/COSP/WG.2/2020/L.1/Add.3", "CAC/COSP/WG.2", 2020, SymbolSeries.Limited, 1, "Add.3")]
    [InlineData("CAC/COSP/WG.2/2020/CRP.1", "CAC/COSP/WG.2", 2020, SymbolSeries.ConferenceRoomPaper, 1, "")]
    [InlineData("CAC/COSP/IRG/2020/CRP.12", "CAC/COSP/IRG", 2020, SymbolSeries.ConferenceRoomPaper, 12, "")]
    [InlineData("CAC/COSP/2019/INF/1", "CAC/COSP", 2019, SymbolSeries.Information, 1, "")]
    [InlineData("CAC/COSP/2019/17", "CAC/COSP", 2019, SymbolSeries.Regular, 17, "")]
    [InlineData("CAC/COSP/IRG/I/1/1/Add.1", null, 0, SymbolSeries.Regular, 0, "not parsed")]
    [InlineData("CTOC/COP/WG.2/2021/3", "CTOC/COP/WG.2", 2021, SymbolSeries.Regular, 3, "")]
    [InlineData("E/CN.15/2020/13", "E/CN.15", 2020, SymbolSeries.Regular, 13, "")]
    [InlineData("UNODC/CCPCJ/EG.4/2021/2", "UNODC/CCPCJ/EG.4", 2021, SymbolSeries.Regular, 2, "")]
    [InlineData("CAC/COSP/WG.4/2023/L.2/Rev.1", "CAC/COSP/WG.4", 2023, SymbolSeries.Limited, 2, "Rev.1")]
    public void Parses_real_symbols_into_their_parts(string text, string? stem, int year, SymbolSeries series, int number, string suffixes)
    {
        var ok = DocumentSymbol.TryParse(text, out var symbol, out string error);
        if (stem is null)
        {
            // Review-mechanism country-report symbols have no year; they are not in this grammar.
            Assert.False(ok);
            return;
        }

        Assert.True(ok, error);
        Assert.Equal(stem, symbol.Stem);
        Assert.Equal(year, symbol.Year);
        Assert.Equal(series, symbol.Series);
        Assert.Equal(number, symbol.Number);
        Assert.Equal(suffixes, string.Join(' ', symbol.Suffixes.Select(s => $"{s.Kind}.{s.Number}")));
        Assert.Equal(text, symbol.ToString());
    }

    [Theory]
    [InlineData("", "Empty")]
    [InlineData("   ", "Empty")]
    [InlineData(" CAC/COSP/WG.2/2020/1", "Spaces")]
    [InlineData("CAC/COSP/WG.2/2020 /1", "Spaces")]
    [InlineData("CAC/COSP/WG.2//2020/1", "EmptyPart")]
    [InlineData("/CAC/COSP/WG.2/2020/1", "EmptyPart")]
    [InlineData("CAC/COSP/WG.2/2020/1/", "EmptyPart")]
    [InlineData("CAC/COSP/WG.2/1", "NoYear")]
    [InlineData("CAC/COSP/WG.2/20/1", "NoYear")]
    [InlineData("2020/1", "NoBody")]
    [InlineData("cac/cosp/WG.2/2020/1", "BadBodyPart")]
    [InlineData("CAC/COSP/WG./2020/1", "BadBodyPart")]
    [InlineData("CAC/COSP/WG.02/2020/1", "BadBodyPart")]
    [InlineData("CAC/CO-SP/2020/1", "BadBodyPart")]
    [InlineData("CAC/COSP/WG.2/1899/1", "BadYear")]
    [InlineData("CAC/COSP/WG.2/2020", "NoNumber")]
    [InlineData("CAC/COSP/WG.2/2020/INF", "NoNumber")]
    [InlineData("CAC/COSP/WG.2/2020/01", "BadNumber")]
    [InlineData("CAC/COSP/WG.2/2020/0", "BadNumber")]
    [InlineData("CAC/COSP/WG.2/2020/one", "BadNumber")]
    [InlineData("CAC/COSP/WG.2/2020/L1", "BadNumber")]
    [InlineData("CAC/COSP/WG.2/2020/CRP.", "BadNumber")]
    [InlineData("CAC/COSP/WG.2/2020/1/Add1", "BadSuffix")]
    [InlineData("CAC/COSP/WG.2/2020/1/add.1", "BadSuffix")]
    [InlineData("CAC/COSP/WG.2/2020/1/Addendum.1", "BadSuffix")]
    [InlineData("CAC/COSP/WG.2/2020/1/Corr.0", "BadSuffix")]
    [InlineData("CAC/COSP/WG.2/2020/1/Rev.", "BadSuffix")]
    [InlineData("CAC/COSP/WG.2/2020/1/2", "BadSuffix")]
    public void Refuses_malformed_symbols_and_says_why(string text, string code)
    {
        Assert.False(DocumentSymbol.TryParseDetailed(text, out _, out var error));
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        var exception = Assert.Throws<FormatException>(() => DocumentSymbol.Parse(text));
        Assert.Contains("not a UN document symbol", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chains_resolve_to_parent_and_base()
    {
        var symbol = DocumentSymbol.Parse("CAC/COSP/WG.2/2020/1/Add.1/Corr.1");
        Assert.Equal("CAC/COSP/WG.2/2020/1/Add.1", symbol.Parent!.ToString());
        Assert.Equal("CAC/COSP/WG.2/2020/1", symbol.Base.ToString());
        Assert.Null(symbol.Base.Parent);
        Assert.Equal(DocumentSymbol.Parse("CAC/COSP/WG.2/2020/1"), symbol.Base);
    }

    private static readonly Gen<string> BodyPart =
        Gen.Select(Gen.Char['A', 'Z'].Array[1, 6], Gen.Int[0, 20], (letters, n) => new string(letters) + (n == 0 ? string.Empty : "." + n));

    private static readonly Gen<DocumentSymbol> Symbols =
        Gen.Select(
            BodyPart.List[1, 4],
            Gen.Int[1946, 2100],
            Gen.Enum<SymbolSeries>(),
            Gen.Int[1, 99_999],
            Gen.Select(Gen.Enum<SymbolSuffixKind>(), Gen.Int[1, 99], (k, n) => new SymbolSuffix(k, n)).List[0, 3],
            (parts, year, series, number, suffixes) => new DocumentSymbol(parts, year, series, number, suffixes));

    [Fact]
    public void Parse_of_format_is_the_same_symbol() =>
        Symbols.Sample(symbol =>
        {
            var parsed = DocumentSymbol.Parse(symbol.ToString());
            Assert.Equal(symbol.ToString(), parsed.ToString());
            Assert.Equal(symbol.BodyParts, parsed.BodyParts);
            Assert.Equal((symbol.Year, symbol.Series, symbol.Number), (parsed.Year, parsed.Series, parsed.Number));
            Assert.Equal(symbol.Suffixes, parsed.Suffixes);
        }, iter: 2000);
}
