using System.Security.Cryptography;
using RecoveryWatch.Common;

namespace RecoveryWatch.Meetings;

public enum Distribution
{
    General,
    Limited,
}

public enum VersionStatus
{
    /// <summary>Announced; the language version is being translated or edited.</summary>
    Pending,

    /// <summary>Issued: the file can be downloaded.</summary>
    Available,
}

/// <summary>A meeting document under its UN symbol, with one version per language.</summary>
public sealed class MeetingDocument
{
    private readonly List<DocumentVersion> _versions = [];
    private readonly List<DocumentItemLink> _items = [];

    public MeetingDocument(DocumentSymbol symbol, LocalizedText title, Distribution distribution, string originalLanguage, DateOnly? date)
    {
        Symbol = symbol.ToString();
        Title = title;
        Distribution = distribution;
        OriginalLanguage = originalLanguage;
        Date = date;
    }

    private MeetingDocument()
    {
        Symbol = OriginalLanguage = string.Empty;
        Title = LocalizedText.Empty;
    }

    public int Id { get; private set; }
    public string Symbol { get; private set; }
    public LocalizedText Title { get; private set; }
    public Distribution Distribution { get; private set; }
    public string OriginalLanguage { get; private set; }
    /// <summary>Date of issue, where known.</summary>
    public DateOnly? Date { get; private set; }

    /// <summary>Date of a reissue for technical reasons (the seed agenda was reissued on 2 November 2020).</summary>
    public DateOnly? ReissuedOn { get; private set; }

    public IReadOnlyCollection<DocumentVersion> Versions => _versions;

    /// <summary>The agenda items of a meeting the document is listed under.</summary>
    public IReadOnlyCollection<DocumentItemLink> Items => _items;

    public void ListUnder(int meetingId, string itemLabel)
    {
        if (!_items.Any(i => i.MeetingId == meetingId && i.ItemLabel == itemLabel))
        {
            _items.Add(new DocumentItemLink(meetingId, itemLabel));
        }
    }

    public void Reissue(DateOnly on) => ReissuedOn = on;

    /// <summary>Adds or replaces the file of one language version; its SHA-256 is kept so a download can be checked.</summary>
    public DocumentVersion Upload(string language, string fileName, string contentType, byte[] content, DateTimeOffset at)
    {
        var version = _versions.SingleOrDefault(v => v.Language == language);
        if (version is null)
        {
            version = new DocumentVersion(language);
            _versions.Add(version);
        }

        version.Attach(fileName, contentType, content, at);
        return version;
    }

    public DocumentVersion Announce(string language)
    {
        var version = _versions.SingleOrDefault(v => v.Language == language);
        if (version is null)
        {
            version = new DocumentVersion(language);
            _versions.Add(version);
        }

        return version;
    }
}

public sealed class DocumentItemLink
{
    internal DocumentItemLink(int meetingId, string itemLabel)
    {
        MeetingId = meetingId;
        ItemLabel = itemLabel;
    }

    public int Id { get; private set; }
    public int DocumentId { get; private set; }
    public int MeetingId { get; private set; }

    /// <summary>"1 (b)", "4 (a)".</summary>
    public string ItemLabel { get; private set; }
}

public sealed class DocumentVersion
{
    internal DocumentVersion(string language) => Language = language;

    private DocumentVersion() => Language = string.Empty;

    public int Id { get; private set; }
    public int DocumentId { get; private set; }
    public string Language { get; private set; }
    public VersionStatus Status { get; private set; }
    public string? FileName { get; private set; }
    public string? ContentType { get; private set; }
    public string? Sha256 { get; private set; }
    public long Size { get; private set; }
    public byte[]? Content { get; private set; }
    public DateTimeOffset? UploadedAt { get; private set; }

    internal void Attach(string fileName, string contentType, byte[] content, DateTimeOffset at)
    {
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.LongLength;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        UploadedAt = at;
        Status = VersionStatus.Available;
    }
}

public enum AttendanceMode
{
    InPerson,
    Online,
}

/// <summary>A member of a State's delegation registered for a meeting, in person or online (hybrid meetings).</summary>
public sealed class Participant
{
    public Participant(int meetingId, string stateCode, string name, string? email, AttendanceMode mode, string registeredBy, DateTimeOffset registeredAt)
    {
        MeetingId = meetingId;
        StateCode = stateCode;
        Name = name;
        Email = email;
        Mode = mode;
        RegisteredBy = registeredBy;
        RegisteredAt = registeredAt;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public string StateCode { get; private set; }
    public string Name { get; private set; }
    public string? Email { get; private set; }
    public AttendanceMode Mode { get; private set; }
    public string RegisteredBy { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
}
