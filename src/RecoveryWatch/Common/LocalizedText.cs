using System.Text.Json;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Common;

/// <summary>A text in one or more of the six official languages; readers get their language, else English, else the
/// original (a meeting's documents may exist in Chinese and English only, as the 14th meeting's agenda does here).</summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly SortedDictionary<string, string> _texts;

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> texts)
    {
        _texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in texts)
        {
            if (!ReferenceData.Languages.All.Contains(language))
            {
                throw new ArgumentException($"'{language}' is not one of the six official languages.", nameof(texts));
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                _texts[language] = text;
            }
        }
    }

    public static LocalizedText Empty { get; } = new([]);

    public static LocalizedText Of(string en, string? zh = null) =>
        new(zh is null ? [new("en", en)] : [new("en", en), new("zh", zh)]);

    public IReadOnlyDictionary<string, string> Texts => _texts;

    public IEnumerable<string> Languages => _texts.Keys;

    public bool Has(string language) => _texts.ContainsKey(language);

    /// <summary>The text in <paramref name="language"/>, else English, else any language it exists in.</summary>
    public string Get(string language) =>
        _texts.TryGetValue(ReferenceData.Languages.Normalize(language), out var text) ? text
        : _texts.TryGetValue(ReferenceData.Languages.Default, out var english) ? english
        : _texts.Values.FirstOrDefault() ?? string.Empty;

    /// <summary>The language <see cref="Get"/> answers in for <paramref name="language"/>: that one, else English, else the
    /// first it exists in. A page marks a fallback with it (<c>lang</c>, <c>dir</c>) and says the reader's version is missing.</summary>
    public string LanguageOf(string language) =>
        _texts.ContainsKey(ReferenceData.Languages.Normalize(language)) ? ReferenceData.Languages.Normalize(language)
        : _texts.ContainsKey(ReferenceData.Languages.Default) ? ReferenceData.Languages.Default
        : _texts.Keys.FirstOrDefault() ?? ReferenceData.Languages.Default;

    public string ToJson() => JsonSerializer.Serialize(_texts);

    public static LocalizedText FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);

    public bool Equals(LocalizedText? other) => other is not null && ToJson() == other.ToJson();

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToJson());

    public override string ToString() => Get(ReferenceData.Languages.Default);
}
