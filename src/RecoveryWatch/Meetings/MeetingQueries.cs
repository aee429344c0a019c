using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Meetings;

public sealed record MeetingSummary(int Id, string Body, string BodyName, int Ordinal, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string TimeZone, MeetingFormat Format);

public sealed record MeetingView
{
    public required int Id { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<string> AvailableLanguages { get; init; }
    public required string Body { get; init; }
    public required string BodyName { get; init; }
    public required int Ordinal { get; init; }
    public required string Title { get; init; }

    /// <summary>Opening and closing in the meeting's time zone, with its offset (ISO 8601).</summary>
    public required DateTimeOffset OpensAt { get; init; }

    public required DateTimeOffset ClosesAt { get; init; }
    public required string TimeZone { get; init; }
    public required string Venue { get; init; }
    public required string Room { get; init; }
    public required MeetingFormat Format { get; init; }
    public required IReadOnlyList<string> InterpretationLanguages { get; init; }
    public required string AgendaSymbol { get; init; }
    public required AgendaStatus AgendaStatus { get; init; }
    public required IReadOnlyList<string> Mandates { get; init; }
    public DateTimeOffset? AgendaAdoptedAt { get; init; }
    public required IReadOnlyList<AmendmentView> Amendments { get; init; }
    public required IReadOnlyList<AgendaItemView> Agenda { get; init; }
    public required IReadOnlyList<WorkSlotView> OrganizationOfWork { get; init; }
    public required IReadOnlyList<JointSittingView> JointSittings { get; init; }
}

public sealed record AmendmentView(string Text, DateTimeOffset At, AgendaStatus AgendaStatusAtTheTime);

public sealed record AgendaItemView(string Label, int Number, string? Letter, string Title, string Annotation, IReadOnlyList<string> Documents);

public sealed record WorkSlotView(string Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Items, IReadOnlyList<string> Continued, IReadOnlyList<string> Footnotes);

public sealed record JointPartner(string Body, string Session, string Item);

public sealed record JointSittingView(string Footnote, IReadOnlyList<int> Items, IReadOnlyList<JointPartner> Partners, string Text);

public sealed record DocumentView(string Symbol, string Title, Distribution Distribution, string OriginalLanguage, DateOnly? Date, DateOnly? ReissuedOn,
    IReadOnlyList<string> AgendaItems, IReadOnlyList<DocumentVersionView> Versions, string? Parent, IReadOnlyList<string> Related, string TitleLanguage);

public sealed record DocumentVersionView(string Language, VersionStatus Status, string? FileName, long Size, string? Sha256, string? Url);

/// <summary>Reads meetings and documents for pages, the API and the Word agenda.</summary>
public static class MeetingQueries
{
    public static Task<Meeting?> LoadAsync(RecoveryWatchDbContext db, int id, CancellationToken cancellationToken) =>
        db.Meetings.AsNoTracking().Include(m => m.Body).Include(m => m.Items).Include(m => m.JointSittings).Include(m => m.Slots).Include(m => m.Amendments)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>The documents a meeting's agenda cites (its own symbol and those under its items), not the whole library.</summary>
    public static async Task<IReadOnlyDictionary<string, MeetingDocument>> DocumentsAsync(RecoveryWatchDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        var symbols = meeting.Items.SelectMany(i => i.DocumentSymbols).Append(meeting.AgendaSymbol).Distinct(StringComparer.Ordinal).ToList();
        return await db.Documents.AsNoTracking().Where(d => symbols.Contains(d.Symbol)).ToDictionaryAsync(d => d.Symbol, StringComparer.Ordinal, cancellationToken);
    }

    public static async Task<IReadOnlyList<MeetingSummary>> ListAsync(RecoveryWatchDbContext db, string language, CancellationToken cancellationToken)
    {
        // Ordered here: SQLite cannot order by a DateTimeOffset column, and a body holds a few meetings a year.
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Body).ToListAsync(cancellationToken);
        return [.. meetings.OrderByDescending(m => m.OpensAt).Select(m => Summary(m, language))];
    }

