namespace RecoveryWatch.Meetings;

public enum SilenceStatus
{
    Open,
    Adopted,
    Broken,
}

public enum SilenceBreakKind
{
    Objection,
    Amendment,
}

/// <summary>
/// Adoption of a draft report by silence procedure: the draft is circulated to the States parties with a deadline; if no
/// State objects or proposes an amendment in writing before it, the report is adopted; one objection or amendment breaks
/// silence. The procedure closes itself when the deadline passes.
/// </summary>
public sealed class SilenceProcedure
{
    private readonly List<SilenceBreak> _breaks = [];

    /// <summary>
    /// How far ahead a deadline may lie. A silence procedure runs for days or weeks (the UN bodies that adopted reports and
    /// decisions this way during the COVID-19 pandemic gave 72 hours to two weeks); a year bounds it generously while
    /// refusing a mistyped year (9999) that would keep a draft report open, and block the next circulation, for ever.
    /// </summary>
    public static readonly TimeSpan MaxDeadlineAhead = TimeSpan.FromDays(366);

    public SilenceProcedure(int meetingId, string draftSymbol, DateTimeOffset circulatedAt, DateTimeOffset deadline, string circulatedBy)
    {
        if (DeadlineError(deadline, circulatedAt) is { } error)
        {
            throw new ArgumentException(error, nameof(deadline));
        }

        MeetingId = meetingId;
        DraftSymbol = draftSymbol;
        CirculatedAt = circulatedAt;
        Deadline = deadline;
        CirculatedBy = circulatedBy;
    }

    private SilenceProcedure()
    {
        DraftSymbol = CirculatedBy = string.Empty;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public string DraftSymbol { get; private set; }
    public DateTimeOffset CirculatedAt { get; private set; }

    /// <summary>In UTC; shown in the meeting's time zone and the reader's.</summary>
    public DateTimeOffset Deadline { get; private set; }

    public string CirculatedBy { get; private set; }

    /// <summary>The one deadline rule, for the page and the API alike: after circulation and at most
    /// <see cref="MaxDeadlineAhead"/> later. Returns the error code, or null if the deadline is acceptable.</summary>
    public static string? DeadlineError(DateTimeOffset deadline, DateTimeOffset circulatedAt) =>
        deadline <= circulatedAt ? "DeadlineNotInFuture"
        : deadline - circulatedAt > MaxDeadlineAhead ? "DeadlineTooFar"
        : null;

    public SilenceStatus Status { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409), not applied twice.</summary>
    public int Version { get; private set; }
    public IReadOnlyCollection<SilenceBreak> Breaks => _breaks;

    /// <summary>A State breaks silence by objecting or proposing an amendment, in writing, before the deadline.</summary>
    public SilenceBreak Break(string stateCode, SilenceBreakKind kind, string text, string by, DateTimeOffset now)
    {
        CloseIfDue(now);
        if (Status != SilenceStatus.Open)
        {
            throw new InvalidOperationException(Status == SilenceStatus.Adopted ? "DeadlinePassed" : "AlreadyBroken");
        }

        var entry = new SilenceBreak(stateCode, kind, text, by, now);
        _breaks.Add(entry);
        Status = SilenceStatus.Broken;
        ClosedAt = now;
        Version++;
        return entry;
    }

    /// <summary>Still open as stored, but its deadline has passed: adopted in fact, the close not yet stored.</summary>
    public bool IsDue(DateTimeOffset now) => Status == SilenceStatus.Open && now >= Deadline;

    /// <summary>
    /// The status as of <paramref name="now"/>. The procedure closes itself at the deadline whether or not anyone stores it:
    /// readers compute the outcome from the clock (reading never writes), and the sweep or the next write stores it.
    /// </summary>
    public SilenceStatus StatusAt(DateTimeOffset now) => IsDue(now) ? SilenceStatus.Adopted : Status;

    /// <summary>When the procedure ended as of <paramref name="now"/> (the deadline, for one adopted by silence); null while open.</summary>
    public DateTimeOffset? ClosedAtAsOf(DateTimeOffset now) => IsDue(now) ? Deadline : ClosedAt;

    /// <summary>At the deadline an open procedure ends as adopted. Returns whether the status changed.</summary>
    public bool CloseIfDue(DateTimeOffset now)
    {
        if (!IsDue(now))
        {
            return false;
        }

        Status = SilenceStatus.Adopted;
        ClosedAt = Deadline;
        Version++;
        return true;
    }
}

public sealed class SilenceBreak
{
    internal SilenceBreak(string stateCode, SilenceBreakKind kind, string text, string by, DateTimeOffset at)
    {
        StateCode = stateCode;
        Kind = kind;
        Text = text;
        By = by;
        At = at;
    }

    private SilenceBreak()
    {
        StateCode = Text = By = string.Empty;
    }

    public int Id { get; private set; }
    public int ProcedureId { get; private set; }
    public string StateCode { get; private set; }
    public SilenceBreakKind Kind { get; private set; }
    public string Text { get; private set; }
    public string By { get; private set; }
    public DateTimeOffset At { get; private set; }
}
