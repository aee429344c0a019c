using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// A technical-assistance activity delivered (a training, legal advice on a draft law, mentoring on a case, a tool handed
/// over) by a provider to one or more States, and the needs it answered (UNCAC art. 60(2); COSP resolution 8/9). Recording
/// it never closes a need by itself: the Secretariat says, need by need, whether it is now in progress or met.
/// </summary>
public sealed class AssistanceActivity
{
    private readonly List<AssistanceActivityState> _states = [];
    private readonly List<AssistanceActivityNeed> _needs = [];

    public AssistanceActivity(string title, string provider, DateOnly startDate, DateOnly endDate, string description, Visibility visibility, string createdBy, DateTimeOffset now, bool isSynthetic = false)
    {
        Title = title;
        Provider = provider;
        StartDate = startDate;
        EndDate = endDate;
        Description = description;
        Visibility = visibility;
        CreatedBy = createdBy;
        CreatedAt = now;
        IsSynthetic = isSynthetic;
    }

    private AssistanceActivity()
    {
        Title = Provider = Description = CreatedBy = string.Empty;
    }

    public int Id { get; private set; }
    public string Title { get; private set; }

    /// <summary>Who delivered it: UNODC, StAR, a donor State, a regional network…</summary>
    public string Provider { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>Never before <see cref="StartDate"/> (checked by the handler, as every input rule is).</summary>
    public DateOnly EndDate { get; private set; }

    public string Description { get; private set; }
    public Visibility Visibility { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public bool IsSynthetic { get; private set; }

    public IReadOnlyCollection<AssistanceActivityState> States => _states;
    public IReadOnlyCollection<AssistanceActivityNeed> Needs => _needs;

    public void Benefit(IEnumerable<string> states) => _states.AddRange(states.Select(s => new AssistanceActivityState(s)));

    public void Answer(IEnumerable<int> needIds) => _needs.AddRange(needIds.Select(n => new AssistanceActivityNeed(n)));
}

/// <summary>A State an activity benefited.</summary>
public sealed class AssistanceActivityState(string stateCode)
{
    public int ActivityId { get; private set; }
    public string StateCode { get; private set; } = stateCode;
}

/// <summary>A need an activity answered (many activities may answer one need, one activity many needs).</summary>
public sealed class AssistanceActivityNeed(int needId)
{
    public int ActivityId { get; private set; }
    public int NeedId { get; private set; } = needId;
}
