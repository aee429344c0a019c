using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Meetings;

/// <summary>
/// The 14th meeting's agenda exists in English and Chinese only. A reader in Arabic, French, Russian or Spanish is told,
/// in their language, that it is not available in it and that the original is shown, and the original is marked with its
/// own lang and dir; English and Chinese readers get their version with no notice. The same on the document's page.
/// </summary>
public abstract class LanguageNoticeTests(RecoveryWatchApp app)
{
    private const string Agenda = "CAC/COSP/WG.2/2020/1";

    /// <summary>The notice in each language: "not available in [reader's language]; the original, in English".</summary>
    public static TheoryData<string, string?> Notices => new()
    {
        { "en", null },
        { "zh", null },
        { "fr", "Ce document n'est pas disponible en français ; l'original, en anglais, est affiché." },
        { "es", "Este documento no está disponible en español; se muestra el original, en inglés." },
        { "ru", "Этот документ отсутствует на русском языке; показан оригинал на английском языке." },
        { "ar", "هذه الوثيقة غير متاحة باللغة العربية؛ ويُعرض النص الأصلي باللغة الإنكليزية." },
    };

    private async Task<int> MeetingIdAsync()
    {
        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/meetings");
        return list.EnumerateArray().Single(m => m.GetProperty("body").GetString() == "CAC/COSP/WG.2" && m.GetProperty("ordinal").GetInt32() == 14).GetProperty("id").GetInt32();
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public async Task The_agenda_says_when_it_is_shown_in_its_original_language(string language, string? notice)
    {
        var html = await app.CreateClient().GetStringAsync($"/meetings/{await MeetingIdAsync()}?culture={language}");
        var document = new HtmlParser().ParseDocument(html);
        var shown = document.QuerySelector(".language-notice");
        var agenda = document.QuerySelector("section.agenda")!;
        if (notice is null)
        {
            Assert.Null(shown);
            Assert.Equal(language, agenda.GetAttribute("lang"));
        }
        else
        {
            Assert.Equal(notice, shown?.TextContent.Trim());
            Assert.Equal("en", agenda.GetAttribute("lang"));
            Assert.Equal("ltr", agenda.GetAttribute("dir"));
        }

        // Asking for the agenda in another language explicitly is not a missing version: no notice.
        var english = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync($"/meetings/{await MeetingIdAsync()}?culture={language}&lang=en"));
        Assert.Null(english.QuerySelector(".language-notice"));
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public async Task The_document_page_says_when_only_the_original_can_be_read(string language, string? notice)
    {
        var html = await app.CreateClient().GetStringAsync($"/documents?symbol={Uri.EscapeDataString(Agenda)}&culture={language}");
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(notice, document.QuerySelector(".language-notice")?.TextContent.Trim());
        var original = document.QuerySelector("table.versions tr.original td")!;
        Assert.Equal("en", original.GetAttribute("lang"));
        Assert.Equal("ltr", original.GetAttribute("dir"));
        Assert.NotNull(document.QuerySelector("p.lead")!.GetAttribute("lang"));
    }
}

public sealed class SqliteLanguageNoticeTests(SqliteApp app) : LanguageNoticeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLanguageNoticeTests(PostgresApp app) : LanguageNoticeTests(app), IClassFixture<PostgresApp>;
