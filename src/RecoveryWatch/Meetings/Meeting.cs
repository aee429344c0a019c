using RecoveryWatch.Common;

namespace RecoveryWatch.Meetings;

/// <summary>A body of the Conference of the States Parties, e.g. the Working Group on Asset Recovery (CAC/COSP/WG.2).</summary>
public sealed class Body
{
    public Body(string symbolStem, LocalizedText name)
    {
        SymbolStem = symbolStem;
        Name = name;
    }

    private Body()
    {
        SymbolStem = string.Empty;
        Name = LocalizedText.Empty;
    }

    public int Id { get; private set; }
    public string SymbolStem { get; private set; }
    public LocalizedText Name { get; private set; }
}

public enum MeetingFormat
{
    InPerson,
    Online,
    Hybrid,
}

public enum AgendaStatus
{
    Provisional,
    Adopted,
}

/// <summary>A numbered meeting of a body, with its agenda, organization of work and joint sittings.</summary>
public sealed class Meeting
{
    private readonly List<AgendaItem> _items = [];
    private readonly List<JointSitting> _jointSittings = [];
    private readonly List<WorkSlot> _slots = [];
    private readonly List<AgendaAmendment> _amendments = [];

    public Meeting(int bodyId, int ordinal, LocalizedText title, DateTimeOffset opensAt, DateTimeOffset closesAt, string timeZone, LocalizedText venue, LocalizedText room, MeetingFormat format, string agendaSymbol)
    {
        BodyId = bodyId;
        Ordinal = ordinal;
        Title = title;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        TimeZone = timeZone;
        Venue = venue;
        Room = room;
        Format = format;
        AgendaSymbol = agendaSymbol;
        InterpretationLanguages = string.Join(",", ReferenceData.Languages.All);
        Mandates = string.Empty;
    }

    private Meeting()
    {
        Title = Venue = Room = LocalizedText.Empty;
        TimeZone = AgendaSymbol = InterpretationLanguages = Mandates = string.Empty;
    }

    public int Id { get; private set; }
    public int BodyId { get; private set; }
    public Body? Body { get; private set; }
    public int Ordinal { get; private set; }
    public LocalizedText Title { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset ClosesAt { get; private set; }

    /// <summary>IANA time zone of the venue (Europe/Vienna); times are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; private set; }

    public LocalizedText Venue { get; private set; }
    public LocalizedText Room { get; private set; }
    public MeetingFormat Format { get; private set; }

    /// <summary>Comma-separated UN languages interpreted at the meeting.</summary>
    public string InterpretationLanguages { get; private set; }

    /// <summary>Symbol of the annotated provisional agenda (by the series' convention, document 1 of the year).</summary>
    public string AgendaSymbol { get; private set; }

    public AgendaStatus AgendaStatus { get; private set; }

    /// <summary>Resolutions of the Conference that mandate the meeting's work, e.g. "1/4;7/1;8/1;8/9".</summary>
    public string Mandates { get; private set; }

    public IReadOnlyCollection<AgendaItem> Items => _items;
    public IReadOnlyCollection<JointSitting> JointSittings => _jointSittings;
    public IReadOnlyCollection<WorkSlot> Slots => _slots;

    /// <summary>Amendments to the agenda, kept in the order they were made (before or after adoption).</summary>
    public IReadOnlyCollection<AgendaAmendment> Amendments => _amendments;

    public DateTimeOffset? AgendaAdoptedAt { get; private set; }

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>A wall-clock time in the meeting's time zone as an instant; false for a time the clocks skip when they
    /// go forward (02:30 on the last Sunday of March in Vienna), which no deadline can be.</summary>
    public bool TryInstant(DateTime wallClock, out DateTimeOffset instant)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var zone = Zone;
        if (zone.IsInvalidTime(local))
        {
            instant = default;
            return false;
        }

        instant = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        return true;
    }

    public void SetMandates(IEnumerable<string> resolutions) => Mandates = string.Join(';', resolutions);

    public AgendaItem AddItem(int number, string? letter, LocalizedText title, LocalizedText annotation, IEnumerable<string> documentSymbols)
    {
        var item = new AgendaItem(number, letter, _items.Count + 1, title, annotation, string.Join(';', documentSymbols));
        _items.Add(item);
        return item;
    }

    public void AddJointSitting(JointSitting sitting) => _jointSittings.Add(sitting);

    public void AddSlot(WorkSlot slot) => _slots.Add(slot);

    /// <summary>The agenda is adopted at the opening of the meeting (agenda item 1 (b)), once; after that it changes only
    /// by amendment, and every amendment is kept.</summary>
    public void AdoptAgenda(DateTimeOffset at)
    {
        if (AgendaStatus == AgendaStatus.Adopted)
        {
            throw new InvalidOperationException("AgendaAlreadyAdopted");
        }

        AgendaStatus = AgendaStatus.Adopted;
        AgendaAdoptedAt = at;
    }

