namespace RecoveryWatch.ReferenceData;

/// <summary>The six official languages of the United Nations (General Assembly resolution 3190 (XXVIII) and 35/219).</summary>
public static class Languages
{
    /// <summary>In the UN's order (alphabetical in English): Arabic, Chinese, English, French, Russian, Spanish.</summary>
    public static readonly IReadOnlyList<string> All = ["ar", "zh", "en", "fr", "ru", "es"];

    public const string Default = "en";

    public static bool IsRightToLeft(string language) => language == "ar";

    /// <summary>Strictly one of the six (a culture such as "fr-CH" names French): a document asked for in another
    /// language is refused, not silently written in English.</summary>
    public static bool TryParse(string? culture, out string language)
    {
        var neutral = (culture ?? string.Empty).Split('-', '_')[0].ToLowerInvariant();
        language = All.Contains(neutral) ? neutral : Default;
        return All.Contains(neutral);
    }

    /// <summary>The two-letter UN language of a culture name such as "zh-Hans" or "fr-CH"; English when it is not one of the six.</summary>
    public static string Normalize(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return Default;
        }

        var neutral = culture.Split('-', '_')[0].ToLowerInvariant();
        return All.Contains(neutral) ? neutral : Default;
    }
}
