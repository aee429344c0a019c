using System.Globalization;
using Icu;
using Microsoft.Extensions.Localization;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Counts with their noun, in the grammar of each language: a resource value that carries a count is an ICU
/// MessageFormat message whose argument <c>{0}</c> is the count, chosen by the CLDR plural rules of the reader's language
/// (Arabic has six forms: zero, one, two, few, many, other; Russian four; Chinese one), never "1 cases" built by
/// concatenation. For example (SharedResource.resx):
/// <code>{0, plural, one {# case} other {# cases}}</code>
/// and in SharedResource.ar.resx
/// <code>{0, plural, zero {لا توجد قضايا} one {قضية واحدة} two {قضيتان} few {# قضايا} many {# قضية} other {# قضية}}</code>
/// <c>#</c> is the count written the reader's way; <c>{1}</c> and <c>{2}</c> are optional text arguments (already
/// formatted: a date from <see cref="RecoveryWatch.Common.UnFormat"/>, a name, or another plural phrase). Call it as
/// <c>L.Plural("Search.ResultsCount", total)</c> in a page or <c>localizer.Plural("Audit.IntactCount", n, hash)</c> in code.
/// </summary>
/// <remarks>
/// The messages are formatted by ICU itself (icu.net over the system's libicu, the same library .NET uses for its
/// cultures on Linux), so plural rules follow CLDR without a second copy of its data. icu.net hands ICU's variadic
/// formatter one number and two strings, hence at most two text arguments; a sentence with a second count takes it as
/// text from its own plural message (see <c>Frameworks.CompareCaption</c> and <c>Frameworks.QuestionCount</c>).
/// </remarks>
public static class PluralText
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        Wrapper.Init();
        return true;
    });

    /// <summary>The message of <paramref name="key"/> in the reader's language with <paramref name="count"/> as its {0}.</summary>
    public static string Plural(this IStringLocalizer localizer, string key, decimal count, string? first = null, string? second = null) =>
        Format(localizer[key].Value, CultureInfo.CurrentUICulture, count, first, second);

    /// <summary>Formats an ICU message for a culture (one of the six languages; others are read as English).</summary>
    public static string Format(string message, CultureInfo culture, decimal count, string? first = null, string? second = null)
    {
        _ = Loaded.Value;
        using var formatter = new MessageFormatter(message, LocaleOf(culture));
        return formatter.Format((double)count, first ?? string.Empty, second ?? string.Empty);
    }

    /// <summary>The ICU locale of a UN language. Arabic asks for Latin digits with a comma between thousands, as the
    /// Arabic documents of the United Nations write figures and as <see cref="RecoveryWatch.Common.UnFormat"/> does.</summary>
    public static string LocaleOf(CultureInfo culture) => Languages.Normalize(culture.Name) switch
    {
        "ar" => "ar@numbers=latn",
        var language => language,
    };
}
