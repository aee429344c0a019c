using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// Who is reading, as far as case data is concerned. Every read handler takes one, so that restricted details are
/// filtered in the query itself and never reach a response they should not.
/// <para>A reader sees details whose visibility is within its clearance; a focal point also sees the restricted
/// (Secretariat-level) details of the cases its own States are involved in, and nothing restricted of any other State.
/// Drafts are the Secretariat's alone.</para>
/// </summary>
public sealed record CaseReader
{
    public static readonly CaseReader Public = new(Visibility.Public, []);
    public static readonly CaseReader Secretariat = new(Visibility.Secretariat, []);

    public CaseReader(Visibility clearance, IEnumerable<string> ownStates)
    {
        Clearance = clearance;
        OwnStates = [.. ownStates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Levels = clearance.VisibleLevels();
    }

    public Visibility Clearance { get; }

    /// <summary>The States whose restricted data the reader may see (a focal point's States).</summary>
    public string[] OwnStates { get; }

    public Visibility[] Levels { get; }

    public bool SeesDrafts => Clearance == Visibility.Secretariat;

    /// <summary>Whether a detail of a case involving <paramref name="caseStates"/> with <paramref name="visibility"/> may be read.</summary>
    public bool Sees(Visibility visibility, IEnumerable<string> caseStates) =>
        Levels.Contains(visibility) || (OwnStates.Length > 0 && caseStates.Any(s => OwnStates.Contains(s)));

    public static CaseReader ForStates(IEnumerable<string> ownStates) => new(Visibility.StatesParties, ownStates);

    public static CaseReader StatesParties { get; } = new(Visibility.StatesParties, []);
}
