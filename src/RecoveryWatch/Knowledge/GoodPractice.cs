using System.Security.Cryptography;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>Where a good practice is in its life: written, handed to the Secretariat, public, taken back.</summary>
public enum PracticeStatus
{
    Draft,
    Submitted,
    Published,
    Withdrawn,
}

/// <summary>The steps of the workflow (Draft → Submitted → Published → Withdrawn, and Withdrawn → Draft to rework).</summary>
public enum PracticeAction
{
    Submit,
    Publish,
    Withdraw,
    Rework,
}

/// <summary>What a tag of a practice says: the stage, legal route or challenge it addresses, or a language it exists in.</summary>
public enum PracticeTagKind
{
    Stage,
    Route,
    Challenge,
    Language,
}

/// <summary>Lengths and limits of good practices; the columns take their lengths from here, the rules read them from the model.</summary>
public static class PracticeLimits
{
    public const int TitleLength = 300;
    public const int SummaryLength = 2000;

    /// <summary>A practice is a few pages of Markdown; anything longer belongs in an attachment.</summary>
    public const int BodyLength = 50_000;

    public const int CodeLength = 60;
    public const int FileNameLength = 255;
    public const int ContentTypeLength = 100;

    /// <summary>Attachments are stored in the database: kept small so a practice page and a backup stay light.</summary>
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;

    public const int MaxAttachments = 10;
}

/// <summary>A transition the workflow does not allow from the practice's status (publishing a withdrawn practice, say).</summary>
public sealed class PracticeTransitionException : InvalidOperationException
{
    public PracticeTransitionException()
    {
    }

    public PracticeTransitionException(string message)
        : base(message)
    {
    }

    public PracticeTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PracticeTransitionException(PracticeStatus from, string step)
        : base($"A {from} practice cannot {step}.")
    {
        From = from;
        Step = step;
    }

    public PracticeStatus From { get; }

    public string Step { get; } = string.Empty;
}

/// <summary>The checked content of a practice, as the rules (<see cref="SavePractice"/>) let it through.</summary>
public sealed record PracticeContent(
    string Title,
    string Summary,
    string Body,
    string Language,
    IReadOnlyList<string> OtherLanguages,
    IReadOnlyList<Stage> Stages,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> Challenges);

/// <summary>
/// A good practice in asset recovery, submitted by a State party or written by the Secretariat, which collects and
/// publishes them under COSP resolution 8/9 (and the UNODC website shares them). Its text is Markdown, rendered only through
/// <see cref="PracticeMarkdown.ToSafeHtml"/>. Every change goes through a method that checks the workflow and raises
/// <see cref="Version"/>, a concurrency token: two writes based on one read cannot both succeed.
/// </summary>
public sealed class GoodPractice
{
    private readonly List<PracticeTag> _tags = [];
    private readonly List<PracticeAttachment> _attachments = [];

    private GoodPractice()
    {
    }

    /// <param name="stateCode">The submitting State (ISO 3166-1 alpha-3), or null when the Secretariat writes it.</param>
    public GoodPractice(string? stateCode, PracticeContent content, string actor, DateTimeOffset now, bool isSynthetic = false)
    {
        StateCode = stateCode;
        IsSynthetic = isSynthetic;
        CreatedAt = now;
        CreatedBy = actor;
        Status = PracticeStatus.Draft;
        Describe(content, actor, now);
    }

