using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public enum SubmissionStatus
{
    Submitted,
    ClarificationRequested,
    Validated,
    Superseded,
}

public enum SubmissionChannel
{
    Excel,
    Online,
}

/// <summary>
/// One State's answer to a round: the rows it reported, the original file, and where it stands in review. Transitions are
/// guarded: only a submitted answer can be validated or sent back for clarification.
/// </summary>
public sealed class Submission
{
    private readonly List<SubmittedCase> _cases = [];
    private readonly List<SubmittedMeasure> _measures = [];
    private readonly List<SubmissionComment> _comments = [];
    private readonly List<SubmittedDetail> _details = [];
    private readonly List<Knowledge.SubmittedLegalAnswer> _legalAnswers = [];

    public Submission(int roundId, string stateCode, SubmissionChannel channel, string submittedBy, DateTimeOffset at, string? fileName, byte[]? file, string? sha256)
    {
        RoundId = roundId;
        StateCode = stateCode;
        Channel = channel;
        SubmittedBy = submittedBy;
        SubmittedAt = at;
        FileName = fileName;
        OriginalFile = file;
        Sha256 = sha256;
    }

    private Submission()
    {
        StateCode = SubmittedBy = string.Empty;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public string StateCode { get; private set; }
    public SubmissionChannel Channel { get; private set; }
    public SubmissionStatus Status { get; private set; }
    public string SubmittedBy { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string? FileName { get; private set; }

    /// <summary>The workbook as the State sent it, kept unchanged.</summary>
    public byte[]? OriginalFile { get; private set; }

    public string? Sha256 { get; private set; }
    public string? ValidatedBy { get; private set; }
    public DateTimeOffset? ValidatedAt { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409), not applied twice.</summary>
    public int Version { get; private set; }
    public IReadOnlyCollection<SubmittedCase> Cases => _cases;
    public IReadOnlyCollection<SubmittedMeasure> Measures => _measures;
    public IReadOnlyCollection<SubmissionComment> Comments => _comments;

    /// <summary>Victims, third parties, challenges, good practices and technical-assistance needs, row by row.</summary>
    public IReadOnlyCollection<SubmittedDetail> Details => _details;

    /// <summary>The answers of sheet LegalFramework: the State's legal framework as it stands at the time of the answer.</summary>
    public IReadOnlyCollection<Knowledge.SubmittedLegalAnswer> LegalAnswers => _legalAnswers;

    public void Add(SubmittedCase row) => _cases.Add(row);

    public void Add(Knowledge.SubmittedLegalAnswer row) => _legalAnswers.Add(row);

    public void Add(SubmittedDetail row) => _details.Add(row);

    public void Add(SubmittedMeasure row) => _measures.Add(row);

    public void RequestClarification(IEnumerable<SubmissionComment> comments)
    {
        Guard(SubmissionStatus.Submitted);
        _comments.AddRange(comments);
        Status = SubmissionStatus.ClarificationRequested;
        Version++;
    }

    public void Validate(string by, DateTimeOffset at)
    {
        Guard(SubmissionStatus.Submitted);
        Status = SubmissionStatus.Validated;
        Version++;
        ValidatedBy = by;
        ValidatedAt = at;
    }

    private void Guard(SubmissionStatus expected)
    {
        if (Status != expected)
        {
            // The code says where the answer stands now, so that a second click, or a colleague's decision taken a moment
            // earlier, reads as what it is ("already validated") rather than as a vague refusal.
            throw new InvalidOperationException(Status switch
            {
                SubmissionStatus.Validated => "SubmissionAlreadyValidated",
                SubmissionStatus.ClarificationRequested => "SubmissionAwaitingClarification",
                SubmissionStatus.Superseded => "SubmissionSuperseded",
                _ => "SubmissionNot" + expected,
            });
        }
    }
}

/// <summary>A case as a State reported it (sheet Cases), with the row it came from.</summary>
public sealed class SubmittedCase
{
    public SubmittedCase(int row, int? caseKey, string reference, string title, string counterpartState, StateRole roleOfReportingState, string offences, string routes, string summary)
    {
        Row = row;
        CaseKey = caseKey;
        Reference = reference;
        Title = title;
        CounterpartState = counterpartState;
        RoleOfReportingState = roleOfReportingState;
        Offences = offences;
        Routes = routes;
        Summary = summary;
    }

    private SubmittedCase()
    {
        Reference = Title = CounterpartState = Offences = Routes = Summary = string.Empty;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public int Row { get; private set; }

    /// <summary>The canonical case this row updates (the template's hidden key column), or null for a new case.</summary>
    public int? CaseKey { get; private set; }

    /// <summary>The State's own reference for the case, used by its measures.</summary>
    public string Reference { get; private set; }

    public string Title { get; private set; }
    public string CounterpartState { get; private set; }
    public StateRole RoleOfReportingState { get; private set; }
    public string Offences { get; private set; }
    public string Routes { get; private set; }
    public string Summary { get; private set; }

    /// <summary>The canonical case the row became or was merged into once validated.</summary>
    public int? CaseId { get; set; }
}

/// <summary>A measure as a State reported it (sheet Measures), with the row it came from.</summary>
public sealed class SubmittedMeasure
{
    public SubmittedMeasure(int row, string caseReference, Stage stage, AssetType assetType, decimal amount, string currency, PartialDate date, string? note, string? excessReason)
    {
        Row = row;
        CaseReference = caseReference;
        Stage = stage;
        AssetType = assetType;
        Amount = amount;
        Currency = currency;
        Year = date.Year;
        Month = date.Month;
        Day = date.Day;
        Note = note;
        ExcessReason = excessReason;
    }

    private SubmittedMeasure()
    {
        CaseReference = Currency = string.Empty;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public int Row { get; private set; }
    public string CaseReference { get; private set; }
    public Stage Stage { get; private set; }
    public AssetType AssetType { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public int Year { get; private set; }
    public int? Month { get; private set; }
    public int? Day { get; private set; }
    public string? Note { get; private set; }
    public string? ExcessReason { get; private set; }

    public PartialDate Date => new(Year, Month, Day);
}

/// <summary>The Secretariat's question about one row, shown to the focal point beside the row.</summary>
public sealed class SubmissionComment
{
    public SubmissionComment(string sheet, int row, string text, string by, DateTimeOffset at)
    {
        Sheet = sheet;
        Row = row;
        Text = text;
        By = by;
        At = at;
    }

    private SubmissionComment()
    {
        Sheet = Text = By = string.Empty;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Sheet { get; private set; }
    public int Row { get; private set; }
    public string Text { get; private set; }
    public string By { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>A row of one of the detail sheets (Victims, ThirdParties, Challenges, GoodPractices, AssistanceNeeds).</summary>
public sealed class SubmittedDetail
{
    public SubmittedDetail(string sheet, int row, string? caseReference, string? code, string text, string? outcome, decimal? ordered, decimal? paid, string? currency)
    {
        Sheet = sheet;
        Row = row;
        CaseReference = caseReference;
        Code = code;
        Text = text;
        Outcome = outcome;
        CompensationOrdered = ordered;
        CompensationPaid = paid;
        Currency = currency;
    }

    /// <summary>A row of sheet AssistanceNeeds: the area (in <see cref="Code"/>), type, priority and description.</summary>
    public SubmittedDetail(int row, string area, Knowledge.AssistanceType type, Knowledge.NeedPriority priority, string text)
        : this(Questionnaire.NeedsSheet, row, null, area, text, null, null, null, null)
    {
        NeedType = type;
        Priority = priority;
    }

    private SubmittedDetail()
    {
        Sheet = Text = string.Empty;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Sheet { get; private set; }
    public int Row { get; private set; }
    public string? CaseReference { get; private set; }

    /// <summary>Victim kind, third-party kind, challenge code or assistance area, depending on the sheet.</summary>
    public string? Code { get; private set; }

    public string Text { get; private set; }
    public string? Outcome { get; private set; }
    public decimal? CompensationOrdered { get; private set; }
    public decimal? CompensationPaid { get; private set; }
    public string? Currency { get; private set; }

    /// <summary>Sheet AssistanceNeeds: the kind of assistance needed.</summary>
    public Knowledge.AssistanceType? NeedType { get; private set; }

    /// <summary>Sheet AssistanceNeeds: how urgent the State says the need is.</summary>
    public Knowledge.NeedPriority? Priority { get; private set; }
}
