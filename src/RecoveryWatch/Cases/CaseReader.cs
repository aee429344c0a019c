using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// Who is reading, as far as case data is concerned. Every read handler takes one, so that restricted details are
/// filtered in the query itself and never reach a response they should not.
/// </summary>
public sealed record CaseReader(Visibility Clearance)
{
    public static readonly CaseReader Public = new(Visibility.Public);
    public static readonly CaseReader Secretariat = new(Visibility.Secretariat);

    /// <summary>Only the Secretariat sees drafts (cases not yet published).</summary>
    public bool SeesDrafts => Clearance == Visibility.Secretariat;

    public Visibility[] Levels { get; } = Clearance.VisibleLevels();
}
