using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RecoveryWatch.Analytics;
using RecoveryWatch.Analytics.Charts;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Analytics;

/// <summary>
/// Cases and two rounds whose coverage is worked out by hand. Rates: 1 USD = 1 USD, 1 EUR = 1.2 USD; none for the yen.
/// <list type="bullet">
/// <item>Public cases: Nigeria–Switzerland (freezing 1,000 USD in 2015, return 400 USD in 2019), Kenya–United Kingdom
/// (freezing 500 EUR = 600 USD in 2016), Peru–Japan (freezing 5,000 JPY in 2018, no rate), Ghana–France (freezing
/// 300 USD in 2023, after the rounds' period: in the open data, not in the note).</item>
/// <item>A case for the Secretariat only: Brazil–United States. Neither State has a public case.</item>
/// <item>Round A asked Nigeria (drafting), Switzerland (submitted) and Brazil (not started): asked 3, answered 1, validated
/// 0, with public cases 2 (Brazil's only case is not public).</item>
/// <item>Round B asked Peru (validated) and Kenya (sent back for clarification): asked 2, answered 1, validated 1, with
/// public cases 2.</item>
/// </list>
/// </summary>
public class NoteWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public int RoundA { get; private set; }
    public int RoundB { get; private set; }

    protected override async Task SeedAsync()
    {
        await WithDbAsync(async db =>
        {
            db.ExchangeRates.AddRange(new ExchangeRate("USD", new DateOnly(2000, 1, 1), 1m, "test"), new ExchangeRate("EUR", new DateOnly(2000, 1, 1), 1.2m, "test"));
            await db.SaveChangesAsync();
        });

        await CreateCaseAsync(Case("Public: Nigeria and Switzerland").Between("NGA", "CHE").Measure(Stage.Frozen, 1_000m, "USD", "2015-03").Measure(Stage.Returned, 400m, "USD", "2019", excessReason: "Returned under a settlement"));
        await CreateCaseAsync(Case("Public: Kenya and the United Kingdom").Between("KEN", "GBR").Measure(Stage.Frozen, 500m, "EUR", "2016"));
        await CreateCaseAsync(Case("Public: Peru and Japan, no rate").Between("PER", "JPN").Measure(Stage.Frozen, 5_000m, "JPY", "2018"));
        await CreateCaseAsync(Case("Public: Ghana and France, after the period").Between("GHA", "FRA").Measure(Stage.Frozen, 300m, "USD", "2023"));
        await CreateCaseAsync(Case("Secretariat only: Brazil and the United States").Between("BRA", "USA").Measure(Stage.Frozen, 7_000m, "USD", "2017").VisibleTo(Visibility.Secretariat));

        await WithDbAsync(async db =>
        {
            var a = Round("NOTE-A", "NGA", "CHE", "BRA");
            var b = Round("NOTE-B", "PER", "KEN");
            db.Rounds.AddRange(a, b);
            await db.SaveChangesAsync();
            var at = DateTimeOffset.UtcNow;
            a.States.Single(s => s.StateCode == "NGA").Set(RoundStateStatus.Draft, at);
            a.States.Single(s => s.StateCode == "CHE").Set(RoundStateStatus.Submitted, at);
            b.States.Single(s => s.StateCode == "PER").Set(RoundStateStatus.Validated, at);
            b.States.Single(s => s.StateCode == "KEN").Set(RoundStateStatus.ClarificationRequested, at);
            await db.SaveChangesAsync();
            RoundA = a.Id;
            RoundB = b.Id;
        });
    }

    private static InformationRound Round(string code, params string[] states)
    {
        var round = new InformationRound(code, new LocalizedText([new("en", "Collection of information " + code), new("zh", "信息征集 " + code)]), "resolution 8/9",
            new DateOnly(2000, 1, 1), new DateOnly(2020, 6, 30), new DateTimeOffset(2020, 9, 30, 22, 0, 0, TimeSpan.Zero), Questionnaire.Version);
        round.Ask(states);
        return round;
    }
}

