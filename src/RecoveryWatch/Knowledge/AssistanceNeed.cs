using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>The kind of help a State asks for (COSP resolution 8/9 distinguishes technical assistance from capacity-building).</summary>
public enum AssistanceType
{
    LegalAdvice,
    Training,
    CaseMentoring,
    Tools,
}

public enum NeedPriority
{
    High,
    Medium,
    Low,
}

/// <summary>Where a need stands. Open and InProgress are "unmet"; Met and Withdrawn are closed.</summary>
public enum NeedStatus
{
    Open,
    InProgress,
    Met,
    Withdrawn,
}

/// <summary>Who put the need on record: a State in its answer to an information request, or the Secretariat.</summary>
public enum NeedSource
{
    Submission,
    Secretariat,
}

/// <summary>
/// A technical-assistance or capacity-building need of one State in asset recovery. COSP resolution 8/9 asks the
/// Secretariat to collect these needs so that an analytical report can guide technical assistance (UNCAC art. 60 on
/// training and technical assistance, art. 62 on implementation through development and technical assistance). A need
/// comes from a State's answer to a round (its sheet cell is kept) or is entered by the Secretariat.
/// </summary>
public sealed class AssistanceNeed
{
    /// <summary>The transitions a need may take. A closed need (met or withdrawn) stays closed: a new need is recorded
    /// instead, so the history of what was delivered is never rewritten.</summary>
    private static readonly Dictionary<NeedStatus, NeedStatus[]> Allowed = new()
    {
        [NeedStatus.Open] = [NeedStatus.InProgress, NeedStatus.Met, NeedStatus.Withdrawn],
        [NeedStatus.InProgress] = [NeedStatus.Met, NeedStatus.Withdrawn],
        [NeedStatus.Met] = [],
        [NeedStatus.Withdrawn] = [],
    };

    public AssistanceNeed(string stateCode, string areaCode, AssistanceType type, NeedPriority priority, string description, Visibility visibility,
        NeedSource source, int? roundId, int? submissionId, string? sourceCell, string createdBy, DateTimeOffset now, bool isSynthetic = false)
    {
        StateCode = stateCode;
        AreaCode = areaCode;
        Type = type;
        Priority = priority;
        Description = description;
        Visibility = visibility;
        Source = source;
        RoundId = roundId;
        SubmissionId = submissionId;
        SourceCell = sourceCell;
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
        IsSynthetic = isSynthetic;
        Status = NeedStatus.Open;
        Version = 1;
    }

    private AssistanceNeed()
    {
        StateCode = AreaCode = Description = CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>ISO 3166-1 alpha-3 code of the State that needs the assistance.</summary>
    public string StateCode { get; private set; }

    /// <summary>A code of <c>assistance-areas.csv</c>.</summary>
    public string AreaCode { get; private set; }

    public AssistanceType Type { get; private set; }
    public NeedPriority Priority { get; private set; }
    public NeedStatus Status { get; private set; }
    public string Description { get; private set; }

    /// <summary>Who may read the need: the public, States parties, or the Secretariat (and the State's own focal points).</summary>
    public Visibility Visibility { get; private set; }

    public NeedSource Source { get; private set; }
    public int? RoundId { get; private set; }
    public int? SubmissionId { get; private set; }

    /// <summary>The cell of the State's answer the need was read from (<c>AssistanceNeeds!A3</c>).</summary>
    public string? SourceCell { get; private set; }

    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Demo data, said on the page.</summary>
    public bool IsSynthetic { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so of two status changes read at once only one is applied.</summary>
    public int Version { get; private set; }

    public bool IsUnmet => Status is NeedStatus.Open or NeedStatus.InProgress;

    public static bool CanMove(NeedStatus from, NeedStatus to) => from == to || Allowed[from].Contains(to);

    /// <summary>Changes what the need says; the State and the source stay (they are where the need comes from).</summary>
    public void Describe(string areaCode, AssistanceType type, NeedPriority priority, string description, Visibility visibility)
    {
        AreaCode = areaCode;
        Type = type;
        Priority = priority;
        Description = description;
        Visibility = visibility;
    }

    /// <summary>Moves the need along its guarded path; throws <see cref="InvalidOperationException"/> with the message
    /// code when the move is not allowed (a closed need is never reopened).</summary>
    public void Move(NeedStatus to)
    {
        if (to != Status && !Allowed[Status].Contains(to))
        {
            throw new InvalidOperationException("NeedTransitionNotAllowed");
        }

        Status = to;
    }

    /// <summary>Records that a save changed the need: the version moves once, so a write based on an older read is refused.</summary>
    public void Changed(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
