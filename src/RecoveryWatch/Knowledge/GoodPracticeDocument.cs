using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// A good practice as the API gives it and takes it back: what <c>GET /api/v1/good-practices/{id}</c> returns can be sent
/// unchanged with <c>PUT</c> and changes nothing. The read-only fields (id, status, dates, who, the rendered HTML, the
/// attachments) are accepted on input and ignored; attachments have endpoints of their own and the status changes only
/// through the workflow steps.
/// </summary>
public sealed record GoodPracticeDocument
{
    public int? Id { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }

    /// <summary>Markdown.</summary>
    public string? Body { get; init; }

    /// <summary>The submitting State (ISO 3166-1 alpha-3); none for the Secretariat's own practices. Fixed once created.</summary>
    public string? State { get; init; }

    /// <summary>The language the text is written in: ar, zh, en, fr, ru or es.</summary>
    public string? Language { get; init; }

    /// <summary>Other UN languages the practice is available in (in its attachments, say).</summary>
    public IReadOnlyList<string?>? OtherLanguages { get; init; }

    public IReadOnlyList<Stage?>? Stages { get; init; }

    /// <summary>Legal routes, as the reference data codes them (<c>Art54_1a</c>).</summary>
    public IReadOnlyList<string?>? Routes { get; init; }

    /// <summary>Challenges addressed, as the challenge taxonomy codes them.</summary>
    public IReadOnlyList<string?>? Challenges { get; init; }

    public PracticeStatus? Status { get; init; }

    /// <summary>The version read; a <c>PUT</c> with an older one is refused with 409.</summary>
    public int? Version { get; init; }

    public bool? IsSynthetic { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Who wrote and moved the practice: for the Secretariat and the State's own focal points only.</summary>
    public string? CreatedBy { get; init; }
    public string? UpdatedBy { get; init; }
    public string? PublishedBy { get; init; }

    /// <summary>The body rendered by <see cref="PracticeMarkdown.ToSafeHtml"/>.</summary>
    public string? BodyHtml { get; init; }

    public IReadOnlyList<PracticeAttachmentView>? Attachments { get; init; }
}

/// <summary>An attachment as listed with its practice; <see cref="Url"/> downloads it.</summary>
public sealed record PracticeAttachmentView(int Id, string FileName, string ContentType, long Size, string Sha256, string Url);

/// <summary>One practice in a list.</summary>
public sealed record PracticeListItem(
    int Id,
    string Title,
    string Summary,
    string? State,
    string Language,
    IReadOnlyList<string> OtherLanguages,
    IReadOnlyList<Stage> Stages,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> Challenges,
    PracticeStatus Status,
    bool IsSynthetic,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt);

public sealed record PracticePage(IReadOnlyList<PracticeListItem> Items, int Total, int Page, int PageSize);

/// <summary>A downloadable attachment.</summary>
public sealed record PracticeFile(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>The search of good practices: free text over title, summary and body, and the tags.</summary>
public sealed record PracticeFilter
{
    public const int DefaultPageSize = 20;

    public string? Q { get; init; }
    public Stage? Stage { get; init; }
    public string? Route { get; init; }
    public string? Challenge { get; init; }
    public string? State { get; init; }
    public string? Language { get; init; }

    /// <summary>Only for those who may see more than published practices; the public always gets published ones only.</summary>
    public PracticeStatus? Status { get; init; }

    /// <summary>A focal point's own States' practices, in any status ("My State's practices").</summary>
    public bool Mine { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
}
