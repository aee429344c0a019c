using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RecoveryWatch.Common;
using RecoveryWatch.Meetings;
using UnLanguages = RecoveryWatch.ReferenceData.Languages;

namespace RecoveryWatch.Reporting;

/// <summary>
/// Writes a meeting's annotated provisional agenda as a Word document in the UN layout: the masthead (United Nations,
/// symbol, distribution, date, original language), the body and meeting, the provisional agenda, the annotations with each
/// item's documentation, and the proposed organization of work as its annex, with the joint-meeting footnotes.
/// </summary>
public static class AnnotatedAgenda
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string FileName(string symbol, string language) =>
        symbol.Replace('/', '_') + "_" + language.ToUpperInvariant() + ".docx";

    public static byte[] Write(Meeting meeting, IReadOnlyDictionary<string, MeetingDocument> documents, string language)
    {
        language = UnLanguages.Normalize(language);
        var culture = CultureInfo.GetCultureInfo(language);
        var labels = Labels.Agenda;
        var rtl = UnLanguages.IsRightToLeft(language);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            AddStyles(main, language);
            var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
            main.Document = new Document(body);

            documents.TryGetValue(meeting.AgendaSymbol, out var agendaDocument);
            body.Append(Masthead(meeting.AgendaSymbol, labels["UnitedNations", language], rtl));
            body.Append(Paragraph(labels["Distribution", language], rtl, align: rtl ? JustificationValues.Left : JustificationValues.Right, size: 18));
            if (agendaDocument?.Date is { } date)
            {
                body.Append(Paragraph(date.ToString(PartialDate.LongDateWithoutWeekday(culture), culture), rtl, align: rtl ? JustificationValues.Left : JustificationValues.Right, size: 18));
            }

            body.Append(Paragraph(labels["OriginalEnglish", language], rtl, align: rtl ? JustificationValues.Left : JustificationValues.Right, size: 18));
            body.Append(Paragraph(labels["Conference", language], rtl, bold: true, size: 28));
            body.Append(Paragraph(meeting.Body!.Name.Get(language), rtl, bold: true));
            var when = meeting.Local(meeting.OpensAt).ToString(PartialDate.LongDateWithoutWeekday(culture), culture) + " – "
                + meeting.Local(meeting.ClosesAt).ToString(PartialDate.LongDateWithoutWeekday(culture), culture);
            body.Append(Paragraph(meeting.Venue.Get(language) + ", " + when, rtl));
            body.Append(Paragraph(labels["Title", language] + (agendaDocument?.ReissuedOn is null ? string.Empty : "*"), rtl, bold: true, size: 34, style: "Title"));

            body.Append(Paragraph(labels["ProvisionalAgenda", language], rtl, bold: true, size: 24, style: "Heading1"));
            foreach (var item in meeting.Items.OrderBy(i => i.Order))
            {
                var label = item.Letter is null ? $"{item.Number.ToString(CultureInfo.InvariantCulture)}." : $"({item.Letter})";
                body.Append(Paragraph($"{label}\t{item.Title.Get(language)}", rtl, indent: item.Letter is null ? 0 : 567, style: "AgendaItem"));
            }

            if (agendaDocument?.ReissuedOn is { } reissued)
            {
                body.Append(Paragraph(string.Format(culture, labels["Reissued", language], reissued.ToString(PartialDate.LongDateWithoutWeekday(culture), culture)), rtl, size: 17));
            }

            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            body.Append(Paragraph(labels["Annotations", language], rtl, bold: true, size: 24, style: "Heading1"));
            foreach (var item in meeting.Items.OrderBy(i => i.Order))
            {
                var heading = item.Letter is null ? $"{item.Number.ToString(CultureInfo.InvariantCulture)}.\t{item.Title.Get(language)}" : $"({item.Letter})\t{item.Title.Get(language)}";
                body.Append(Paragraph(heading, rtl, bold: true, style: item.Letter is null ? "Heading2" : "Heading3"));
                foreach (var paragraph in item.Annotation.Get(language).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    body.Append(Paragraph(paragraph, rtl, justify: true));
                }

                var symbols = item.DocumentSymbols.ToList();
                if (symbols.Count > 0)
                {
                    body.Append(Paragraph(labels["Documentation", language], rtl, italic: true, style: "Heading4"));
                    foreach (var symbol in symbols)
                    {
                        var title = documents.TryGetValue(symbol, out var d) ? d.Title.Get(language) : string.Empty;
                        body.Append(Paragraph($"{title} ({symbol})", rtl, indent: 567, style: "DocumentReference"));
                    }
                }
            }

            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            body.Append(Paragraph(labels["Annex", language], rtl, bold: true, size: 24, style: "Heading1"));
            body.Append(Paragraph(labels["OrganizationOfWork", language], rtl, bold: true, style: "Heading2"));
            body.Append(OrganizationOfWork(meeting, language, culture, rtl));
            foreach (var sitting in meeting.JointSittings.OrderBy(j => j.Footnote, StringComparer.Ordinal))
            {
                body.Append(Paragraph($"{sitting.Footnote}\t{sitting.Text.Get(language)}", rtl, size: 17, style: "Footnote"));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Right = 1247, Bottom = 1440, Left = 1247, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Table OrganizationOfWork(Meeting meeting, string language, CultureInfo culture, bool rtl)
    {
        var labels = Labels.Agenda;
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new BiDiVisual { Val = rtl ? OnOffOnlyValues.On : OnOffOnlyValues.Off },
            new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 }, new InsideHorizontalBorder { Val = BorderValues.Single, Size = 2 })));
        table.Append(Row(rtl, true, labels["DateTime", language], labels["AgendaItem", language], labels["TitleOrDescription", language]));
        var items = meeting.Items.ToList();
        foreach (var slot in meeting.Slots.OrderBy(s => s.StartsAt))
        {
            var start = meeting.Local(slot.StartsAt);
            var end = meeting.Local(slot.EndsAt);
            var when = start.ToString(PartialDate.LongDateWithoutWeekday(culture), culture) + "\n" + UnFormat.Time(start, culture) + "–" + UnFormat.Time(end, culture);
            var continued = slot.ContinuedItems.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var labelsOfItems = slot.Items.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var titles = labelsOfItems.Select(label =>
            {
                var item = items.FirstOrDefault(i => i.Label == label);
                var text = item?.Title.Get(language) ?? label;
                return continued.Contains(label) ? text + " " + labels["Continued", language] : text;
            });
            var footnotes = string.IsNullOrEmpty(slot.Footnotes) ? string.Empty : " " + slot.Footnotes;
            table.Append(Row(rtl, false, when, string.Join("\n", labelsOfItems), string.Join("\n", titles) + footnotes));
        }

        return table;
    }

    private static TableRow Row(bool rtl, bool header, params string[] cells)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var tableCell = new TableCell();
            foreach (var line in cell.Split('\n'))
            {
                tableCell.Append(Paragraph(line, rtl, bold: header, italic: header, size: 18));
            }

            row.Append(tableCell);
        }

        return row;
    }

    private static Table Masthead(string symbol, string unitedNations, bool rtl)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new BiDiVisual { Val = rtl ? OnOffOnlyValues.On : OnOffOnlyValues.Off },
            new TableBorders(new BottomBorder { Val = BorderValues.Single, Size = 12 })));
        var row = new TableRow();
        row.Append(new TableCell(Paragraph(unitedNations, rtl, bold: true, size: 28)));
        row.Append(new TableCell(Paragraph(symbol, rtl, bold: true, size: 28, align: rtl ? JustificationValues.Left : JustificationValues.Right, style: "Symbol")));
        table.Append(row);
        return table;
    }

    private static Paragraph Paragraph(string text, bool rtl, bool bold = false, bool italic = false, int size = 20, JustificationValues? align = null, int indent = 0, bool justify = false, string? style = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }

        if (rtl)
        {
            properties.Append(new BiDi());
        }

        properties.Append(new SpacingBetweenLines { After = "120" });
        if (indent > 0)
        {
            properties.Append(new Indentation { Start = indent.ToString(CultureInfo.InvariantCulture) });
        }

        if (align is not null || justify)
        {
            properties.Append(new Justification { Val = align ?? JustificationValues.Both });
        }

        var runProperties = new RunProperties();
        if (bold)
        {
            runProperties.Append(new Bold(), new BoldComplexScript());
        }

        if (italic)
        {
            runProperties.Append(new Italic());
        }

        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (rtl)
        {
            runProperties.Append(new RightToLeftText());
        }

        var run = new Run(runProperties);
        var parts = text.Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new TabChar());
            }

            run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return new Paragraph(properties, run);
    }

    /// <summary>Times New Roman for Latin and Cyrillic text, Noto fonts for Chinese and Arabic (Debian fonts-noto-cjk and
    /// fonts-noto-core), so that a rendering never shows boxes.</summary>
    private static void AddStyles(MainDocumentPart main, string language)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        var defaults = new DocDefaults(new RunPropertiesDefault(new RunProperties(
            new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "Noto Serif CJK SC", ComplexScript = "Noto Naskh Arabic" },
            new Languages { Val = language, EastAsia = "zh-CN", Bidi = "ar-SA" })));
        var result = new Styles(defaults);
        foreach (var id in new[] { "Title", "Heading1", "Heading2", "Heading3", "Heading4", "AgendaItem", "DocumentReference", "Footnote", "Symbol" })
        {
            result.Append(new Style(new StyleName { Val = id }) { Type = StyleValues.Paragraph, StyleId = id, CustomStyle = true });
        }

        styles.Styles = result;
    }
}
