using System.Collections.Frozen;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace RecoveryWatch.ReferenceData;

/// <summary>A labelled code in the six languages, read from a versioned CSV under ReferenceData/Data (see SOURCES.md there).</summary>
public sealed record LabelledCode(string Code, string? Article, IReadOnlyDictionary<string, string> Names)
{
    public string Name(string language) =>
        Names.TryGetValue(Languages.Normalize(language), out var name) && name.Length > 0 ? name : Names[Languages.Default];
}

public sealed record StateInfo(string Code, RegionalGroup? Group, bool UncacParty, IReadOnlyDictionary<string, string> Names)
{
    public string Name(string language) =>
        Names.TryGetValue(Languages.Normalize(language), out var name) && name.Length > 0 ? name : Names[Languages.Default];
}

public sealed record CurrencyInfo(string Code, int MinorUnits, string Name);

/// <summary>
/// The reference data of the field, loaded once from the CSV files embedded in this assembly.
/// Codes are validated against it; labels in the six languages come from it.
/// </summary>
public sealed class ReferenceCatalog
{
    private static readonly Lazy<ReferenceCatalog> Instance = new(Load);

    public static ReferenceCatalog Default => Instance.Value;

    public required FrozenDictionary<string, StateInfo> States { get; init; }
    public required FrozenDictionary<string, CurrencyInfo> Currencies { get; init; }
    public required FrozenDictionary<string, LabelledCode> Offences { get; init; }
    public required FrozenDictionary<string, LabelledCode> LegalRoutes { get; init; }
    public required FrozenDictionary<string, LabelledCode> Stages { get; init; }
    public required FrozenDictionary<string, LabelledCode> AssetTypes { get; init; }
    public required FrozenDictionary<string, LabelledCode> StateRoles { get; init; }
    public required FrozenDictionary<string, LabelledCode> RegionalGroups { get; init; }
    public required FrozenDictionary<string, LabelledCode> Challenges { get; init; }

    /// <summary>Areas of technical-assistance needs (COSP resolution 8/9), with the UNCAC articles each serves.</summary>
    public required FrozenDictionary<string, LabelledCode> AssistanceAreas { get; init; }

    public IEnumerable<StateInfo> StatesSorted(string language) =>
        States.Values.OrderBy(s => s.Name(language), StringComparer.Create(CultureInfo.GetCultureInfo(Languages.Normalize(language)), ignoreCase: true));

    public string StateName(string code, string language) => States.TryGetValue(code, out var s) ? s.Name(language) : code;

    public string[] StatesInGroup(RegionalGroup group) => [.. States.Values.Where(s => s.Group == group).Select(s => s.Code)];

    private static ReferenceCatalog Load()
    {
        return new ReferenceCatalog
        {
            States = ReadRows("states.csv").Select(r => new StateInfo(
                    r["code"],
                    string.IsNullOrEmpty(r["regional_group"]) ? null : Enum.Parse<RegionalGroup>(r["regional_group"]),
                    bool.Parse(r["uncac_party"]),
                    Names(r)))
                .ToFrozenDictionary(s => s.Code),
            Currencies = ReadRows("currencies.csv")
                .Select(r => new CurrencyInfo(r["code"], MinorUnits(r["minor_units"]), r["name_en"]))
                .ToFrozenDictionary(c => c.Code),
            Offences = Labelled("offences.csv"),
            LegalRoutes = Labelled("legal-routes.csv"),
            Stages = Labelled("stages.csv"),
            AssetTypes = Labelled("asset-types.csv"),
            StateRoles = Labelled("state-roles.csv"),
            RegionalGroups = Labelled("regional-groups.csv"),
            Challenges = Labelled("challenges.csv"),
            AssistanceAreas = Labelled("assistance-areas.csv"),
        };
    }

    /// <summary>ISO 4217 gives "N.A." for units such as the SDR (XDR); those are shown with two decimals.</summary>
    private static int MinorUnits(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var units) ? units : 2;

    private static FrozenDictionary<string, LabelledCode> Labelled(string file) =>
        ReadRows(file)
            .Select(r => new LabelledCode(r["code"], r.TryGetValue("article", out var a) && a.Length > 0 ? a : null, Names(r)))
            .ToFrozenDictionary(c => c.Code);

    internal static Dictionary<string, string> Names(Dictionary<string, string> row) =>
        Languages.All.ToDictionary(l => l, l => row.TryGetValue("name_" + l, out var n) ? n : string.Empty);

    internal static List<Dictionary<string, string>> ReadRows(string file)
    {
        var name = "RecoveryWatch.ReferenceData." + file;
        using var stream = typeof(ReferenceCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Reference data file {file} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? string.Empty));
        }

        return rows;
    }
}
