using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// A challenge type as <c>GET /api/v1/challenges</c> returns it and <c>POST</c>/<c>PUT</c> take it: what a client reads it
/// can send back unchanged. Fields marked read-only are returned and ignored on input.
/// </summary>
public sealed record ChallengeTypeDocument
{
    public string? Code { get; init; }

    /// <summary>The label in each of the six languages (ar, zh, en, fr, ru, es): all required.</summary>
    public Dictionary<string, string?>? Names { get; init; }

    public string? Description { get; init; }

    /// <summary>Retired: kept on the data that has it, refused for new links.</summary>
    public bool Retired { get; init; }

    /// <summary>Read-only: from the codebook's CSV.</summary>
    public bool? BuiltIn { get; init; }

    /// <summary>Read-only.</summary>
    public string? AddedBy { get; init; }

    /// <summary>Read-only.</summary>
    public DateTimeOffset? AddedAt { get; init; }

    /// <summary>The version the client read; when given, an edit made since by someone else is refused (409).</summary>
    public int? Version { get; init; }

    public static ChallengeTypeDocument From(ChallengeType type) => new()
    {
        Code = type.Code,
        Names = Languages.All.ToDictionary(l => l, l => (string?)type.Names[l], StringComparer.Ordinal),
        Description = type.Description,
        Retired = type.IsRetired,
        BuiltIn = type.IsBuiltIn,
        AddedBy = type.AddedBy,
        AddedAt = type.AddedAt,
        Version = type.Version,
    };
}

/// <summary>
/// The Secretariat extends the taxonomy (adds types, edits labels, retires types). Each change is one transaction with its
/// audit entry; two requests adding the same code at once give one type and a 409 (the writers' lock, then the primary key).
/// </summary>
public sealed class ManageChallengeTypes(RecoveryWatchDbContext db, ChallengeTaxonomy taxonomy, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChallengeTypeDocument>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await taxonomy.GetAsync(cancellationToken)).All.Select(ChallengeTypeDocument.From)];

    public async Task<ChallengeTypeDocument> GetAsync(string code, CancellationToken cancellationToken = default) =>
        (await taxonomy.GetAsync(cancellationToken)).Find(code) is { } type
            ? ChallengeTypeDocument.From(type)
            : throw new NotFoundException($"Challenge type {code} does not exist.");

    public async Task<ChallengeTypeDocument> CreateAsync(ChallengeTypeDocument request, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var fields = FieldRules.For(db.Model);
        var code = fields.Text<ChallengeType>(errors, "code", request.Code, nameof(ChallengeType.Code));
        if (code is null && !errors.Errors.Any(e => e.Field == "code"))
        {
            errors.Add("code", "Required");
        }
        else if (code is not null && !ChallengeType.IsWellFormedCode(code))
        {
            errors.Add("code", "InvalidChallengeCode", code);
        }

        var (names, description) = Labels(errors, fields, request);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // Under the writers' lock: of two requests adding one code, the second finds the first's row here (the primary key
        // refuses whatever slips past, as a 409 too).
        if (await db.ChallengeTypes.AnyAsync(t => t.Code == code, cancellationToken))
        {
            throw new ConflictException("code", "AlreadyExists");
        }

        var type = new ChallengeType(code!, names, description, isBuiltIn: false, actor, now);
        if (request.Retired)
        {
            type.Revise(names, description, retired: true);
        }

        db.ChallengeTypes.Add(type);
        var document = ChallengeTypeDocument.From(type);
        db.AuditEntries.Add(new AuditEntry(now, actor, "create", nameof(ChallengeType), code!, null, JsonSerializer.Serialize(document)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        taxonomy.Forget();
        return document;
    }

    /// <summary>Edits the labels and description or retires (or reinstates) a type. The code is its identity and never
    /// changes: cases, workbooks and links name it.</summary>
    public async Task<ChallengeTypeDocument> UpdateAsync(string code, ChallengeTypeDocument request, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var fields = FieldRules.For(db.Model);
        if (request.Code is not null && !string.Equals(request.Code.Trim(), code, StringComparison.Ordinal))
        {
            errors.Add("code", "CodeCannotChange", code);
        }

        var (names, description) = Labels(errors, fields, request);
        errors.ThrowIfAny();
        return await ChangeAsync(code, request.Version, t => t.Revise(names, description, request.Retired), actor, cancellationToken);
    }

    /// <summary>Retires a type: no longer offered, refused for new links, kept where it is used.</summary>
    public Task<ChallengeTypeDocument> RetireAsync(string code, int? version, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(code, version, t => t.Revise(t.Names, t.Description, retired: true), actor, cancellationToken);

    private async Task<ChallengeTypeDocument> ChangeAsync(string code, int? version, Func<ChallengeType, bool> change, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var type = await db.ChallengeTypes.SingleOrDefaultAsync(t => t.Code == code, cancellationToken)
            ?? throw new NotFoundException($"Challenge type {code} does not exist.");
        if (version is { } v && v != type.Version)
        {
            throw new ConflictException("version", "ConcurrentChange");
        }

        var before = ChallengeTypeDocument.From(type);
        if (change(type))
        {
            var after = ChallengeTypeDocument.From(type);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, before.Retired == after.Retired ? "update" : after.Retired ? "retire" : "reinstate",
                nameof(ChallengeType), code, JsonSerializer.Serialize(before), JsonSerializer.Serialize(after)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            taxonomy.Forget();
        }

        return ChallengeTypeDocument.From(type);
    }

    /// <summary>The six labels (each required: a type nobody can read in their language cannot be reported in it) and the
    /// optional description, normalised and held to the lengths of their columns.</summary>
    private static (Dictionary<string, string> Names, string? Description) Labels(ValidationCollector errors, FieldRules fields, ChallengeTypeDocument request)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Names is null)
        {
            errors.Add("names", "Required");
        }
        else
        {
            foreach (var key in request.Names.Keys.Where(k => !Languages.All.Contains(k)))
            {
                errors.Add("names." + key, "UnknownCode", key);
            }

            foreach (var language in Languages.All)
            {
                var field = "names." + language;
                var name = fields.Text<ChallengeType>(errors, field, request.Names.GetValueOrDefault(language), ChallengeType.NameProperty(language));
                if (name is null && !errors.Errors.Any(e => e.Field == field))
                {
                    errors.Add(field, "Required");
                }

                names[language] = name ?? string.Empty;
            }
        }

        var description = fields.Text<ChallengeType>(errors, "description", request.Description, nameof(ChallengeType.Description), multiline: true);
        return (names, description);
    }
}
