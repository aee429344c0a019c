namespace RecoveryWatch.Knowledge;

/// <summary>
/// A version of a State's profile as the API reads and writes it. What GET returns for the open version can be PUT back
/// unchanged and changes nothing: the same fields, the answers keyed by question.
/// </summary>
public sealed record LegalFrameworkDocument(
    string State,
    int Number,
    string AsOf,
    string Source,
    FrameworkStatus Status,
    int Version,
    IReadOnlyList<FrameworkAnswerInput?> Answers,
    int? Submission = null,
    DateTimeOffset? ValidatedAt = null,
    string? ValidatedBy = null)
{
    public static LegalFrameworkDocument From(LegalFrameworkVersion v, bool withPeople) => new(
        v.StateCode,
        v.Number,
        v.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        v.Source,
        v.Status,
        v.Version,
        [.. Ordered(v.Answers).Select(a => new FrameworkAnswerInput(a.QuestionCode, a.Answer, a.Note, a.LawTitle, a.LawArticle, a.LawUrl))],
        v.SubmissionId,
        v.ValidatedAt,
        withPeople ? v.ValidatedBy : null);

    /// <summary>Answers in the order of the questions, so every read lists them the same way.</summary>
    public static IEnumerable<LegalFrameworkAnswer> Ordered(IEnumerable<LegalFrameworkAnswer> answers)
    {
        var order = LegalFrameworkQuestions.All.Select((q, i) => (q.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        return answers.OrderBy(a => order.GetValueOrDefault(a.QuestionCode, int.MaxValue)).ThenBy(a => a.QuestionCode, StringComparer.Ordinal);
    }
}

/// <summary>What a profile's editor sends: the dated source and every answer; <see cref="Version"/> is the one read, so a
/// save over a colleague's newer change is refused (409) instead of overwriting it. 0 starts a new draft.</summary>
public sealed record SaveFrameworkRequest(string? AsOf, string? Source, IReadOnlyList<FrameworkAnswerInput?>? Answers, int Version = 0)
{
    // What GET returns beside the editable fields, accepted and ignored so that a version read can be PUT back unchanged
    // (the number, status and validation are the server's to set, never the client's).
    public string? State { get; init; }
    public int? Number { get; init; }
    public FrameworkStatus? Status { get; init; }
    public int? Submission { get; init; }
    public DateTimeOffset? ValidatedAt { get; init; }
    public string? ValidatedBy { get; init; }
}

/// <summary>A step on the open version (submit, return, validate), naming the version read so a stale click is refused.</summary>
public sealed record FrameworkStepRequest(int Version);

/// <summary>A version in the list of a State's versions.</summary>
public sealed record FrameworkVersionSummary(int Number, string AsOf, string Source, FrameworkStatus Status, DateTimeOffset? ValidatedAt, int? Submission)
{
    /// <summary>The State, in lists that span States (the Secretariat's queue).</summary>
    public string? State { get; init; }
}

/// <summary>A State's current profile and its history: validated and superseded versions for everyone; open ones for its editors.</summary>
public sealed record FrameworkProfile(string State, LegalFrameworkDocument? Current, IReadOnlyList<FrameworkVersionSummary> Versions);

/// <summary>A State that has a validated profile, for the list and the comparison form.</summary>
public sealed record FrameworkListItem(string State, int Number, string AsOf, string Source, int Answers);