public sealed class SqliteNoteWorld() : NoteWorld(DatabaseKind.Sqlite);

public sealed class PostgresNoteWorld() : NoteWorld(DatabaseKind.Postgres);

/// <summary>The coverage statistic on hand-made rounds, and the Secretariat's note checked against the open-data API it
/// must agree with, parsed back from Word in English, Chinese and Arabic.</summary>
public abstract class SecretariatNoteTests(NoteWorld world)
{
    private static readonly DateOnly Start = new(2000, 1, 1);
    private static readonly DateOnly End = new(2020, 6, 30);

    private sealed record Volume(string Group, string Stage, int Cases, decimal UsdTotal, int CasesWithoutRate);

    private sealed record Coverage(int Round, string Code, DateOnly PeriodFrom, DateOnly PeriodTo, int StatesAsked, int StatesAnswered, int StatesValidated, int StatesWithCases);

    private async Task<byte[]> NoteAsync(string language, string query = "")
    {
        using var secretariat = await world.SecretariatClientAsync();
        var response = await secretariat.GetAsync($"/api/v1/rounds/{world.RoundA}/note.docx?lang={language}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RecoveryWatch.Reporting.SecretariatNote.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The cells of a table, row by row, as text.</summary>
    private static List<string[]> Cells(Table table) =>
        [.. table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray())];

    private static IReadOnlyList<Table> Tables(WordprocessingDocument word) => [.. word.MainDocumentPart!.Document!.Body!.Elements<Table>()];

    /// <summary>The body rows of a volume table (not the totals), the group carried down from the row that names it.</summary>
    private static List<(string Group, int Cases, decimal Usd, int WithoutRate)> VolumeRows(Table table, CultureInfo numbers)
    {
        var rows = new List<(string, int, decimal, int)>();
        var group = string.Empty;
        foreach (var row in table.Elements<TableRow>().Skip(1))
        {
            var style = row.Descendants<ParagraphStyleId>().First().Val?.Value;
            if (style == "TableTotal")
            {
                break;
            }

            var cells = row.Elements<TableCell>().Select(c => c.InnerText).ToArray();
            group = cells[0].Length > 0 ? cells[0] : group;
            rows.Add((group, int.Parse(cells[2], NumberStyles.Number, numbers), decimal.Parse(cells[3], NumberStyles.Number, numbers), int.Parse(cells[4], NumberStyles.Number, numbers)));
        }

        return rows;
    }

    [Fact]
    public async Task Coverage_counts_the_States_asked_those_that_answered_and_those_with_public_cases()
    {
        var anonymous = world.CreateClient();
        var one = await anonymous.GetFromJsonAsync<List<Coverage>>($"/api/v1/statistics/coverage?round={world.RoundA}", RecoveryWatchApp.Json);
        Assert.Equal([new Coverage(world.RoundA, "NOTE-A", Start, End, 3, 1, 0, 2)], one);

        var all = await anonymous.GetFromJsonAsync<List<Coverage>>("/api/v1/statistics/coverage", RecoveryWatchApp.Json);
        Assert.Contains(new Coverage(world.RoundB, "NOTE-B", Start, End, 2, 1, 1, 2), all!);
        Assert.Contains(new Coverage(world.RoundA, "NOTE-A", Start, End, 3, 1, 0, 2), all!);

        // The Secretariat sees Brazil's restricted case: Brazil then has cases too.
        using var secretariat = await world.SecretariatClientAsync();
        var restricted = await secretariat.GetFromJsonAsync<List<Coverage>>($"/api/v1/statistics/coverage?round={world.RoundA}", RecoveryWatchApp.Json);
        Assert.Equal(3, restricted!.Single().StatesWithCases);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/statistics/coverage?round=987654")).StatusCode);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("xx-YY")]
    public async Task A_note_in_a_language_that_is_not_one_of_the_six_is_refused_naming_lang(string language)
    {
        using var secretariat = await world.SecretariatClientAsync();
        var response = await secretariat.GetAsync($"/api/v1/rounds/{world.RoundA}/note.docx?lang={language}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"lang\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_tables_equal_the_public_volumes_and_coverage()
    {
        var anonymous = world.CreateClient();
        // The note covers the round's period (2000 to 2020): the open data with those years.
        var byYear = await anonymous.GetFromJsonAsync<List<Volume>>("/api/v1/statistics/volumes?by=year&yearFrom=2000&yearTo=2020", RecoveryWatchApp.Reading);
        var byRegion = await anonymous.GetFromJsonAsync<List<Volume>>("/api/v1/statistics/volumes?by=region&yearFrom=2000&yearTo=2020", RecoveryWatchApp.Reading);
        var coverage = (await anonymous.GetFromJsonAsync<List<Coverage>>($"/api/v1/statistics/coverage?round={world.RoundA}", RecoveryWatchApp.Json))!.Single();

        using var word = WordprocessingDocument.Open(new MemoryStream(await NoteAsync("en")), false);
        var tables = Tables(word);
        Assert.Equal(4, tables.Count);
        var english = CultureInfo.GetCultureInfo("en");

        var coverageRows = Cells(tables[1]).Skip(1).Select(r => int.Parse(r[1], english)).ToList();
        Assert.Equal([coverage.StatesAsked, coverage.StatesAnswered, coverage.StatesValidated, coverage.StatesWithCases], coverageRows);

        var years = VolumeRows(tables[2], english);
        Assert.Equal(byYear!.Select(v => (v.Group, v.Cases, decimal.Round(v.UsdTotal, 0, MidpointRounding.AwayFromZero), v.CasesWithoutRate)), years);
        // The freezing of the yen is counted, and reported without a rate, never as zero dollars.
        Assert.Contains(("2018", 1, 0m, 1), years);

        var regions = VolumeRows(tables[3], english);
        Assert.Equal(byRegion!.Select(v => (v.Cases, decimal.Round(v.UsdTotal, 0, MidpointRounding.AwayFromZero), v.CasesWithoutRate)), regions.Select(r => (r.Cases, r.Usd, r.WithoutRate)));
        Assert.Equal(byRegion!.Select(v => v.Group).Distinct().Count(), regions.Select(r => r.Group).Distinct().Count());
        Assert.Contains("African States", regions.Select(r => r.Group));

        // The Secretariat-only case (7,000 USD in 2017) never reaches the public note, nor does a freezing after the period.
        Assert.DoesNotContain(years, r => r.Group == "2017");
        Assert.DoesNotContain(years, r => r.Group == "2023");
    }

    [Fact]
    public async Task Note_has_the_masthead_numbered_paragraphs_headings_footnote_and_figures()
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(await NoteAsync("en", "&symbol=CAC/COSP/WG.2/2020/4")), false);
        var main = word.MainDocumentPart!;
        var body = main.Document!.Body!;
        var masthead = Cells(Tables(word)[0]).Single();
        Assert.Equal(["United Nations", "CAC/COSP/WG.2/2020/4"], masthead);
        var paragraphs = body.Elements<Paragraph>().ToList();
        string? Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        Assert.Contains(paragraphs, p => p.InnerText == "Distr.: General");
        Assert.Contains(paragraphs, p => p.InnerText == "Original: English");
        Assert.Contains(paragraphs, p => Style(p) == "Title" && p.InnerText == "Collection of information on international asset recovery");

        Assert.Equal(["I.Introduction", "II.Coverage of the information request", "III.Volumes of assets frozen, seized, confiscated and returned", "IV.Method"],
            paragraphs.Where(p => Style(p) == "Heading1").Select(p => p.InnerText));
        Assert.StartsWith("In its resolution 8/9, the Conference", paragraphs.First(p => Style(p) == "NoteParagraph").InnerText, StringComparison.Ordinal);
        Assert.Equal(["Table 1. Coverage of the information request", "Table 2. Assets frozen, seized, confiscated and returned, by year",
            "Figure I. Value of assets frozen, seized, confiscated and returned, by year", "Table 3. Assets frozen, seized, confiscated and returned, by regional group",
            "Figure II. Value of assets frozen, seized, confiscated and returned, by regional group"],
            paragraphs.Where(p => Style(p) == "Caption").Select(p => p.InnerText));

        // Real Word styles and numbering, for staff to edit: the numbered paragraph style carries the numbering.
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<DocumentFormat.OpenXml.Wordprocessing.Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal("heading 1", styles["Heading1"].StyleName!.Val!.Value);
        Assert.Equal(StyleValues.Table, styles["NoteTable"].Type!.Value);
        Assert.NotNull(styles["NoteParagraph"].StyleParagraphProperties?.NumberingProperties ?? styles["NoteParagraph"].GetFirstChild<ParagraphProperties>()?.NumberingProperties);
        Assert.Equal("%1.", main.NumberingDefinitionsPart!.Numbering!.Descendants<LevelText>().Single().Val!.Value);
        Assert.All(Tables(word).Skip(1), t => Assert.Equal("NoteTable", t.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value));

        // The method in a real footnote, referenced from the method section.
        var footnote = main.FootnotesPart!.Footnotes!.Elements<Footnote>().Single(f => f.Id!.Value == 1);
        Assert.Contains("nearest on or before", footnote.InnerText, StringComparison.Ordinal);
        Assert.Contains("never as zero", footnote.InnerText, StringComparison.Ordinal);
        Assert.Single(body.Descendants<FootnoteReference>(), r => r.Id!.Value == 1);

        // Two figures, embedded as PNG images.
        Assert.Equal(2, main.ImageParts.Count());
        Assert.All(main.ImageParts, image =>
        {
            Assert.Equal("image/png", image.ContentType);
            using var stream = image.GetStream();
            var signature = new byte[8];
            stream.ReadExactly(signature);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        });
        Assert.Equal(2, body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline>().Count());
    }

    [Fact]
    public async Task Note_in_Chinese_and_Arabic_has_the_same_data_and_Arabic_reads_right_to_left()
    {
        static List<decimal> Numbers(WordprocessingDocument word) =>
            [.. Tables(word).Skip(1).SelectMany(t => Cells(t).Skip(1)).SelectMany(r => r.Skip(1))
                .Where(c => c.Length > 0 && char.IsAsciiDigit(c[0]) && !c.Contains('%', StringComparison.Ordinal))
                .Select(c => decimal.Parse(c, NumberStyles.Number, CultureInfo.InvariantCulture))];

        using var english = WordprocessingDocument.Open(new MemoryStream(await NoteAsync("en")), false);
        using var chinese = WordprocessingDocument.Open(new MemoryStream(await NoteAsync("zh")), false);
        using var arabic = WordprocessingDocument.Open(new MemoryStream(await NoteAsync("ar")), false);
        Assert.NotEmpty(Numbers(english));
        Assert.Equal(Numbers(english), Numbers(chinese));
        Assert.Equal(Numbers(english), Numbers(arabic));

        var zhBody = chinese.MainDocumentPart!.Document!.Body!;
        Assert.Contains(zhBody.Elements<Paragraph>(), p => p.InnerText == "收集关于国际资产追回的信息");
        var fonts = chinese.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<RunFonts>().Single();
        Assert.Equal("Noto Serif CJK SC", fonts.EastAsia!.Value);

        var arBody = arabic.MainDocumentPart!.Document!.Body!;
        Assert.All(arBody.Elements<Paragraph>(), p => Assert.NotNull(p.ParagraphProperties?.BiDi));
        Assert.All(arBody.Descendants<Text>().Select(t => t.Parent).OfType<Run>().Where(r => r.InnerText.Length > 0), r => Assert.NotNull(r.RunProperties?.RightToLeftText));
        Assert.All(arBody.Elements<Table>(), t => Assert.Equal(DocumentFormat.OpenXml.Wordprocessing.OnOffOnlyValues.On, t.GetFirstChild<TableProperties>()!.BiDiVisual!.Val!.Value));
        Assert.NotNull(arBody.GetFirstChild<SectionProperties>()!.GetFirstChild<BiDi>());
        Assert.Contains(arBody.Elements<Paragraph>(), p => p.InnerText == "جمع المعلومات عن الاسترداد الدولي للموجودات");
    }

    [Fact]
    public async Task Note_is_for_the_Secretariat_only_and_refuses_a_bad_symbol()
    {
        var anonymous = world.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/rounds/{world.RoundA}/note.docx?lang=en")).StatusCode);
        var page = await anonymous.GetAsync($"/reports/note?round={world.RoundA}&lang=en");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var secretariat = await world.SecretariatClientAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.GetAsync($"/api/v1/rounds/{world.RoundA}/note.docx?symbol=not-a-symbol")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/api/v1/rounds/987654/note.docx")).StatusCode);
    }

    [Fact]
    public async Task Note_page_downloads_the_chosen_round_in_the_chosen_language()
    {
        using var client = FormClient.Create(world);
        await client.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var form = await client.Http.GetStringAsync("/reports/note");
        Assert.Contains("NOTE-A", form, StringComparison.Ordinal);
        var response = await client.Http.GetAsync($"/reports/note?round={world.RoundA}&lang=fr&symbol=");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("CAC_COSP_WG.2_2020_", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        using var word = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains(word.MainDocumentPart!.Document!.Body!.Elements<Paragraph>(), p => p.InnerText == "Note du Secrétariat");
    }
}

public sealed class SqliteSecretariatNoteTests(SqliteNoteWorld world) : SecretariatNoteTests(world), IClassFixture<SqliteNoteWorld>;

public sealed class PostgresSecretariatNoteTests(PostgresNoteWorld world) : SecretariatNoteTests(world), IClassFixture<PostgresNoteWorld>;

/// <summary>The chart builder the note and the dashboard share, without a database.</summary>
public sealed class NoteChartTests
{
    private static readonly GroupedBarChart Chart = new(
        "Volumes by regional group",
        ["African States", "Western European and other States"],
        [new ChartSeries("Frozen", [1.5, 2]), new ChartSeries("Returned", [0.5, 0])],
        "Millions of United States dollars");

    [Fact]
    public void Note_chart_renders_as_SVG_and_PNG_in_a_Noto_font()
    {
        var svg = StatisticsCharts.Svg(Chart, "en", 800, 450);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Noto Sans", svg, StringComparison.Ordinal);
        Assert.Contains("Frozen", svg, StringComparison.Ordinal);

        var png = StatisticsCharts.Png(Chart with { Title = "按区域组分列" }, "zh", 800, 450);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal("Noto Sans CJK SC", StatisticsCharts.FontFamily("zh"));
        Assert.Equal("Noto Sans Arabic", StatisticsCharts.FontFamily("ar"));
    }

    [Fact]
    public void Note_chart_wraps_long_labels_and_refuses_a_series_of_the_wrong_length()
    {
        Assert.Equal("Western European\nand other States", StatisticsCharts.Wrap("Western European and other States", 18));
        Assert.Equal("2015", StatisticsCharts.Wrap("2015", 8));
        Assert.Equal("拉丁美洲和\n加勒比国家", StatisticsCharts.Wrap("拉丁美洲和加勒比国家", 10));
        Assert.Throws<ArgumentException>(() => StatisticsCharts.Png(Chart with { Series = [new ChartSeries("Frozen", [1])] }, "en", 100, 100));
    }
}
