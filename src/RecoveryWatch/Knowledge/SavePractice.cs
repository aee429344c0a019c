using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>The actor may see the practice but not do this to it (a focal point publishing, say): 403.</summary>
public sealed class PracticeForbiddenException : Exception
{
    public PracticeForbiddenException()
    {
    }

    public PracticeForbiddenException(string message)
        : base(message)
    {
    }

    public PracticeForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Every write to good practices (COSP resolution 8/9 asks the Secretariat to collect and share them): create, edit, the
/// workflow steps and attachments. Each is one transaction with its audit entry. Who may do what is
/// <see cref="PracticeActor"/>; a practice the actor may not read is "not found", never "forbidden", so its existence is
/// not revealed. The <see cref="GoodPractice.Version"/> token decides races: of two parallel publications of one version,
/// one is stored and audited, the other gets 409.
/// </summary>
public sealed class SavePractice(RecoveryWatchDbContext db, TimeProvider clock)
{
    /// <summary>The challenge taxonomy as the database has it for this use case (types the Secretariat added included).</summary>
    private ChallengeCatalog? _challenges;

    /// <summary>Files a practice may carry, by extension: documents and images only, never anything a browser would run.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedFileTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
    };

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private FieldRules Fields => FieldRules.For(db.Model);

    public async Task<int> CreateAsync(GoodPracticeDocument document, PracticeActor actor, string actorName, bool isSynthetic = false, CancellationToken cancellationToken = default)
    {
        if (!actor.MayWrite)
        {
            throw new PracticeForbiddenException("Only focal points and the Secretariat write good practices.");
        }

        var errors = new ValidationCollector();
        var state = Fields.Text<GoodPractice>(errors, "state", document.State, nameof(GoodPractice.StateCode));
        if (!actor.IsSecretariat && !errors.HasErrors)
        {
            // A focal point writes for its own State; with one State, it need not say which.
            state ??= actor.OwnStates.Length == 1 ? actor.OwnStates[0] : null;
            if (state is null)
            {
                errors.Add("state", "Required");
            }
            else if (!actor.Owns(state))
            {
                errors.Add("state", "NotYourPracticeState", state);
            }
        }

        _challenges = await new ChallengeTaxonomy(db).GetAsync(cancellationToken);
        var content = Check(document, errors);
        var now = clock.GetUtcNow();
        var practice = new GoodPractice(state, content, actorName, now, isSynthetic);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.GoodPractices.Add(practice);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actorName, "create", nameof(GoodPractice), Key(practice.Id), null, Snapshot(practice)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return practice.Id;
    }

