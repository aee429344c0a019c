using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Reporting;

namespace RecoveryWatch.Meetings;

/// <summary>
/// Loads the first real record of the system: the 14th meeting of the Working Group on Asset Recovery (Vienna,
/// 16–18 November 2020), from its annotated provisional agenda (CAC/COSP/WG.2/2020/1, Chinese and English), with its bodies,
/// agenda, organization of work, joint sittings and documents. The agenda's own language versions are the documents the
/// system produces from that record.
/// </summary>
public sealed class LoadMeetingSeed(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const string ResourceName = "RecoveryWatch.Meetings.wg2-meeting-14.json";

    public async Task<int?> HandleAsync(CancellationToken cancellationToken = default)
    {
        using var stream = typeof(LoadMeetingSeed).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The 14th meeting's seed is not embedded.");
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var root = json.RootElement;
        var stem = root.GetProperty("body").GetProperty("stem").GetString()!;
        var ordinal = root.GetProperty("meeting").GetProperty("ordinal").GetInt32();
        if (await db.Meetings.AnyAsync(m => m.Body!.SymbolStem == stem && m.Ordinal == ordinal, cancellationToken))
        {
            return null;
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var body = await BodyAsync(root.GetProperty("body"), cancellationToken);
        foreach (var partner in root.GetProperty("partnerBodies").EnumerateArray())
        {
            await BodyAsync(partner, cancellationToken);
        }

        var m = root.GetProperty("meeting");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(m.GetProperty("timeZone").GetString()!);
        var meeting = new Meeting(
            body.Id,
            ordinal,
            Text(m.GetProperty("title")),
            Utc(m.GetProperty("opensLocal"), zone),
            Utc(m.GetProperty("closesLocal"), zone),
            zone.Id,
            Text(m.GetProperty("venue")),
            Text(m.GetProperty("room")),
            Enum.Parse<MeetingFormat>(m.GetProperty("format").GetString()!),
            m.GetProperty("agendaSymbol").GetString()!);
        meeting.SetMandates(m.GetProperty("mandates").EnumerateArray().Select(r => r.GetString()!));
        foreach (var item in root.GetProperty("items").EnumerateArray())
        {
            meeting.AddItem(
                item.GetProperty("number").GetInt32(),
                item.GetProperty("letter").ValueKind == JsonValueKind.Null ? null : item.GetProperty("letter").GetString(),
                Text(item.GetProperty("title")),
                Text(item.GetProperty("annotation")),
                item.GetProperty("documents").EnumerateArray().Select(d => DocumentSymbol.Parse(d.GetString()!).ToString()));
        }

        foreach (var sitting in root.GetProperty("jointSittings").EnumerateArray())
        {
            meeting.AddJointSitting(new JointSitting(sitting.GetProperty("footnote").GetString()!, sitting.GetProperty("items").GetString()!, sitting.GetProperty("partners").GetString()!, Text(sitting.GetProperty("text"))));
        }

        foreach (var slot in root.GetProperty("slots").EnumerateArray())
        {
            meeting.AddSlot(new WorkSlot(
                Utc(slot.GetProperty("startsLocal"), zone),
                Utc(slot.GetProperty("endsLocal"), zone),
                slot.GetProperty("items").GetString()!,
                slot.GetProperty("continued").GetString()!,
                slot.GetProperty("footnotes").GetString()!,
                LocalizedText.Empty));
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var d in root.GetProperty("documents").EnumerateArray())
        {
            var document = new MeetingDocument(
                DocumentSymbol.Parse(d.GetProperty("symbol").GetString()!),
                Text(d.GetProperty("title")),
                Enum.Parse<Distribution>(d.GetProperty("distribution").GetString()!),
                d.GetProperty("original").GetString()!,
                null);
            if (d.TryGetProperty("reissuedOn", out var reissued) && reissued.ValueKind == JsonValueKind.String)
            {
                document.Reissue(DateOnly.ParseExact(reissued.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            foreach (var label in d.GetProperty("items").EnumerateArray())
            {
                document.ListUnder(meeting.Id, label.GetString()!);
            }

            foreach (var language in new[] { "en", "zh" })
            {
                document.Announce(language);
            }

            db.Documents.Add(document);
        }

        await db.SaveChangesAsync(cancellationToken);

        // The agenda's English and Chinese versions are produced from the record just stored.
        var agenda = await db.Documents.Include(d => d.Versions).SingleAsync(d => d.Symbol == meeting.AgendaSymbol, cancellationToken);
        var stored = await MeetingQueries.LoadAsync(db, meeting.Id, cancellationToken);
        foreach (var language in new[] { "en", "zh" })
        {
            var bytes = AnnotatedAgenda.Write(stored!, await MeetingQueries.DocumentsAsync(db, stored!, cancellationToken), language);
            agenda.Upload(language, AnnotatedAgenda.FileName(meeting.AgendaSymbol, language), AnnotatedAgenda.ContentType, bytes, now);
        }

        db.AuditEntries.Add(new AuditEntry(now, "system:seed", "load", nameof(Meeting), meeting.Id.ToString(CultureInfo.InvariantCulture), null, $"{{\"body\":\"{stem}\",\"ordinal\":{ordinal}}}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return meeting.Id;
    }

    private async Task<Body> BodyAsync(JsonElement element, CancellationToken cancellationToken)
    {
        var stem = element.GetProperty("stem").GetString()!;
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.SymbolStem == stem, cancellationToken);
        if (body is null)
        {
            body = new Body(stem, Text(element.GetProperty("name")));
            db.Bodies.Add(body);
            await db.SaveChangesAsync(cancellationToken);
        }

        return body;
    }

    private static LocalizedText Text(JsonElement element) =>
        new(element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? string.Empty)));

    private static DateTimeOffset Utc(JsonElement local, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(local.GetString()!, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), zone), TimeSpan.Zero);
}