    public AgendaAmendment Amend(string text, string by, DateTimeOffset at)
    {
        var amendment = new AgendaAmendment(text, by, at, AgendaStatus);
        _amendments.Add(amendment);
        return amendment;
    }
}

/// <summary>An item (number) or sub-item (number and letter) of the agenda, with its annotation and documents.</summary>
public sealed class AgendaItem
{
    internal AgendaItem(int number, string? letter, int order, LocalizedText title, LocalizedText annotation, string documents)
    {
        Number = number;
        Letter = letter;
        Order = order;
        Title = title;
        Annotation = annotation;
        Documents = documents;
    }

    private AgendaItem()
    {
        Title = Annotation = LocalizedText.Empty;
        Documents = string.Empty;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public int Number { get; private set; }
    public string? Letter { get; private set; }
    public int Order { get; private set; }
    public LocalizedText Title { get; private set; }
    public LocalizedText Annotation { get; private set; }

    /// <summary>Semicolon-separated document symbols listed under the item.</summary>
    public string Documents { get; private set; }

    /// <summary>"1", "1 (a)", "4 (b)".</summary>
    public string Label => Letter is null ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Number.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({Letter})";

    public IEnumerable<string> DocumentSymbols => Documents.Split(';', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Items taken up jointly with items of other bodies' sessions, as the agenda's footnotes say (e.g. footnote a: items 2, 3
/// and 4 jointly with item 4 of the Implementation Review Group, eleventh session, second resumed, and item 3 of the
/// ninth expert meeting on international cooperation).
/// </summary>
public sealed class JointSitting
{
    public JointSitting(string footnote, string items, string partners, LocalizedText text)
    {
        Footnote = footnote;
        Items = items;
        Partners = partners;
        Text = text;
    }

    private JointSitting()
    {
        Footnote = Items = Partners = string.Empty;
        Text = LocalizedText.Empty;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }

    /// <summary>The footnote letter in the organization of work ("a").</summary>
    public string Footnote { get; private set; }

    /// <summary>This meeting's agenda item numbers, comma-separated ("2,3,4").</summary>
    public string Items { get; private set; }

    /// <summary>The partners, semicolon-separated as "body stem|session|item" ("CAC/COSP/IRG|11 (2nd resumed)|4").</summary>
    public string Partners { get; private set; }

    public LocalizedText Text { get; private set; }
}

/// <summary>
/// A slot of the organization of work. Its calendar UID never changes; its sequence number goes up each time the slot
/// changes, so that calendar programs replace the event instead of adding a second one (RFC 5545, 3.8.7.4).
/// </summary>
public sealed class WorkSlot
{
    public WorkSlot(DateTimeOffset startsAt, DateTimeOffset endsAt, string items, string continuedItems, string footnotes, LocalizedText description)
    {
        Uid = Guid.NewGuid().ToString("D");
        StartsAt = startsAt;
        EndsAt = endsAt;
        Items = items;
        ContinuedItems = continuedItems;
        Footnotes = footnotes;
        Description = description;
    }

    private WorkSlot()
    {
        Uid = Items = ContinuedItems = Footnotes = string.Empty;
        Description = LocalizedText.Empty;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public string Uid { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>Agenda item labels taken up in the slot, comma-separated ("1 (a),1 (b),2").</summary>
    public string Items { get; private set; }

    /// <summary>Items continued from an earlier slot ("5").</summary>
    public string ContinuedItems { get; private set; }

    /// <summary>Footnote letters that apply ("a").</summary>
    public string Footnotes { get; private set; }

    public LocalizedText Description { get; private set; }

    public void Reschedule(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        if (endsAt <= startsAt)
        {
            throw new ArgumentException("A slot ends after it starts.", nameof(endsAt));
        }

        if (startsAt != StartsAt || endsAt != EndsAt)
        {
            StartsAt = startsAt;
            EndsAt = endsAt;
            Sequence++;
        }
    }
}

/// <summary>A change to the agenda, as decided by the meeting or proposed before it, with when and by whom it was recorded.</summary>
public sealed class AgendaAmendment
{
    internal AgendaAmendment(string text, string recordedBy, DateTimeOffset at, AgendaStatus agendaStatusAtTheTime)
    {
        Text = text;
        RecordedBy = recordedBy;
        At = at;
        AgendaStatusAtTheTime = agendaStatusAtTheTime;
    }

    private AgendaAmendment()
    {
        Text = RecordedBy = string.Empty;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public string Text { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Whether the agenda was still provisional or already adopted when it was amended.</summary>
    public AgendaStatus AgendaStatusAtTheTime { get; private set; }
}