    /// <returns>Whether anything changed: a request that repeats what is stored writes nothing, not even an audit entry.</returns>
    public async Task<bool> UpdateAsync(int id, GoodPracticeDocument document, PracticeActor actor, string actorName, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var state = Fields.Text<GoodPractice>(errors, "state", document.State, nameof(GoodPractice.StateCode));
        _challenges = await new ChallengeTaxonomy(db).GetAsync(cancellationToken);
        var content = Check(document, errors);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var practice = await LoadAsync(id, actor, cancellationToken);
        if (!actor.MayEdit(practice.Status, practice.StateCode))
        {
            throw new PracticeForbiddenException($"The practice is {practice.Status}.");
        }

        if (state is not null && state != practice.StateCode)
        {
            throw new ValidationFailedException([new ValidationError("state", "PracticeStateFixed")]);
        }

        if (document.Version is { } version && version != practice.Version)
        {
            throw ConflictException.ConcurrentChange("version");
        }

        var before = Snapshot(practice);
        if (!practice.Describe(content, actorName, clock.GetUtcNow()))
        {
            return false;
        }

        db.AuditEntries.Add(new AuditEntry(practice.UpdatedAt, actorName, "update", nameof(GoodPractice), Key(id), before, Snapshot(practice)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>One step of the workflow, on the version the actor saw (the button carries it): a second click, or a
    /// second app instance publishing at the same time, finds the version moved on and gets 409.</summary>
    public async Task<PracticeStatus> ApplyAsync(int id, PracticeAction action, int? version, PracticeActor actor, string actorName, CancellationToken cancellationToken = default)
    {
        if (version is null)
        {
            throw new ValidationFailedException([new ValidationError("version", "Required")]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var practice = await LoadAsync(id, actor, cancellationToken);
        if (!actor.MayApply(action, practice.Status, practice.StateCode))
        {
            throw new PracticeForbiddenException($"{action} is not the actor's to take.");
        }

        if (version != practice.Version)
        {
            throw ConflictException.ConcurrentChange("version");
        }

        var before = practice.Status;
        try
        {
            practice.Apply(action, actorName, clock.GetUtcNow());
        }
        catch (PracticeTransitionException)
        {
            throw new ConflictException("status", "PracticeStepNotAllowed", new MessageKey("Enum.PracticeStatus." + before), new MessageKey("Practice.Action." + action));
        }

        db.AuditEntries.Add(new AuditEntry(practice.UpdatedAt, actorName, action.ToString().ToLowerInvariant(), nameof(GoodPractice), Key(id),
            JsonSerializer.Serialize(new { status = before, version }, AuditJson),
            JsonSerializer.Serialize(new { status = practice.Status, version = practice.Version }, AuditJson)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return practice.Status;
    }

    /// <summary>Adds a file: an allowed type (by name, and its first bytes agreeing), within the size limit, hashed.</summary>
    public async Task<PracticeAttachmentView> AttachAsync(int id, string? fileName, byte[] content, PracticeActor actor, string actorName, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var name = Fields.Text<PracticeAttachment>(errors, "file", fileName is null ? null : Path.GetFileName(fileName), nameof(PracticeAttachment.FileName));
        string? type = null;
        if (!errors.HasErrors)
        {
            if (name is null || content.Length == 0)
            {
                errors.Add("file", "Required");
            }
            else if (content.LongLength > PracticeLimits.MaxAttachmentBytes)
            {
                errors.Add("file", "FileTooLarge", PracticeLimits.MaxAttachmentBytes / (1024 * 1024));
            }
            else if (!AllowedFileTypes.TryGetValue(Path.GetExtension(name), out type) || !LooksLike(type, content))
            {
                errors.Add("file", "FileTypeNotAllowed", string.Join(", ", AllowedFileTypes.Keys));
            }
        }

        errors.ThrowIfAny();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var practice = await LoadAsync(id, actor, cancellationToken);
        if (!actor.MayEdit(practice.Status, practice.StateCode))
        {
            throw new PracticeForbiddenException($"The practice is {practice.Status}.");
        }

        if (practice.Attachments.Count >= PracticeLimits.MaxAttachments)
        {
            throw new ValidationFailedException([new ValidationError("file", "TooManyAttachments", PracticeLimits.MaxAttachments)]);
        }

        var attachment = practice.Attach(name!, type!, content, actorName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(attachment.UploadedAt, actorName, "attach", nameof(GoodPractice), Key(id), null,
            JsonSerializer.Serialize(new { attachment = attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256 }, AuditJson)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(attachment);
    }

    /// <summary>Removes a file, on the practice version the actor saw.</summary>
    public async Task DetachAsync(int attachmentId, int? version, PracticeActor actor, string actorName, CancellationToken cancellationToken = default)
    {
        if (version is null)
        {
            throw new ValidationFailedException([new ValidationError("version", "Required")]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var practiceId = await db.PracticeAttachments.Where(a => a.Id == attachmentId).Select(a => (int?)a.PracticeId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No attachment {attachmentId}.");
        var practice = await LoadAsync(practiceId, actor, cancellationToken);
        if (!actor.MayEdit(practice.Status, practice.StateCode))
        {
            throw new PracticeForbiddenException($"The practice is {practice.Status}.");
        }

        if (version != practice.Version)
        {
            throw ConflictException.ConcurrentChange("version");
        }

        var attachment = practice.Attachments.Single(a => a.Id == attachmentId);
        var old = JsonSerializer.Serialize(new { attachment = attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256 }, AuditJson);
        practice.Detach(attachment, actorName, clock.GetUtcNow());
        db.AuditEntries.Add(new AuditEntry(practice.UpdatedAt, actorName, "detach", nameof(GoodPractice), Key(practiceId), old, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every rule the request breaks, without storing anything (the form shows them beside their fields).</summary>
    public PracticeContent Check(GoodPracticeDocument document, ValidationCollector? errors = null)
    {
        errors ??= new ValidationCollector();
        var title = Required(errors, "title", document.Title, nameof(GoodPractice.Title), multiline: false);
        var summary = Required(errors, "summary", document.Summary, nameof(GoodPractice.Summary), multiline: true);
        var body = Required(errors, "body", document.Body, nameof(GoodPractice.Body), multiline: true);
        var language = document.Language?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(language))
        {
            errors.Add("language", "Required");
        }
        else if (!PracticeCodes.IsLanguage(language))
        {
            errors.Add("language", "UnknownCode", document.Language!);
        }

        var others = Codes(errors, "otherLanguages", document.OtherLanguages, c => PracticeCodes.IsLanguage(c.ToLowerInvariant()), c => c.ToLowerInvariant());
        var routes = Codes(errors, "routes", document.Routes, PracticeCodes.IsRoute, c => c);
        var challenges = Codes(errors, "challenges", document.Challenges, c => _challenges?.IsKnown(c) ?? PracticeCodes.IsBuiltInChallenge(c), c => c);
        var stages = new List<Stage>();
        for (var i = 0; i < (document.Stages?.Count ?? 0); i++)
        {
            if (document.Stages![i] is not { } stage)
            {
                errors.Add($"stages[{i}]", "NullItem");
            }
            else if (stages.Contains(stage))
            {
                errors.Add($"stages[{i}]", "Duplicate", stage.ToString());
            }
            else
            {
                stages.Add(stage);
            }
        }

        errors.ThrowIfAny();
        return new PracticeContent(title!, summary!, body!, language!, [.. others.Where(o => o != language)], stages, routes, challenges);
    }

    private string? Required(ValidationCollector errors, string field, string? value, string property, bool multiline)
    {
        var text = Fields.Text<GoodPractice>(errors, field, value, property, multiline);
        if (text is null && !errors.Errors.Any(e => e.Field == field))
        {
            errors.Add(field, "Required");
        }

        return text;
    }

    /// <summary>Codes matched exactly as the codebook writes them, each once, within the stored length.</summary>
    private static List<string> Codes(ValidationCollector errors, string field, IReadOnlyList<string?>? values, Func<string, bool> known, Func<string, string> normalize)
    {
        var result = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i]?.Trim();
            if (value is null)
            {
                errors.Add($"{field}[{i}]", "NullItem");
            }
            else if (value.Length > PracticeLimits.CodeLength || !known(value))
            {
                errors.Add($"{field}[{i}]", "UnknownCode", value.Length > PracticeLimits.CodeLength ? value[..PracticeLimits.CodeLength] + "…" : value);
            }
            else if (result.Contains(normalize(value)))
            {
                errors.Add($"{field}[{i}]", "Duplicate", value);
            }
            else
            {
                result.Add(normalize(value));
            }
        }

        return result;
    }

    /// <summary>The practice for writing, if the actor may read it at all; otherwise "not found".</summary>
    private async Task<GoodPractice> LoadAsync(int id, PracticeActor actor, CancellationToken cancellationToken)
    {
        var practice = await db.GoodPractices.Include(p => p.Tags).Include(p => p.Attachments).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (practice is null || !actor.MayRead(practice.Status, practice.StateCode))
        {
            throw new NotFoundException($"No good practice {id}.");
        }

        return practice;
    }

    /// <summary>The first bytes agree with the type the name claims: a renamed HTML page is not a PDF.</summary>
    private static bool LooksLike(string type, byte[] content) => type switch
    {
        "application/pdf" => content.AsSpan().StartsWith("%PDF-"u8),
        "image/png" => content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/jpeg" => content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        _ => content.AsSpan().StartsWith("PK\u0003\u0004"u8),
    };

    internal static PracticeAttachmentView View(PracticeAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, AttachmentUrl(a.Id));

    public static string AttachmentUrl(int attachmentId) => "/api/v1/good-practices/attachments/" + attachmentId.ToString(CultureInfo.InvariantCulture);

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Snapshot(GoodPractice p) => JsonSerializer.Serialize(new
    {
        p.Title,
        p.Summary,
        p.Body,
        state = p.StateCode,
        p.Language,
        otherLanguages = p.Codes(PracticeTagKind.Language),
        stages = p.Codes(PracticeTagKind.Stage),
        routes = p.Codes(PracticeTagKind.Route),
        challenges = p.Codes(PracticeTagKind.Challenge),
        p.Status,
        p.Version,
    }, AuditJson);
}
