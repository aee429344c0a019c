using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RecoveryWatch.Analytics;
using RecoveryWatch.Analytics.Charts;
using RecoveryWatch.Common;
using Stage = RecoveryWatch.ReferenceData.Stage;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using UnLanguages = RecoveryWatch.ReferenceData.Languages;

namespace RecoveryWatch.Reporting;

/// <summary>
/// Writes the Secretariat's note to the Working Group on the information collected in a round (COSP resolution 8/9), as a
/// Word document in the UN layout of CAC/COSP/WG.2/2020/4: the masthead, the body, the title, then sections with numbered
/// paragraphs, numbered tables and figures, and the method in a footnote. Everything a member of staff may want to restyle
/// afterwards is a named style (Heading1, Heading2, NoteParagraph, Caption, NoteTable, FootnoteText) with Word numbering,
/// not direct formatting. The six language versions differ in wording only: the data come from one <see cref="NoteContent"/>.
/// </summary>
public static partial class SecretariatNote
{
    public const string ContentType = AnnotatedAgenda.ContentType;

    /// <summary>Charts are drawn at 16 × 9 cm, in pixels for about 190 dpi, sharp in print.</summary>
    private const int ChartWidthPixels = 1200;
    private const int ChartHeightPixels = 675;
    private const long EmuPerCentimetre = 360_000;

    private const int NumberedParagraphs = 1;
    private const int MethodFootnote = 1;

    public static string FileName(string symbol, string language) => AnnotatedAgenda.FileName(symbol, language);

