using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Meetings;

public sealed record UploadedVersion(string Symbol, string Language, string FileName, long Size, string Sha256);

/// <summary>Stores the file of one language version of a document (the Secretariat), hashed, with its audit entry.</summary>
public sealed class UploadDocumentVersion(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const long MaxBytes = 25 * 1024 * 1024;

    public async Task<UploadedVersion> HandleAsync(string symbolText, string language, string fileName, string contentType, Stream content, long length, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        if (!DocumentSymbol.TryParseDetailed(symbolText, out var symbol, out var symbolError))
        {
            errors.Add("symbol", "InvalidSymbol", symbolText, symbolError.Reason);
        }

        if (!ReferenceData.Languages.All.Contains(language))
        {
            errors.Add("lang", "UnknownCode", language);
        }

        var name = FieldRules.For(db.Model).Text<DocumentVersion>(errors, "file", Path.GetFileName(fileName), nameof(DocumentVersion.FileName));
        if (length <= 0 || (name is null && !errors.Errors.Any(e => e.Field == "file")))
        {
            errors.Add("file", "Required");
        }
        else if (length > MaxBytes)
        {
            errors.Add("file", "FileTooLarge", MaxBytes / (1024 * 1024));
        }

        errors.ThrowIfAny();
        var text = symbol.ToString();
        var document = await db.Documents.Include(d => d.Versions).SingleOrDefaultAsync(d => d.Symbol == text, cancellationToken)
            ?? throw new NotFoundException($"No document {text}.");
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        DocumentVersion version;
        try
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var now = clock.GetUtcNow();
            // A content type the browser made up beyond what is stored is no type at all.
            var type = string.IsNullOrEmpty(contentType) || contentType.Length > (FieldRules.For(db.Model).MaxLength<DocumentVersion>(nameof(DocumentVersion.ContentType)) ?? int.MaxValue)
                ? "application/octet-stream" : contentType;
            version = document.Upload(language, name!, type, buffer.ToArray(), now);
            db.AuditEntries.Add(new AuditEntry(now, actor, "upload", "Document", text, null, JsonSerializer.Serialize(new { language, version.FileName, version.Sha256, version.Size })));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or ConflictException)
        {
            // Two first uploads of one language version at once: the unique index (document, language) lets one create it and
            // refuses the other, whose file is not stored (rolled back, and dropped from the context). Uploads that find the
            // version stored replace its file one after the other, each audited. What is stored is looked up again, which
            // tells which refusal it was whatever the engine said.
            db.ChangeTracker.Clear();
            if (await db.Documents.Where(d => d.Symbol == text).SelectMany(d => d.Versions).AnyAsync(v => v.Language == language, cancellationToken))
            {
                throw new ConflictException("file", "VersionUploadedMeanwhile", exception);
            }

            throw;
        }

        return new UploadedVersion(text, language, version.FileName!, version.Size, version.Sha256!);
    }
}
