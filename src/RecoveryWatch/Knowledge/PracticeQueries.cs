using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// Reading good practices: the search, one practice, an attachment, the feed. What a reader may not see is filtered in the
/// query itself (<see cref="Visible"/>): an unpublished practice never reaches the public's list, count, page, file or feed.
/// </summary>
public sealed class PracticeQueries(RecoveryWatchDbContext db)
{
    public const int MaxPageSize = 100;
    public const int FeedSize = 50;

    public async Task<PracticePage> SearchAsync(PracticeFilter filter, PracticeActor actor, CancellationToken cancellationToken = default)
    {
        var query = Visible(db.GoodPractices.AsNoTracking(), actor);
        if (filter.Mine)
        {
            var own = actor.OwnStates;
            query = own.Length == 0 ? query.Where(_ => false) : query.Where(p => p.StateCode != null && own.Contains(p.StateCode));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }
        else if (!filter.Mine)
        {
            // The list is the published collection unless a writer asks for a status or for its own States' practices.
            query = query.Where(p => p.Status == PracticeStatus.Published);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Lower-cased on both sides by .NET, not by the database, so Cyrillic, Greek and the like match whatever their
            // case on SQLite (whose lower() knows ASCII only) as on PostgreSQL; Chinese and Arabic have no case.
            var text = filter.Q.Normalize(System.Text.NormalizationForm.FormC).Trim().ToLowerInvariant();
            query = query.Where(p => p.SearchText.Contains(text));
        }

        if (filter.Stage is { } stage)
        {
            var code = stage.ToString();
            query = query.Where(p => p.Tags.Any(t => t.Kind == PracticeTagKind.Stage && t.Code == code));
        }

        if (!string.IsNullOrEmpty(filter.Route))
        {
            query = query.Where(p => p.Tags.Any(t => t.Kind == PracticeTagKind.Route && t.Code == filter.Route));
        }

        if (!string.IsNullOrEmpty(filter.Challenge))
        {
            query = query.Where(p => p.Tags.Any(t => t.Kind == PracticeTagKind.Challenge && t.Code == filter.Challenge));
        }

        if (!string.IsNullOrEmpty(filter.State))
        {
            query = query.Where(p => p.StateCode == filter.State);
        }

        if (!string.IsNullOrEmpty(filter.Language))
        {
            var language = filter.Language;
            query = query.Where(p => p.Language == language || p.Tags.Any(t => t.Kind == PracticeTagKind.Language && t.Code == language));
        }

        // Deep enough for any real list, and small enough that the offset never overflows into a database error.
        var page = Math.Clamp(filter.Page, 1, 1_000_000);
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(p => p.PublishedOrder).ThenByDescending(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                p.Id, p.Title, p.Summary, p.StateCode, p.Language, p.Status, p.IsSynthetic, p.PublishedAt, p.UpdatedAt,
                Tags = p.Tags.OrderBy(t => t.Position).Select(t => new { t.Kind, t.Code }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new PracticeListItem(
            r.Id, r.Title, r.Summary, r.StateCode, r.Language,
            [.. r.Tags.Where(t => t.Kind == PracticeTagKind.Language).Select(t => t.Code)],
            [.. r.Tags.Where(t => t.Kind == PracticeTagKind.Stage).Select(t => Enum.Parse<Stage>(t.Code))],
            [.. r.Tags.Where(t => t.Kind == PracticeTagKind.Route).Select(t => t.Code)],
            [.. r.Tags.Where(t => t.Kind == PracticeTagKind.Challenge).Select(t => t.Code)],
            r.Status, r.IsSynthetic, r.PublishedAt, r.UpdatedAt)).ToList();
        return new PracticePage(items, total, page, pageSize);
    }

    /// <summary>One practice as the API gives it; "not found" for a practice the reader may not see.</summary>
    public async Task<GoodPracticeDocument> GetAsync(int id, PracticeActor actor, CancellationToken cancellationToken = default)
    {
        var practice = await Visible(db.GoodPractices.AsNoTracking(), actor).Include(p => p.Tags)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException($"No good practice {id}.");
        var attachments = await db.PracticeAttachments.AsNoTracking().Where(a => a.PracticeId == id).OrderBy(a => a.Id)
            .Select(a => new PracticeAttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, string.Empty))
            .ToListAsync(cancellationToken);
        return Document(practice, actor, [.. attachments.Select(a => a with { Url = SavePractice.AttachmentUrl(a.Id) })]);
    }