    public static async Task<MeetingSummary?> SummaryAsync(RecoveryWatchDbContext db, int id, string language, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Body).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return meeting is null ? null : Summary(meeting, language);
    }

    private static MeetingSummary Summary(Meeting m, string language) =>
        new(m.Id, m.Body!.SymbolStem, m.Body.Name.Get(language), m.Ordinal, m.Title.Get(language), m.Local(m.OpensAt), m.Local(m.ClosesAt), m.TimeZone, m.Format);

    public static MeetingView View(Meeting m, string language)
    {
        var languages = m.Items.SelectMany(i => i.Title.Languages).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new MeetingView
        {
            Id = m.Id,
            Language = m.Items.All(i => i.Title.Has(language)) ? language : ReferenceData.Languages.Default,
            AvailableLanguages = languages,
            Body = m.Body!.SymbolStem,
            BodyName = m.Body.Name.Get(language),
            Ordinal = m.Ordinal,
            Title = m.Title.Get(language),
            OpensAt = m.Local(m.OpensAt),
            ClosesAt = m.Local(m.ClosesAt),
            TimeZone = m.TimeZone,
            Venue = m.Venue.Get(language),
            Room = m.Room.Get(language),
            Format = m.Format,
            InterpretationLanguages = m.InterpretationLanguages.Split(',', StringSplitOptions.RemoveEmptyEntries),
            AgendaSymbol = m.AgendaSymbol,
            AgendaStatus = m.AgendaStatus,
            Mandates = m.Mandates.Split(';', StringSplitOptions.RemoveEmptyEntries),
            AgendaAdoptedAt = m.AgendaAdoptedAt is { } adopted ? m.Local(adopted) : null,
            Amendments = [.. m.Amendments.OrderBy(a => a.Id).Select(a => new AmendmentView(a.Text, m.Local(a.At), a.AgendaStatusAtTheTime))],
            Agenda = [.. m.Items.OrderBy(i => i.Order).Select(i => new AgendaItemView(i.Label, i.Number, i.Letter, i.Title.Get(language), i.Annotation.Get(language), [.. i.DocumentSymbols]))],
            OrganizationOfWork = [.. m.Slots.OrderBy(s => s.StartsAt).Select(s => new WorkSlotView(s.Uid, s.Sequence, m.Local(s.StartsAt), m.Local(s.EndsAt), Split(s.Items), Split(s.ContinuedItems), Split(s.Footnotes)))],
            JointSittings = [.. m.JointSittings.OrderBy(j => j.Footnote, StringComparer.Ordinal).Select(j => new JointSittingView(
                j.Footnote,
                [.. Split(j.Items).Select(i => int.Parse(i, CultureInfo.InvariantCulture))],
                [.. j.Partners.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('|')).Select(p => new JointPartner(p[0], p[1], p[2]))],
                j.Text.Get(language)))],
        };
    }

    public static async Task<DocumentView?> DocumentAsync(RecoveryWatchDbContext db, DocumentSymbol symbol, string language, CancellationToken cancellationToken)
    {
        var text = symbol.ToString();
        var document = await db.Documents.AsNoTracking().Include(d => d.Items)
            .Select(d => new { Document = d, Versions = d.Versions.Select(v => new { v.Language, v.Status, v.FileName, v.Size, v.Sha256 }).ToList() })
            .SingleOrDefaultAsync(d => d.Document.Symbol == text, cancellationToken);
        if (document is null)
        {
            return null;
        }

        // Addenda, corrigenda and revisions of this document, and the document they belong to.
        var prefix = text + "/";
        var related = await db.Documents.AsNoTracking().Where(d => d.Symbol.StartsWith(prefix)).Select(d => d.Symbol).OrderBy(s => s).ToListAsync(cancellationToken);
        var d = document.Document;
        return new DocumentView(
            d.Symbol,
            d.Title.Get(language),
            d.Distribution,
            d.OriginalLanguage,
            d.Date,
            d.ReissuedOn,
            [.. d.Items.Select(i => i.ItemLabel)],
            [.. document.Versions.OrderBy(v => ReferenceData.Languages.All.ToList().IndexOf(v.Language)).Select(v => new DocumentVersionView(
                v.Language, v.Status, v.FileName, v.Size, v.Sha256,
                v.Status == VersionStatus.Available ? $"/api/v1/documents/{Uri.EscapeDataString(d.Symbol)}/{v.Language}" : null))],
            symbol.Parent?.ToString(),
            related,
            d.Title.LanguageOf(language));
    }

    private static List<string> Split(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