    public static byte[] Write(NoteContent content, string language)
    {
        language = UnLanguages.Normalize(language);
        var writer = new Writer(language);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            AddStyles(main, language);
            AddNumbering(main);
            AddFootnote(main, writer, writer.Label("Footnote"));
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(
                new FootnoteDocumentWideProperties(new FootnoteSpecialReference { Id = -1 }, new FootnoteSpecialReference { Id = 0 }));
            var body = new Body();
            main.Document = new Document(body);
            writer.Masthead(body, content);
            writer.Sections(body, main, content);
            var section = new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Right = 1247, Bottom = 1440, Left = 1247, Header = 709, Footer = 709, Gutter = 0 });
            if (writer.Rtl)
            {
                section.Append(new BiDi());
            }

            body.Append(section);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The number of the resolution in a mandate such as "resolution 8/9", so each language says "resolution"
    /// in its own words; a mandate without one is cited as entered.</summary>
    [GeneratedRegex(@"\d+/\d+")]
    private static partial Regex ResolutionNumber();

    private sealed class Writer(string language)
    {
        private uint _drawings;

        public string Language { get; } = language;
        public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(language);
        public bool Rtl { get; } = UnLanguages.IsRightToLeft(language);

        public string Label(string key) => Labels.Note[key, Language];

        private string Date(DateOnly date) => UnFormat.Date(date, Culture);

        /// <summary>Figures in Arabic documents of the United Nations are written in Western digits with a comma between
        /// thousands, as in the other languages' versions: UnFormat's conventions, the same as the site's.</summary>
        private CultureInfo Numbers => UnFormat.Culture(Culture);

        private string Number(decimal value) => UnFormat.Number(value, 0, Culture);

        public void Masthead(Body body, NoteContent content)
        {
            var agenda = Labels.Agenda;
            var table = new Table(new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new BiDiVisual { Val = Rtl ? OnOffOnlyValues.On : OnOffOnlyValues.Off },
                new TableBorders(new BottomBorder { Val = BorderValues.Single, Size = 12 })));
            table.Append(new TableRow(
                new TableCell(Paragraph(agenda["UnitedNations", Language], "Masthead")),
                new TableCell(Paragraph(content.Symbol, "Symbol", align: End))));
            body.Append(table);
            foreach (var line in new[] { agenda["Distribution", Language], Date(content.Date), agenda["OriginalEnglish", Language] })
            {
                body.Append(Paragraph(line, "DistributionLine", align: End));
            }

            body.Append(Paragraph(agenda["Conference", Language], "BodyTitle"));
            body.Append(Paragraph(Label("WorkingGroup"), "BodyName"));
            body.Append(Paragraph(Label("Title"), "Title"));
            body.Append(Paragraph(Label("NoteBy"), "Subtitle"));
        }

        public void Sections(Body body, MainDocumentPart main, NoteContent content)
        {
            var round = content.Round;
            var coverage = content.Coverage;
            var resolution = ResolutionNumber().Match(round.Mandate) is { Success: true } m ? m.Value : round.Mandate;

            body.Append(Paragraph(Label("Section1"), "Heading1"));
            body.Append(Numbered(string.Format(Culture, Label("Intro1"), resolution)));
            body.Append(Numbered(string.Format(Culture, Label("Intro2"), round.Title.Get(Language), round.Code, Date(round.PeriodFrom), Date(round.PeriodTo),
                Date(DateOnly.FromDateTime(round.Deadline.UtcDateTime)))));
            body.Append(Numbered(Label("Intro3")));

            body.Append(Paragraph(Label("Section2"), "Heading1"));
            body.Append(Numbered(string.Format(Culture, Label("Coverage1"), coverage.StatesAsked, coverage.StatesAnswered, coverage.StatesValidated, coverage.StatesWithCases)));
            body.Append(Paragraph(Label("Table1"), "Caption"));
            body.Append(CoverageTable(coverage));

            body.Append(Paragraph(Label("Section3"), "Heading1"));
            body.Append(Numbered(Label("Volumes1")));
            body.Append(Paragraph(Label("Table2"), "Caption"));
            body.Append(VolumeTable(content.ByYear, Label("Year"), g => g, withTotals: true));
            body.Append(Paragraph(Label("Figure1"), "Caption"));
            body.Append(Figure(main, Chart(content.ByYear, g => g), Label("Figure1")));
            body.Append(Numbered(Label("Volumes2")));
            body.Append(Paragraph(Label("Table3"), "Caption"));
            body.Append(VolumeTable(content.ByRegion, Label("Region"), RegionName, withTotals: false));
            body.Append(Paragraph(Label("Figure2"), "Caption"));
            body.Append(Figure(main, Chart(content.ByRegion, RegionName), Label("Figure2")));
            body.Append(Numbered(Label("Volumes3")));

            body.Append(Paragraph(Label("Section4"), "Heading1"));
            var method = Numbered(Label("Method1"));
            method.Append(new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReference { Id = MethodFootnote }));
            body.Append(method);
            body.Append(Numbered(Label("Method2")));
            body.Append(Numbered(Label("Method3")));
        }

        private string RegionName(string group) => Labels.Note["Region." + group, Language];

        private string StageName(Stage stage) => Label("Stage." + stage);

        private Table CoverageTable(CoverageRow coverage)
        {
            var table = NewTable(Label("Table1"));
            table.Append(Row(header: true, Label("Indicator"), Label("NumberOfStates"), Label("ShareOfAsked")));
            foreach (var (key, count) in new[]
                     {
                         ("StatesAsked", coverage.StatesAsked), ("StatesAnswered", coverage.StatesAnswered),
                         ("StatesValidated", coverage.StatesValidated), ("StatesWithCases", coverage.StatesWithCases),
                     })
            {
                var share = coverage.StatesAsked == 0 ? "–" : ((decimal)count / coverage.StatesAsked).ToString("P0", Numbers);
                table.Append(Row(header: false, Label(key), Number(count), share));
            }

            return table;
        }

        /// <summary>One row per group and stage; the group is named on its first row only, as in UN tables. Totals per
        /// stage only where each case falls in one group (years), never for regions, where a case may count twice.</summary>
        private Table VolumeTable(IReadOnlyList<VolumeRow> rows, string groupHeading, Func<string, string> groupName, bool withTotals)
        {
            var table = NewTable(groupHeading);
            table.Append(Row(header: true, groupHeading, Label("Stage"), Label("Cases"), Label("Usd"), Label("WithoutRate")));
            if (rows.Count == 0)
            {
                var cell = new TableCell(new TableCellProperties(new GridSpan { Val = 5 }), Paragraph(Label("NoFigures"), "TableText"));
                table.Append(new TableRow(cell));
                return table;
            }

            foreach (var group in rows.GroupBy(r => r.Group))
            {
                var first = true;
                foreach (var row in group.OrderBy(r => r.Stage))
                {
                    table.Append(Row(header: false, first ? groupName(group.Key) : string.Empty, StageName(row.Stage), Number(row.Cases), Number(row.UsdTotal), Number(row.CasesWithoutRate)));
                    first = false;
                }
            }

            if (withTotals)
            {
                var first = true;
                foreach (var stage in rows.GroupBy(r => r.Stage).OrderBy(s => s.Key))
                {
                    table.Append(Row(header: false, first ? Label("Total") : string.Empty, StageName(stage.Key), Number(stage.Sum(r => r.Cases)), Number(stage.Sum(r => r.UsdTotal)),
                        Number(stage.Sum(r => r.CasesWithoutRate)), total: true));
                    first = false;
                }
            }

            return table;
        }

        /// <summary>Values per stage (the series) and group (the categories), in millions of US dollars.</summary>
        private GroupedBarChart Chart(IReadOnlyList<VolumeRow> rows, Func<string, string> groupName)
        {
            var groups = rows.Select(r => r.Group).Distinct().ToList();
            var series = rows.Select(r => r.Stage).Distinct().Order()
                .Select(stage => new ChartSeries(StageName(stage), [.. groups.Select(g => (double)(rows.FirstOrDefault(r => r.Group == g && r.Stage == stage)?.UsdTotal ?? 0m) / 1_000_000d)]))
                .ToList();
            return new GroupedBarChart(string.Empty, [.. groups.Select(groupName)], series, Label("ChartUnit"));
        }

        private Paragraph Figure(MainDocumentPart main, GroupedBarChart chart, string description)
        {
            var image = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(StatisticsCharts.Png(chart, Language, ChartWidthPixels, ChartHeightPixels)))
            {
                image.FeedData(png);
            }

            var id = ++_drawings;
            var cx = 16 * EmuPerCentimetre;
            var cy = 9 * EmuPerCentimetre;
            var picture = new PIC.Picture(
                new PIC.NonVisualPictureProperties(
                    new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"figure-{id.ToString(CultureInfo.InvariantCulture)}.png", Description = description },
                    new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
            var drawing = new Drawing(new DW.Inline(
                new DW.Extent { Cx = cx, Cy = cy },
                new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
                new DW.DocProperties { Id = id, Name = $"Figure {id.ToString(CultureInfo.InvariantCulture)}", Description = description },
                new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
                new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
            {
                DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
            });
            var properties = new ParagraphProperties(new ParagraphStyleId { Val = "Figure" });
            if (Rtl)
            {
                properties.Append(new BiDi());
            }

            return new Paragraph(properties, new Run(drawing));
        }

        private Table NewTable(string description)
        {
            var properties = new TableProperties(
                new TableStyle { Val = "NoteTable" },
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new BiDiVisual { Val = Rtl ? OnOffOnlyValues.On : OnOffOnlyValues.Off },
                new TableCaption { Val = description });
            return new Table(properties);
        }

        /// <summary>Labels start the row; numbers are set flush to the end of their cell, as figures are in UN tables.</summary>
        private TableRow Row(bool header, string label, params string[] cells) => Row(header, label, cells, total: false);

        private TableRow Row(bool header, string label, string stage, string cases, string usd, string withoutRate, bool total) =>
            Row(header, label, [stage, cases, usd, withoutRate], total);

        private TableRow Row(bool header, string label, string[] cells, bool total)
        {
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }

            var style = header ? "TableHeading" : total ? "TableTotal" : "TableText";
            row.Append(new TableCell(Paragraph(label, style)));
            for (var i = 0; i < cells.Length; i++)
            {
                // The stage column of the volume tables is text; the other columns are numbers.
                var text = cells.Length == 4 && i == 0;
                row.Append(new TableCell(Paragraph(cells[i], style, align: text ? null : End)));
            }

            return row;
        }

        private JustificationValues End => Rtl ? JustificationValues.Left : JustificationValues.Right;

        private Paragraph Numbered(string text) => Paragraph(text, "NoteParagraph");

        public Paragraph Paragraph(string text, string style, JustificationValues? align = null)
        {
            var properties = new ParagraphProperties(new ParagraphStyleId { Val = style });
            if (Rtl)
            {
                properties.Append(new BiDi());
            }

            if (align is { } a)
            {
                properties.Append(new Justification { Val = a });
            }

            var paragraph = new Paragraph(properties);
            if (text.Length > 0)
            {
                paragraph.Append(TextRun(text));
            }

            return paragraph;
        }

        public Run TextRun(string text)
        {
            var run = new Run();
            if (Rtl)
            {
                run.Append(new RunProperties(new RightToLeftText()));
            }

            var parts = text.Split('\t');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    run.Append(new TabChar());
                }

                run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
            }

            return run;
        }
    }

    /// <summary>The method footnote in Word's footnote part, after the separators Word expects (ids -1 and 0).</summary>
    private static void AddFootnote(MainDocumentPart main, Writer writer, string text)
    {
        var footnotes = main.AddNewPart<FootnotesPart>();
        var note = writer.Paragraph(string.Empty, "FootnoteText");
        note.Append(new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReferenceMark()), writer.TextRun(" " + text));
        footnotes.Footnotes = new Footnotes(
            new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 },
            new Footnote(note) { Id = MethodFootnote });
    }

    /// <summary>Paragraphs numbered 1., 2., … through the whole note, as UN documents number them, whatever the section.</summary>
    private static void AddNumbering(MainDocumentPart main)
    {
        var numbering = main.AddNewPart<NumberingDefinitionsPart>();
        numbering.Numbering = new Numbering(
            new AbstractNum(
                new MultiLevelType { Val = MultiLevelValues.SingleLevel },
                new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = NumberFormatValues.Decimal },
                    new LevelText { Val = "%1." },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Start = "1134", Hanging = "567" }))
                { LevelIndex = 0 })
            { AbstractNumberId = NumberedParagraphs },
            new NumberingInstance(new AbstractNumId { Val = NumberedParagraphs }) { NumberID = NumberedParagraphs });
    }

    /// <summary>UN document styles: Times New Roman for Latin and Cyrillic, Noto Serif CJK SC for Chinese, Noto Naskh Arabic for
    /// Arabic (Debian fonts-noto-cjk and fonts-noto-core, so a rendering never shows boxes), 10 pt text at 12 pt spacing.</summary>
    private static void AddStyles(MainDocumentPart main, string language)
    {
        var rtl = UnLanguages.IsRightToLeft(language);
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunProperties(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "Noto Serif CJK SC", ComplexScript = "Noto Naskh Arabic" },
                new FontSize { Val = "20" },
                new FontSizeComplexScript { Val = language == "ar" ? "24" : "20" },
                new Languages { Val = language, EastAsia = "zh-CN", Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })));
        var styles = new Styles(defaults);

        Style Paragraph(string id, string name, string? basedOn, ParagraphProperties? paragraph = null, RunProperties? run = null, string? next = null)
        {
            var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
            if (basedOn is not null)
            {
                style.Append(new BasedOn { Val = basedOn });
            }

            if (next is not null)
            {
                style.Append(new NextParagraphStyle { Val = next });
            }

            style.Append(new PrimaryStyle());
            if (paragraph is not null)
            {
                if (rtl)
                {
                    paragraph.Append(new BiDi());
                }

                style.Append(paragraph);
            }

            if (run is not null)
            {
                style.Append(run);
            }

            return style;
        }

        static RunProperties Run(int halfPoints, bool bold = false, bool italic = false)
        {
            var run = new RunProperties();
            if (bold)
            {
                run.Append(new Bold(), new BoldComplexScript());
            }

            if (italic)
            {
                run.Append(new Italic(), new ItalicComplexScript());
            }

            run.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
            return run;
        }

        static ParagraphProperties Spacing(int before, int after, JustificationValues? align = null, bool keepNext = false, int start = 0, int hanging = 0)
        {
            var properties = new ParagraphProperties();
            if (keepNext)
            {
                properties.Append(new KeepNext());
            }

            properties.Append(new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = after.ToString(CultureInfo.InvariantCulture) });
            if (start > 0)
            {
                properties.Append(new Indentation { Start = start.ToString(CultureInfo.InvariantCulture), Hanging = hanging > 0 ? hanging.ToString(CultureInfo.InvariantCulture) : null });
            }

            if (align is not null)
            {
                properties.Append(new Justification { Val = align });
            }

            return properties;
        }

        styles.Append(Paragraph("Normal", "Normal", null, new ParagraphProperties(), Run(20)));
        styles.Elements<Style>().Last().Default = true;
        styles.Append(Paragraph("Masthead", "UN masthead", "Normal", Spacing(0, 60), Run(28, bold: true)));
        styles.Append(Paragraph("Symbol", "UN document symbol", "Normal", Spacing(0, 60), Run(28, bold: true)));
        styles.Append(Paragraph("DistributionLine", "UN distribution line", "Normal", Spacing(0, 0), Run(18)));
        styles.Append(Paragraph("BodyTitle", "UN conference", "Normal", Spacing(240, 60), Run(28, bold: true)));
        styles.Append(Paragraph("BodyName", "UN body", "Normal", Spacing(0, 240), Run(20, bold: true)));
        styles.Append(Paragraph("Title", "Title", "Normal", Spacing(360, 120, keepNext: true, start: 1134), Run(34, bold: true), next: "Subtitle"));
        styles.Append(Paragraph("Subtitle", "Subtitle", "Normal", Spacing(0, 360, keepNext: true, start: 1134), Run(24, bold: true), next: "Heading1"));
        var heading1 = Spacing(360, 240, keepNext: true, start: 1134, hanging: 567);
        heading1.Append(new OutlineLevel { Val = 0 });
        styles.Append(Paragraph("Heading1", "heading 1", "Normal", heading1, Run(24, bold: true), next: "NoteParagraph"));
        var heading2 = Spacing(240, 120, keepNext: true, start: 1134, hanging: 567);
        heading2.Append(new OutlineLevel { Val = 1 });
        styles.Append(Paragraph("Heading2", "heading 2", "Normal", heading2, Run(20, bold: true), next: "NoteParagraph"));

        // The numbered paragraph of UN documents ("SingleTxt"): its number comes from the numbering part, so paragraphs
        // inserted or removed by staff are renumbered by Word.
        var numbered = Spacing(0, 120, JustificationValues.Both, start: 1134, hanging: 567);
        numbered.PrependChild(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = NumberedParagraphs }));
        styles.Append(Paragraph("NoteParagraph", "Numbered paragraph", "Normal", numbered, Run(20), next: "NoteParagraph"));
        styles.Append(Paragraph("Caption", "caption", "Normal", Spacing(240, 120, keepNext: true, start: 1134), Run(20, bold: true)));
        styles.Append(Paragraph("Figure", "Figure", "Normal", Spacing(0, 240, JustificationValues.Center), Run(20)));
        styles.Append(Paragraph("TableHeading", "Table heading", "Normal", Spacing(40, 40), Run(16, italic: true)));
        styles.Append(Paragraph("TableText", "Table text", "Normal", Spacing(20, 20), Run(18)));
        styles.Append(Paragraph("TableTotal", "Table total", "Normal", Spacing(20, 20), Run(18, bold: true)));
        styles.Append(Paragraph("FootnoteText", "footnote text", "Normal", Spacing(0, 40, start: 1134, hanging: 227), Run(17)));

        var reference = new Style(new StyleName { Val = "footnote reference" }, new PrimaryStyle(),
            new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }))
        { Type = StyleValues.Character, StyleId = "FootnoteReference" };
        styles.Append(reference);

        // Rules above and below the table and under its heading row, as in UN tables; no vertical rules.
        var table = new Style(
            new StyleName { Val = "Note table" },
            new PrimaryStyle(),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 8 },
                    new BottomBorder { Val = BorderValues.Single, Size = 8 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 2 }),
                new TableCellMarginDefault(new StartMargin { Width = "57", Type = TableWidthUnitValues.Dxa }, new EndMargin { Width = "57", Type = TableWidthUnitValues.Dxa })),
            new TableStyleProperties(
                new TableStyleConditionalFormattingTableCellProperties(new TableCellBorders(new BottomBorder { Val = BorderValues.Single, Size = 8 })))
            { Type = TableStyleOverrideValues.FirstRow })
        { Type = StyleValues.Table, StyleId = "NoteTable" };
        styles.Append(table);

        main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
    }
}
