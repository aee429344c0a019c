namespace RecoveryWatch.Knowledge;

/// <summary>Where a version of a State's legal framework profile stands.</summary>
public enum FrameworkStatus
{
    /// <summary>Being written by the State's focal point or the Secretariat; seen by them only.</summary>
    Draft,

    /// <summary>Sent for validation; the focal point can no longer change it unless the Secretariat returns it.</summary>
    Submitted,

    /// <summary>Checked by the Secretariat: the State's current profile, public, the one comparisons use.</summary>
    Validated,

    /// <summary>An earlier validated version, replaced by a later one; kept, and readable, as the record of the law then.</summary>
    Superseded,
}

/// <summary>
/// One dated version of a State's legal framework profile: how its law answers the questions a requesting State asks before
/// sending a request under chapter V of the Convention (direct enforcement of foreign orders, NCB confiscation, standards of
/// proof, what a foreign request must meet, protection of third parties and victims, management and return of assets), each
/// answer with the law it rests on. Versions are never edited once validated: a change of law is a new version, and the
/// earlier one is superseded, not lost (resolution 8/9 asks for the legal frameworks States used, which change over time).
/// </summary>
public sealed class LegalFrameworkVersion
{
    private readonly List<LegalFrameworkAnswer> _answers = [];

    public LegalFrameworkVersion(string stateCode, int number, DateOnly asOf, string source, int? submissionId, string by, DateTimeOffset now)
    {
        StateCode = stateCode;
        Number = number;
        AsOf = asOf;
        Source = source;
        SubmissionId = submissionId;
        CreatedBy = UpdatedBy = by;
        CreatedAt = UpdatedAt = now;
        Status = FrameworkStatus.Draft;
    }

    private LegalFrameworkVersion()
    {
        StateCode = Source = CreatedBy = UpdatedBy = string.Empty;
    }

    public int Id { get; private set; }
    public string StateCode { get; private set; }

    /// <summary>1, 2, 3… per State, in the order versions were started.</summary>
    public int Number { get; private set; }

    /// <summary>The date the answers describe the law as it stood.</summary>
    public DateOnly AsOf { get; private set; }

    /// <summary>Where the answers come from: an answer to an information request, a ministry's statement, a review.</summary>
    public string Source { get; private set; }

    /// <summary>The answer to an information request the version was taken from, if any.</summary>
    public int? SubmissionId { get; private set; }

    public FrameworkStatus Status { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? ValidatedBy { get; private set; }
    public DateTimeOffset? ValidatedAt { get; private set; }

    /// <summary>Raised by every change: two people saving, submitting or validating the same version at once cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyCollection<LegalFrameworkAnswer> Answers => _answers;

    public bool IsOpen => Status is FrameworkStatus.Draft or FrameworkStatus.Submitted;

    /// <summary>Replaces the dated source and the answers of an open version; false when nothing changes (no new version, no audit).</summary>
    public bool Revise(DateOnly asOf, string source, IReadOnlyList<LegalFrameworkAnswer> answers, string by, DateTimeOffset now)
    {
        EnsureOpen();
        var same = AsOf == asOf && Source == source && _answers.Count == answers.Count
            && answers.All(a => _answers.Any(x => x.SameAs(a)));
        if (same)
        {
            return false;
        }

        AsOf = asOf;
        Source = source;
        foreach (var answer in answers)
        {
            var existing = _answers.FirstOrDefault(x => x.QuestionCode == answer.QuestionCode);
            if (existing is null)
            {
                _answers.Add(answer);
            }
            else
            {
                existing.Take(answer);
            }
        }

        _answers.RemoveAll(x => answers.All(a => a.QuestionCode != x.QuestionCode));
        Touch(by, now);
        return true;
    }

    public void Submit(string by, DateTimeOffset now)
    {
        if (Status != FrameworkStatus.Draft)
        {
            throw new InvalidOperationException("FrameworkNotDraft");
        }

        Status = FrameworkStatus.Submitted;
        SubmittedBy = by;
        SubmittedAt = now;
        Touch(by, now);
    }

    /// <summary>The Secretariat sends a submitted version back to the State to rework.</summary>
    public void Return(string by, DateTimeOffset now)
    {
        if (Status != FrameworkStatus.Submitted)
        {
            throw new InvalidOperationException("FrameworkNotSubmitted");
        }

        Status = FrameworkStatus.Draft;
        Touch(by, now);
    }

    /// <summary>The Secretariat validates an open version: it becomes the State's current profile.</summary>
    public void Validate(string by, DateTimeOffset now)
    {
        EnsureOpen();
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException("FrameworkEmpty");
        }

        Status = FrameworkStatus.Validated;
        ValidatedBy = by;
        ValidatedAt = now;
        Touch(by, now);
    }

    /// <summary>A later version was validated: this one becomes history.</summary>
    public void Supersede(string by, DateTimeOffset now)
    {
        if (Status != FrameworkStatus.Validated)
        {
            throw new InvalidOperationException("FrameworkNotValidated");
        }

        Status = FrameworkStatus.Superseded;
        Touch(by, now);
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("FrameworkNotOpen");
        }
    }

    private void Touch(string by, DateTimeOffset now)
    {
        UpdatedBy = by;
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>The answer of one version to one question, with the law cited: its title, the article and a link to the text.</summary>
public sealed class LegalFrameworkAnswer
{
    public LegalFrameworkAnswer(string questionCode, string answer, string? note, string? lawTitle, string? lawArticle, string? lawUrl)
    {
        QuestionCode = questionCode;
        Answer = answer;
        Note = note;
        LawTitle = lawTitle;
        LawArticle = lawArticle;
        LawUrl = lawUrl;
    }

    private LegalFrameworkAnswer()
    {
        QuestionCode = Answer = string.Empty;
    }

    public int Id { get; private set; }
    public int VersionId { get; private set; }
    public string QuestionCode { get; private set; }

    /// <summary>A code of the question's answer kind (<see cref="LegalFrameworkQuestions"/>).</summary>
    public string Answer { get; private set; }

    public string? Note { get; private set; }
    public string? LawTitle { get; private set; }
    public string? LawArticle { get; private set; }
    public string? LawUrl { get; private set; }

    internal bool SameAs(LegalFrameworkAnswer other) =>
        QuestionCode == other.QuestionCode && Answer == other.Answer && Note == other.Note && LawTitle == other.LawTitle && LawArticle == other.LawArticle && LawUrl == other.LawUrl;

    internal void Take(LegalFrameworkAnswer other)
    {
        Answer = other.Answer;
        Note = other.Note;
        LawTitle = other.LawTitle;
        LawArticle = other.LawArticle;
        LawUrl = other.LawUrl;
    }
}
