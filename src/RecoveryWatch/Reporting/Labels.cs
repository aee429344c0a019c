using System.Collections.Frozen;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Reporting;

/// <summary>The fixed wording of UN documents in the six languages (Reporting/Data/*.csv), for documents the system writes.</summary>
public sealed class Labels
{
    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> _labels;

    private Labels(FrozenDictionary<string, IReadOnlyDictionary<string, string>> labels) => _labels = labels;

    public static Labels Agenda { get; } = Load("agenda-labels.csv");

    public static Labels Silence { get; } = Load("silence-labels.csv");

    public static Labels Note { get; } = Load("note-labels.csv");

    public string this[string key, string language] =>
        _labels[key].TryGetValue(Languages.Normalize(language), out var text) ? text : _labels[key][Languages.Default];

    private static Labels Load(string file)
    {
        using var stream = typeof(Labels).Assembly.GetManifestResourceStream("RecoveryWatch.Reporting." + file)
            ?? throw new InvalidOperationException($"{file} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        while (csv.Read())
        {
            labels[csv.GetField("key")!] = Languages.All.ToDictionary(l => l, l => csv.GetField(l) ?? string.Empty);
        }

        return new Labels(labels.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
