using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// The codes a practice is tagged with, checked and labelled in one place for the rules, the search filters and the pages:
/// legal routes (UNCAC arts. 53–57) from the reference data, challenges from the challenge taxonomy, languages the six.
/// </summary>
public static class PracticeCodes
{
    public static bool IsRoute(string code) => ReferenceCatalog.Default.LegalRoutes.ContainsKey(code);

    /// <summary>For checks outside a use case (unit tests of the rules); handlers ask the taxonomy in the database.</summary>
    public static bool IsBuiltInChallenge(string code) => ReferenceCatalog.Default.Challenges.ContainsKey(code);

    public static bool IsLanguage(string code) => Languages.All.Contains(code);

    /// <summary>The challenges to offer in forms and filters, with their labels in <paramref name="language"/>.</summary>
    public static IEnumerable<(string Code, string Label)> Challenges(ChallengeCatalog catalog, string language) =>
        catalog.Offered.Select(c => (c.Code, c.Name(language))).OrderBy(c => c.Item2, StringComparer.CurrentCultureIgnoreCase);

    public static string RouteLabel(string code, string language) =>
        ReferenceCatalog.Default.LegalRoutes.TryGetValue(code, out var route) ? route.Name(language) : code;
}