    public int Id { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public string Summary { get; private set; } = string.Empty;

    /// <summary>Markdown, as written. Never shown as is: see <see cref="PracticeMarkdown"/>.</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>The submitting State; null for the Secretariat's own practices.</summary>
    public string? StateCode { get; private set; }

    /// <summary>The UN language the text is written in (ar, zh, en, fr, ru, es).</summary>
    public string Language { get; private set; } = Languages.Default;

    public PracticeStatus Status { get; private set; }

    /// <summary>Demo data, said so on the page like the demo cases.</summary>
    public bool IsSynthetic { get; private set; }

    /// <summary>Lower-cased title, summary and plain text of the body, for case-insensitive free-text search on both databases (any script).</summary>
    public string SearchText { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = string.Empty;
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = string.Empty;
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }

    /// <summary>UTC ticks of the latest publication (0 if never): SQLite cannot sort by a date with an offset, and the
    /// list and the feed show the newest publications first.</summary>
    public long PublishedOrder { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409).</summary>
    public int Version { get; private set; }

    public IReadOnlyCollection<PracticeTag> Tags => _tags;
    public IReadOnlyCollection<PracticeAttachment> Attachments => _attachments;

    public IEnumerable<string> Codes(PracticeTagKind kind) => _tags.Where(t => t.Kind == kind).OrderBy(t => t.Position).Select(t => t.Code);

    /// <summary>A withdrawn practice is reworked (back to draft) before it is edited again: what was taken down stays as it was.</summary>
    public bool IsEditable => Status != PracticeStatus.Withdrawn;

    /// <summary>Replaces the content; returns whether anything changed (an unchanged edit writes nothing).</summary>
    public bool Describe(PracticeContent content, string actor, DateTimeOffset now)
    {
        if (!IsEditable)
        {
            throw new PracticeTransitionException(Status, "be edited");
        }

        var tags = content.Stages.Select(s => (PracticeTagKind.Stage, s.ToString()))
            .Concat(content.Routes.Select(r => (PracticeTagKind.Route, r)))
            .Concat(content.Challenges.Select(c => (PracticeTagKind.Challenge, c)))
            .Concat(content.OtherLanguages.Select(l => (PracticeTagKind.Language, l)))
            .ToList();
        var sameTags = tags.SequenceEqual(_tags.OrderBy(t => t.Kind).ThenBy(t => t.Position).Select(t => (t.Kind, t.Code)));
        if (Title == content.Title && Summary == content.Summary && Body == content.Body && Language == content.Language && sameTags && Version > 0)
        {
            return false;
        }

        Title = content.Title;
        Summary = content.Summary;
        Body = content.Body;
        Language = content.Language;
        // The body as readers read it (Markdown's ** and [](…) set aside), so "bold practice" finds "**bold** practice".
        SearchText = string.Join('\n', content.Title, content.Summary, PracticeMarkdown.ToPlainText(content.Body)).ToLowerInvariant();
        if (!sameTags)
        {
            _tags.Clear();
            _tags.AddRange(tags.Select((t, i) => new PracticeTag(t.Item1, t.Item2, i)));
        }

        Touch(actor, now);
        return true;
    }

    /// <summary>The status a step leads to from <paramref name="from"/>, or null where the workflow has no such step.</summary>
    public static PracticeStatus? Target(PracticeStatus from, PracticeAction action) => (from, action) switch
    {
        (PracticeStatus.Draft, PracticeAction.Submit) => PracticeStatus.Submitted,
        (PracticeStatus.Draft or PracticeStatus.Submitted, PracticeAction.Publish) => PracticeStatus.Published,
        (PracticeStatus.Draft or PracticeStatus.Submitted or PracticeStatus.Published, PracticeAction.Withdraw) => PracticeStatus.Withdrawn,
        (PracticeStatus.Withdrawn, PracticeAction.Rework) => PracticeStatus.Draft,
        _ => null,
    };

    /// <summary>Takes one step of the workflow; throws <see cref="PracticeTransitionException"/> where the step does not apply.</summary>
    public void Apply(PracticeAction action, string actor, DateTimeOffset now)
    {
        var target = Target(Status, action) ?? throw new PracticeTransitionException(Status, action.ToString().ToLowerInvariant());
        switch (action)
        {
            case PracticeAction.Submit:
                SubmittedAt = now;
                SubmittedBy = actor;
                break;
            case PracticeAction.Publish:
                PublishedAt = now;
                PublishedBy = actor;
                PublishedOrder = now.UtcTicks;
                break;
            case PracticeAction.Withdraw:
                WithdrawnAt = now;
                WithdrawnBy = actor;
                break;
        }

        Status = target;
        Touch(actor, now);
    }

    public PracticeAttachment Attach(string fileName, string contentType, byte[] content, string actor, DateTimeOffset now)
    {
        if (!IsEditable)
        {
            throw new PracticeTransitionException(Status, "take attachments");
        }

        var attachment = new PracticeAttachment(fileName, contentType, content, actor, now);
        _attachments.Add(attachment);
        Touch(actor, now);
        return attachment;
    }

    public void Detach(PracticeAttachment attachment, string actor, DateTimeOffset now)
    {
        if (!IsEditable)
        {
            throw new PracticeTransitionException(Status, "lose attachments");
        }

        _attachments.Remove(attachment);
        Touch(actor, now);
    }

    private void Touch(string actor, DateTimeOffset now)
    {
        UpdatedAt = now;
        UpdatedBy = actor;
        Version++;
    }
}

/// <summary>One tag of a practice, in the order the author gave it.</summary>
public sealed class PracticeTag
{
    internal PracticeTag(PracticeTagKind kind, string code, int position)
    {
        Kind = kind;
        Code = code;
        Position = position;
    }

    private PracticeTag() => Code = string.Empty;

    public int Id { get; private set; }
    public int PracticeId { get; private set; }
    public PracticeTagKind Kind { get; private set; }
    public string Code { get; private set; }
    public int Position { get; private set; }
}

/// <summary>A file that goes with a practice (a guide, a form, a chart), kept in the database with its SHA-256.</summary>
public sealed class PracticeAttachment
{
    internal PracticeAttachment(string fileName, string contentType, byte[] content, string uploadedBy, DateTimeOffset uploadedAt)
    {
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.LongLength;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    private PracticeAttachment()
    {
        FileName = ContentType = Sha256 = UploadedBy = string.Empty;
        Content = [];
    }

    public int Id { get; private set; }
    public int PracticeId { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Size { get; private set; }
    public string Sha256 { get; private set; }
    public byte[] Content { get; private set; }
    public string UploadedBy { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
}
