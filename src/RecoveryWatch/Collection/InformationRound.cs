using RecoveryWatch.Common;

namespace RecoveryWatch.Collection;

public enum RoundStateStatus
{
    NotStarted,
    Draft,
    Submitted,
    ClarificationRequested,
    Validated,
}

/// <summary>
/// An information request to States parties (COSP resolution 8/9: collecting international asset-recovery cases and the
/// volumes frozen, seized, confiscated and returned), with its period, deadline, questionnaire version and the States asked.
/// </summary>
public sealed class InformationRound
{
    private readonly List<RoundState> _states = [];

    public InformationRound(string code, LocalizedText title, string mandate, DateOnly periodFrom, DateOnly periodTo, DateTimeOffset deadline, int questionnaireVersion)
    {
        if (periodTo < periodFrom)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(periodTo));
        }

        Code = code;
        Title = title;
        Mandate = mandate;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        Deadline = deadline;
        QuestionnaireVersion = questionnaireVersion;
        Languages = string.Join(',', ReferenceData.Languages.All);
    }

    private InformationRound()
    {
        Code = Mandate = Languages = string.Empty;
        Title = LocalizedText.Empty;
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public LocalizedText Title { get; private set; }

    /// <summary>The mandate, e.g. "resolution 8/9".</summary>
    public string Mandate { get; private set; }

    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public string Languages { get; private set; }
    public int QuestionnaireVersion { get; private set; }
    public IReadOnlyCollection<RoundState> States => _states;

    /// <summary>Raised by every edit; a concurrency token, so an edit based on a stale read is refused (409), not applied
    /// over another administrator's change.</summary>
    public int Version { get; private set; }

    /// <summary>An administrator's edit. The caller has checked the rules (a State that has answered stays asked; the
    /// questionnaire and the period change only while nobody has answered); this applies them and raises the version.</summary>
    public void Revise(LocalizedText title, string mandate, DateOnly periodFrom, DateOnly periodTo, DateTimeOffset deadline, int questionnaireVersion, IReadOnlyCollection<string> stateCodes)
    {
        if (periodTo < periodFrom)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(periodTo));
        }

        Title = title;
        Mandate = mandate;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        Deadline = deadline;
        QuestionnaireVersion = questionnaireVersion;
        _states.RemoveAll(s => !stateCodes.Contains(s.StateCode));
        Ask(stateCodes);
        Version++;
    }

    public void Ask(IEnumerable<string> stateCodes)
    {
        foreach (var code in stateCodes.Where(c => _states.All(s => s.StateCode != c)))
        {
            _states.Add(new RoundState(code));
        }
    }

    public bool Covers(PartialDate date) => date.Earliest <= PeriodTo && LastDay(date) >= PeriodFrom;

    private static DateOnly LastDay(PartialDate date) =>
        date.Day is not null ? date.Earliest
        : date.Month is not null ? date.Earliest.AddMonths(1).AddDays(-1)
        : new DateOnly(date.Year, 12, 31);
}

/// <summary>Where one State stands in a round.</summary>
public sealed class RoundState
{
    internal RoundState(string stateCode) => StateCode = stateCode;

    private RoundState() => StateCode = string.Empty;

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public string StateCode { get; private set; }
    public RoundStateStatus Status { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409), not applied twice.</summary>
    public int Version { get; private set; }

    public void Set(RoundStateStatus status, DateTimeOffset at)
    {
        Status = status;
        UpdatedAt = at;
        Version++;
    }
}
