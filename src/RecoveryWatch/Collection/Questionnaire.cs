using System.Collections.Frozen;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace RecoveryWatch.Collection;

/// <summary>
/// The questionnaire of the information request, version 1: the sheets of the workbook and their columns. Row 1 holds the
/// column keys (the import checks them, so removed or reordered columns are caught), row 2 the labels in the State's
/// language, data from row 3.
/// </summary>
public static class Questionnaire
{
    public const int Version = 1;
    public const string CasesSheet = "Cases";
    public const string MeasuresSheet = "Measures";
    public const string InstructionsSheet = "Instructions";
    public const string ListsSheet = "Lists";
    public const string VictimsSheet = "Victims";
    public const string ThirdPartiesSheet = "ThirdParties";
    public const string ChallengesSheet = "Challenges";
    public const string PracticesSheet = "GoodPractices";
    public const string NeedsSheet = "AssistanceNeeds";
    public const string LegalFrameworkSheet = "LegalFramework";
    public const int FirstDataRow = 3;

    public static readonly IReadOnlyList<string> CaseColumns = ["case_key", "reference", "title", "counterpart_state", "role_of_your_state", "offences", "legal_routes", "summary"];
    public static readonly IReadOnlyList<string> MeasureColumns = ["case_reference", "stage", "asset_type", "amount", "currency", "date", "note", "excess_reason"];
    public static readonly IReadOnlyList<string> VictimColumns = ["case_reference", "victim_kind", "description", "compensation_ordered", "compensation_paid", "currency"];
    public static readonly IReadOnlyList<string> ThirdPartyColumns = ["case_reference", "third_party_kind", "description", "outcome"];
    public static readonly IReadOnlyList<string> ChallengeColumns = ["case_reference", "challenge", "note"];
    public static readonly IReadOnlyList<string> PracticeColumns = ["description"];
    /// <summary>Technical-assistance needs (COSP resolution 8/9): area (assistance-areas.csv), type, priority and description.</summary>
    public static readonly IReadOnlyList<string> NeedColumns = ["area", "type", "priority", "description"];

    /// <summary>Sheet LegalFramework: one row per question of the legal framework profile (question_text is the question in
    /// the State's language, for reading only), each answer with the law cited.</summary>
    public static readonly IReadOnlyList<string> LegalFrameworkColumns = ["question", "question_text", "answer", "note", "law_title", "law_article", "law_url"];

    /// <summary>The sheets after Cases and Measures: victims and compensation, third parties, challenges met (from the
    /// taxonomy, with free text), good practices and technical-assistance needs (resolution 8/9).</summary>
    public static readonly IReadOnlyList<(string Sheet, IReadOnlyList<string> Columns)> DetailSheets =
    [
        (VictimsSheet, VictimColumns), (ThirdPartiesSheet, ThirdPartyColumns), (ChallengesSheet, ChallengeColumns), (PracticesSheet, PracticeColumns), (NeedsSheet, NeedColumns),
    ];

    private static readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> Labels = Load();

    public static string Label(string key, string language) =>
        Labels[key].TryGetValue(ReferenceData.Languages.Normalize(language), out var text) && text.Length > 0 ? text : Labels[key]["en"];

    /// <summary>Spreadsheet column letter of a 0-based index (0 → A, 26 → AA).</summary>
    public static string Column(int index)
    {
        var name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    private static FrozenDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        using var stream = typeof(Questionnaire).Assembly.GetManifestResourceStream("RecoveryWatch.Collection.questionnaire-labels.csv")
            ?? throw new InvalidOperationException("questionnaire-labels.csv is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        while (csv.Read())
        {
            labels[csv.GetField("key")!] = ReferenceData.Languages.All.ToDictionary(l => l, l => csv.GetField(l) ?? string.Empty);
        }

        return labels.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