    /// <summary>A file, for a reader who may see its practice; otherwise "not found".</summary>
    public async Task<PracticeFile> DownloadAsync(int attachmentId, PracticeActor actor, CancellationToken cancellationToken = default)
    {
        var visible = Visible(db.GoodPractices.AsNoTracking(), actor).Select(p => p.Id);
        return await db.PracticeAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && visible.Contains(a.PracticeId))
            .Select(a => new PracticeFile(a.FileName, a.ContentType, a.Content, a.Sha256))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"No attachment {attachmentId}.");
    }

    /// <summary>The newest published practices, for the Atom feed: published ones only, whoever asks.</summary>
    public async Task<IReadOnlyList<GoodPracticeDocument>> FeedAsync(CancellationToken cancellationToken = default)
    {
        var practices = await db.GoodPractices.AsNoTracking().Include(p => p.Tags)
            .Where(p => p.Status == PracticeStatus.Published)
            .OrderByDescending(p => p.PublishedOrder).ThenByDescending(p => p.Id)
            .Take(FeedSize).AsSplitQuery().ToListAsync(cancellationToken);
        return [.. practices.Select(p => Document(p, PracticeActor.Public, []))];
    }

    /// <summary>Published practices for everyone; the Secretariat sees all; a focal point also its own States' in any status.</summary>
    public static IQueryable<GoodPractice> Visible(IQueryable<GoodPractice> practices, PracticeActor actor)
    {
        if (actor.IsSecretariat)
        {
            return practices;
        }

        var own = actor.OwnStates;
        return own.Length == 0
            ? practices.Where(p => p.Status == PracticeStatus.Published)
            : practices.Where(p => p.Status == PracticeStatus.Published || (p.StateCode != null && own.Contains(p.StateCode)));
    }

    private static GoodPracticeDocument Document(GoodPractice p, PracticeActor actor, IReadOnlyList<PracticeAttachmentView> attachments)
    {
        // Who wrote and moved a practice are people's accounts: for the Secretariat and the State's own focal points.
        var insider = actor.IsSecretariat || actor.Owns(p.StateCode);
        return new GoodPracticeDocument
        {
            Id = p.Id,
            Title = p.Title,
            Summary = p.Summary,
            Body = p.Body,
            State = p.StateCode,
            Language = p.Language,
            OtherLanguages = [.. p.Codes(PracticeTagKind.Language)],
            Stages = [.. p.Codes(PracticeTagKind.Stage).Select(s => (Stage?)Enum.Parse<Stage>(s))],
            Routes = [.. p.Codes(PracticeTagKind.Route)],
            Challenges = [.. p.Codes(PracticeTagKind.Challenge)],
            Status = p.Status,
            Version = p.Version,
            IsSynthetic = p.IsSynthetic,
            CreatedAt = p.CreatedAt,
            UpdatedAt = p.UpdatedAt,
            SubmittedAt = insider ? p.SubmittedAt : null,
            PublishedAt = p.PublishedAt,
            WithdrawnAt = insider ? p.WithdrawnAt : null,
            CreatedBy = insider ? p.CreatedBy : null,
            UpdatedBy = insider ? p.UpdatedBy : null,
            PublishedBy = insider ? p.PublishedBy : null,
            BodyHtml = PracticeMarkdown.ToSafeHtml(p.Body),
            Attachments = attachments,
        };
    }
}
