using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Cases;

/// <summary>
/// Creates or edits a case after checking every rule (<see cref="CaseRules"/>). The case, its counted figures and its audit
/// entry are written in one transaction. An edit changes only what the request changed: details it names by id keep their
/// identity and provenance, and an edit that changes nothing writes nothing.
/// </summary>
public sealed class SaveCase(RecoveryWatchDbContext db, TimeProvider clock, Knowledge.ChallengeTaxonomy challenges)
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The rules, with the challenge taxonomy as the database has it now (one small query per use case).</summary>
    private async Task<CaseRules> RulesAsync(CancellationToken cancellationToken) => new(FieldRules.For(db.Model), await challenges.GetAsync(cancellationToken));

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<int> CreateAsync(SaveCaseRequest request, string actor, bool isSynthetic = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var validated = (await RulesAsync(cancellationToken)).Check(request, null, Today);
        var entity = new Case(validated.Title, isSynthetic, now);
        entity.Describe(validated.Title, validated.Summary, request.SummaryVisibility, request.Visibility, request.Status, now);
        var children = validated.Children;
        entity.Replace(
            children.States.Select(s => s.Values),
            children.Offences.Select(o => new CaseOffence(o)),
            children.Proceedings.Select(p => p.Values),
            children.Measures.Select(m => m.Values),
            children.Victims.Select(v => v.Values),
            children.ThirdParties.Select(t => t.Values),
            children.Challenges,
            children.Sources.Select(s => s.Values));
        // Rates are read under the writers' lock: an import of rates that commits first is seen, one that comes after
        // converts this case again.
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await UsdConversion.ConvertAsync(db, entity.Measures, cancellationToken);
        db.Cases.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "create", nameof(Case), entity.Id.ToString(CultureInfo.InvariantCulture), null, Snapshot(entity)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity.Id;
    }

    /// <returns>Whether anything changed (an unchanged request writes nothing, not even an audit entry).</returns>
    public async Task<bool> UpdateAsync(int id, SaveCaseRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var entity = await LoadWholeCase(db.Cases, id, cancellationToken) ?? throw new NotFoundException($"Case {id} does not exist.");
        var validated = (await RulesAsync(cancellationToken)).Check(request, entity, Today);
        var before = Snapshot(entity);
        entity.Describe(validated.Title, validated.Summary, request.SummaryVisibility, request.Visibility, request.Status, now);
        // Only new figures and changed ones are converted: an unchanged figure keeps the US-dollar value it was read with.
        var changedFigures = entity.Revise(validated.Children);
        if (Unchanged(before, Snapshot(entity)))
        {
            db.ChangeTracker.Clear();
            return false;
        }

        // Rates are read under the writers' lock, as on create.
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await UsdConversion.ConvertAsync(db, changedFigures, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // After the save, so that new details appear in the history with their ids.
        db.AuditEntries.Add(new AuditEntry(now, actor, "update", nameof(Case), id.ToString(CultureInfo.InvariantCulture), before, Snapshot(entity)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Every rule the request breaks, without storing anything (the form shows them all at once).</summary>
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(int? id, SaveCaseRequest request, CancellationToken cancellationToken = default)
    {
        var existing = id is { } known ? await LoadWholeCase(db.Cases.AsNoTracking(), known, cancellationToken) : null;
        try
        {
            (await RulesAsync(cancellationToken)).Check(request, existing, Today);
            return [];
        }
        catch (ValidationFailedException exception)
        {
            return exception.Errors;
        }
    }

    public static Task<Case?> LoadWholeCase(IQueryable<Case> cases, int id, CancellationToken cancellationToken) =>
        cases
            .Include(c => c.States).Include(c => c.Offences).Include(c => c.Proceedings).Include(c => c.Measures)
            .Include(c => c.Victims).Include(c => c.ThirdParties).Include(c => c.Challenges).Include(c => c.Sources)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>The whole case with ids and provenance: the history shows a State's original figure after a correction.</summary>
    internal static string Snapshot(Case entity) => JsonSerializer.Serialize(SaveCaseRequest.From(entity), AuditJson);

    /// <summary>Equal but for the bookkeeping an edit always moves (version, time of update).</summary>
    private static bool Unchanged(string before, string after)
    {
        static string Content(string snapshot) => JsonSerializer.Serialize(
            JsonSerializer.Deserialize<SaveCaseRequest>(snapshot, AuditJson)! with { Version = null, UpdatedAt = null }, AuditJson);
        return Content(before) == Content(after);
    }
}
