using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// A technical-assistance need as the Secretariat writes it and as <c>GET /api/v1/technical-assistance/needs/{id}</c>
/// returns it, so that what a client reads it can send back unchanged (and change nothing). Fields marked read-only are
/// returned and ignored on input; <see cref="State"/> is fixed once recorded.
/// </summary>
public sealed record NeedDocument
{
    /// <summary>Read-only.</summary>
    public int? Id { get; init; }

    /// <summary>ISO 3166-1 alpha-3 code; required on creation, and may not change afterwards.</summary>
    public string? State { get; init; }

    /// <summary>A code of the assistance areas (<c>assistance-areas.csv</c>).</summary>
    public string? Area { get; init; }

    public AssistanceType? Type { get; init; }
    public NeedPriority? Priority { get; init; }

    /// <summary>Open when omitted on creation; unchanged when omitted on an edit; otherwise a move its path allows.</summary>
    public NeedStatus? Status { get; init; }

    public string? Description { get; init; }

    /// <summary>Who may read the need; Secretariat (and the State's own focal points) when omitted on creation.</summary>
    public Visibility? Visibility { get; init; }

    /// <summary>The version the client read. When given, an edit made since by someone else is refused (409).</summary>
    public int? Version { get; init; }

    /// <summary>Read-only: the UN regional group of the State.</summary>
    public RegionalGroup? Region { get; init; }

    /// <summary>Read-only: a State's answer (<see cref="RoundId"/>, <see cref="SubmissionId"/>, <see cref="SourceCell"/>) or the Secretariat.</summary>
    public NeedSource? Source { get; init; }

    /// <summary>Read-only.</summary>
    public int? RoundId { get; init; }

    /// <summary>Read-only.</summary>
    public int? SubmissionId { get; init; }

    /// <summary>Read-only: the cell of the answer, e.g. <c>AssistanceNeeds!A3</c>.</summary>
    public string? SourceCell { get; init; }

    /// <summary>Read-only.</summary>
    public bool? IsSynthetic { get; init; }

    /// <summary>Read-only.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Read-only.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Read-only: the activities recorded as answering the need that the reader may see.</summary>
    public List<int>? Activities { get; init; }

    public static NeedDocument From(AssistanceNeed n, IEnumerable<int>? activities = null) => new()
    {
        Id = n.Id,
        State = n.StateCode,
        Area = n.AreaCode,
        Type = n.Type,
        Priority = n.Priority,
        Status = n.Status,
        Description = n.Description,
        Visibility = n.Visibility,
        Version = n.Version,
        Region = ReferenceCatalog.Default.States.TryGetValue(n.StateCode, out var s) ? s.Group : null,
        Source = n.Source,
        RoundId = n.RoundId,
        SubmissionId = n.SubmissionId,
        SourceCell = n.SourceCell,
        IsSynthetic = n.IsSynthetic,
        CreatedAt = n.CreatedAt,
        UpdatedAt = n.UpdatedAt,
        Activities = activities is null ? null : [.. activities.Order()],
    };
}

/// <summary>A need an activity answered: on input its id and, when the activity changes where it stands, the status it
/// moves to (explicitly: recording an activity never closes a need by itself); on output also the need's State, area and status.</summary>
public sealed record ActivityNeedLink
{
    public int Id { get; init; }

    /// <summary>Input only: InProgress or Met, or omitted to leave the need as it is.</summary>
    public NeedStatus? MarkAs { get; init; }

    /// <summary>Read-only.</summary>
    public string? State { get; init; }

    /// <summary>Read-only.</summary>
    public string? Area { get; init; }

    /// <summary>Read-only.</summary>
    public NeedStatus? Status { get; init; }
}

/// <summary>An activity delivered, as the Secretariat records it and the API returns it.</summary>
public sealed record ActivityDocument
{
    /// <summary>Read-only.</summary>
    public int? Id { get; init; }

    public string? Title { get; init; }
    public string? Provider { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? Description { get; init; }

    /// <summary>Public when omitted: activities delivered are usually reported openly.</summary>
    public Visibility? Visibility { get; init; }

    /// <summary>The States that benefited (ISO alpha-3), at least one.</summary>
    public List<string> States { get; init; } = [];

    /// <summary>The needs it answered; each must be a need of a State that benefited.</summary>
    public List<ActivityNeedLink> Needs { get; init; } = [];

    /// <summary>Read-only.</summary>
    public bool? IsSynthetic { get; init; }

    /// <summary>Read-only.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>A page of needs.</summary>
public sealed record NeedPage(IReadOnlyList<NeedDocument> Items, int Total, int Page, int PageSize);

/// <summary>A page of activities, newest first.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityDocument> Items, int Total, int Page, int PageSize);

/// <summary>Unmet needs (open or in progress) of one group, counted in the database over the needs the reader may see.
/// <paramref name="NeedsLink"/> is the needs list holding exactly them.</summary>
public sealed record UnmetCount(string Group, int Count, string NeedsLink);

/// <summary>One cell of the unmet table: a regional group (null for a State outside the five groups, such as the EU) and a type.</summary>
public sealed record UnmetCell(RegionalGroup? Region, AssistanceType Type, int Count);

public enum UnmetGrouping
{
    Region,
    Type,
    Area,
}
