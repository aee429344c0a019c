using System.Globalization;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Api;

/// <summary>One code of a coded list with its labels in the six UN languages, the UNCAC article where it has one, and the
/// group it belongs to where that matters (a State's regional group, a question's section, an answer's kind).</summary>
public sealed record CodebookEntry(string Code, IReadOnlyDictionary<string, string> Labels, string? Article = null, string? Group = null, bool? Retired = null)
{
    public string Label(string language) =>
        Labels.TryGetValue(Languages.Normalize(language), out var label) && label.Length > 0 ? label : Labels.GetValueOrDefault(Languages.Default, Code);
}

/// <summary>
/// Every coded list the API and the exports use, so that an open-data reader can turn <c>Art54_1c</c> or <c>BankFunds</c>
/// into words in any of the six languages. One place: the API, the <c>/codebook</c> page and the exports' label columns all
/// read their labels here, from the same sources the pages use (the reference-data CSVs, the <c>Enum.*</c> resources and the
/// challenge taxonomy in the database).
/// </summary>
public sealed class Codebook(ChallengeTaxonomy taxonomy, IStringLocalizerFactory localizers)
{
    /// <summary>The list names, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> ListNames =
    [
        "stages", "assetTypes", "offences", "legalRoutes", "stateRoles", "regionalGroups", "states", "currencies", "challenges",
        "victimKinds", "thirdPartyKinds", "visibility", "caseStatus", "legalFrameworkQuestions", "legalFrameworkAnswers",
        "assistanceAreas", "assistanceTypes",
    ];

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CodebookEntry>>> GetAsync(string? only = null, CancellationToken cancellationToken = default)
    {
        var lists = new Dictionary<string, IReadOnlyList<CodebookEntry>>(StringComparer.Ordinal);
        foreach (var name in ListNames.Where(n => only is null || n == only))
        {
            lists[name] = name == "challenges" ? await ChallengesAsync(cancellationToken) : Static(name);
        }

        return lists;
    }

    /// <summary>The labels of the exports' coded columns (<see cref="ExportCases.CodedColumns"/>) in one language.</summary>
    public CodeLabeler Labeler(string language)
    {
        var lists = ExportCases.CodedColumns.Values.Distinct(StringComparer.Ordinal).ToDictionary(
            l => l, l => Static(l).ToDictionary(e => e.Code, e => e.Label(language), StringComparer.Ordinal), StringComparer.Ordinal);
        return (list, code) => lists.TryGetValue(list, out var labels) && labels.TryGetValue(code, out var label) ? label : null;
    }

    private async Task<IReadOnlyList<CodebookEntry>> ChallengesAsync(CancellationToken cancellationToken) =>
        [.. (await taxonomy.GetAsync(cancellationToken)).All.Select(t =>
            new CodebookEntry(t.Code, Languages.All.ToDictionary(l => l, t.Name), Retired: t.IsRetired ? true : null))];

    private List<CodebookEntry> Static(string name)
    {
        var catalog = ReferenceCatalog.Default;
        return name switch
        {
            "stages" => Labelled(catalog.Stages.Values.OrderBy(s => Enum.Parse<Stage>(s.Code))),
            "assetTypes" => Labelled(catalog.AssetTypes.Values.OrderBy(s => Enum.Parse<AssetType>(s.Code))),
            "offences" => Labelled(catalog.Offences.Values.OrderBy(c => c.Code, StringComparer.Ordinal)),
            "legalRoutes" => Labelled(catalog.LegalRoutes.Values.OrderBy(c => c.Code, StringComparer.Ordinal)),
            "stateRoles" => Labelled(catalog.StateRoles.Values.OrderBy(s => Enum.Parse<StateRole>(s.Code))),
            "regionalGroups" => Labelled(catalog.RegionalGroups.Values.OrderBy(s => Enum.Parse<RegionalGroup>(s.Code))),
            "states" => [.. catalog.States.Values.OrderBy(s => s.Code, StringComparer.Ordinal)
                .Select(s => new CodebookEntry(s.Code, s.Names, Group: s.Group?.ToString()))],
            // ISO 4217 publishes its names in English only; the code is the label in every language.
            "currencies" => [.. catalog.Currencies.Values.OrderBy(c => c.Code, StringComparer.Ordinal)
                .Select(c => new CodebookEntry(c.Code, new Dictionary<string, string> { [Languages.Default] = c.Name }))],
            "victimKinds" => Resources<VictimKind>(),
            "thirdPartyKinds" => Resources<ThirdPartyKind>(),
            "visibility" => Resources<Visibility>(),
            "caseStatus" => Resources<CaseStatus>(),
            "legalFrameworkQuestions" => [.. LegalFrameworkQuestions.All
                .Select(q => new CodebookEntry(q.Code, q.Names, q.Article, q.Section.ToString()))],
            "legalFrameworkAnswers" => [.. LegalFrameworkQuestions.All.Select(q => q.AnswerKind).Distinct(StringComparer.Ordinal)
                .SelectMany(kind => LegalFrameworkQuestions.AnswersOf(kind).Select(a => new CodebookEntry(a.Code, a.Names, a.Article, kind)))],
            "assistanceAreas" => Labelled(catalog.AssistanceAreas.Values.OrderBy(c => c.Code, StringComparer.Ordinal)),
            "assistanceTypes" => Resources<AssistanceType>(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static List<CodebookEntry> Labelled(IEnumerable<LabelledCode> codes) =>
        [.. codes.Select(c => new CodebookEntry(c.Code, c.Names, c.Article))];

    /// <summary>An enumeration labelled by the <c>Enum.{Type}.{Value}</c> resources the pages use.</summary>
    private List<CodebookEntry> Resources<TEnum>()
        where TEnum : struct, Enum
    {
        var localizer = localizers.Create(typeof(SharedResource));
        return [.. Enum.GetValues<TEnum>().Select(v => new CodebookEntry(v.ToString(),
            Languages.All.ToDictionary(l => l, l => InLanguage(localizer, $"Enum.{typeof(TEnum).Name}.{v}", l))))];
    }

    private static string InLanguage(IStringLocalizer localizer, string key, string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return localizer[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
