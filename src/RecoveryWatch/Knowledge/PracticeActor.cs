namespace RecoveryWatch.Knowledge;

/// <summary>
/// Who is reading or writing good practices, and what the workflow lets them do. The public and delegates read published
/// practices only; a focal point also reads, writes, submits and withdraws its own States' practices while they are drafts
/// or submitted (never another State's); the Secretariat reads everything and may create, edit, publish and withdraw any.
/// </summary>
public sealed record PracticeActor
{
    public static readonly PracticeActor Public = new(false, []);
    public static readonly PracticeActor Secretariat = new(true, []);

    public PracticeActor(bool isSecretariat, IEnumerable<string> ownStates)
    {
        IsSecretariat = isSecretariat;
        OwnStates = [.. ownStates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public bool IsSecretariat { get; }

    /// <summary>The States a focal point acts for; empty for everyone else.</summary>
    public string[] OwnStates { get; }

    /// <summary>Whether the actor may write practices at all (the Secretariat, focal points).</summary>
    public bool MayWrite => IsSecretariat || OwnStates.Length > 0;

    public static PracticeActor FocalPoint(IEnumerable<string> states) => new(false, states);

    public bool Owns(string? stateCode) => stateCode is not null && OwnStates.Contains(stateCode, StringComparer.Ordinal);

    public bool MayRead(PracticeStatus status, string? stateCode) => status == PracticeStatus.Published || IsSecretariat || Owns(stateCode);

    public bool MayEdit(PracticeStatus status, string? stateCode) =>
        IsSecretariat ? status != PracticeStatus.Withdrawn : Owns(stateCode) && status is PracticeStatus.Draft or PracticeStatus.Submitted;

    /// <summary>Whether the actor may take the step (the workflow must also allow it from the status).</summary>
    public bool MayApply(PracticeAction action, PracticeStatus status, string? stateCode) => action switch
    {
        // Publication is the Secretariat's decision (COSP resolution 8/9 asks it to collect and disseminate).
        PracticeAction.Publish => IsSecretariat,
        PracticeAction.Withdraw => IsSecretariat || (Owns(stateCode) && status is PracticeStatus.Draft or PracticeStatus.Submitted),
        _ => IsSecretariat || Owns(stateCode),
    };
}
