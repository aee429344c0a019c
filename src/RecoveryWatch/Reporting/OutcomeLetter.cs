using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RecoveryWatch.Common;
using RecoveryWatch.Meetings;
using UnLanguages = RecoveryWatch.ReferenceData.Languages;

namespace RecoveryWatch.Reporting;

/// <summary>The Secretariat's letter announcing the outcome of a silence procedure, in any of the six languages.</summary>
public static class OutcomeLetter
{
    public static byte[] Write(Meeting meeting, SilenceView procedure, string language)
    {
        language = UnLanguages.Normalize(language);
        var culture = CultureInfo.GetCultureInfo(language);
        var labels = Labels.Silence;
        var rtl = UnLanguages.IsRightToLeft(language);
        string When(DateTimeOffset utc) => UnFormat.DateTime(meeting.Local(utc), culture);
        var paragraphs = new List<string>
        {
            labels["Subject", language],
            meeting.Body!.Name.Get(language) + " — " + meeting.Title.Get(language),
            string.Format(culture, labels["Circulated", language], procedure.DraftSymbol, When(procedure.CirculatedAt), When(procedure.Deadline), meeting.TimeZone),
        };
        paragraphs.Add(procedure.Status switch
        {
            SilenceStatus.Adopted => labels["Adopted", language],
            SilenceStatus.Broken => string.Format(
                culture,
                labels["Broken", language],
                When(procedure.Breaks[0].At),
                ReferenceData.ReferenceCatalog.Default.StateName(procedure.Breaks[0].State, language),
                labels[procedure.Breaks[0].Kind == SilenceBreakKind.Objection ? "Objection" : "Amendment", language]),
            _ => labels["Open", language],
        });

        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
            foreach (var (text, index) in paragraphs.Select((t, i) => (t, i)))
            {
                var properties = new ParagraphProperties(new SpacingBetweenLines { After = "200" });
                if (rtl)
                {
                    properties.Append(new BiDi());
                }

                var run = new Run(new Text(text));
                if (index == 0)
                {
                    run.PrependChild(new RunProperties(new Bold()));
                }

                body.Append(new Paragraph(properties, run));
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
