using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// The challenge taxonomy as the database has it at the start of a use case: the one place that says whether a code is
/// valid, whether it may be used for a new link, and what its label is in a language. Every input path (case form and
/// API, workbook and online answer) and every display (case page, review, filters, dashboard, template) asks here.
/// </summary>
public sealed class ChallengeCatalog
{
    private readonly Dictionary<string, ChallengeType> _types;

    public ChallengeCatalog(IEnumerable<ChallengeType> types)
    {
        _types = types.ToDictionary(t => t.Code, StringComparer.Ordinal);
        All = [.. _types.Values.OrderBy(t => t.Code, StringComparer.Ordinal)];
        Offered = [.. All.Where(t => !t.IsRetired)];
    }

    /// <summary>Every type, retired ones included, by code.</summary>
    public IReadOnlyList<ChallengeType> All { get; }

    /// <summary>The types offered for new input (not retired), by code.</summary>
    public IReadOnlyList<ChallengeType> Offered { get; }

    /// <summary>A type of the taxonomy, retired or not: data that names it is valid and displayable.</summary>
    public bool IsKnown(string? code) => code is not null && _types.ContainsKey(code);

    /// <summary>A type that may be linked anew (known and not retired).</summary>
    public bool IsOffered(string? code) => code is not null && _types.TryGetValue(code, out var type) && !type.IsRetired;

    public ChallengeType? Find(string? code) => code is not null && _types.TryGetValue(code, out var type) ? type : null;

    /// <summary>The label of <paramref name="code"/> in <paramref name="language"/>; the code itself if it is unknown.</summary>
    public string Name(string code, string language) => _types.TryGetValue(code, out var type) ? type.Name(language) : code;
}

/// <summary>
/// Loads the taxonomy once per scope (a request, a command-line verb), with one small query: no process-wide cache, so a
/// type added through another app instance is seen by the next request here.
/// </summary>
public sealed class ChallengeTaxonomy(RecoveryWatchDbContext db)
{
    private ChallengeCatalog? _catalog;

    public async Task<ChallengeCatalog> GetAsync(CancellationToken cancellationToken = default) =>
        _catalog ??= new ChallengeCatalog(await db.ChallengeTypes.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>After a change of the taxonomy in this scope.</summary>
    internal void Forget() => _catalog = null;
}
