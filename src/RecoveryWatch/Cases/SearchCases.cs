using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

public sealed record CaseListItem
{
    public required int Id { get; init; }
    public required string Title { get; init; }
    public required bool IsSynthetic { get; init; }
    public required CaseStatus Status { get; init; }
    public required IReadOnlyList<CaseStateItem> States { get; init; }

    /// <summary>Per stage reached: the counted figures (one account per case and stage, as in the statistics): number of
    /// measures and the US-dollar total of those with a rate. Never summed across stages.</summary>
    public required IReadOnlyList<StageTotal> Stages { get; init; }

    public int? FirstYear { get; init; }
    public int? LastYear { get; init; }
}

public sealed record CaseStateItem(string State, StateRole Role);

public sealed record StageTotal(Stage Stage, int Measures, decimal? Usd);

public sealed record FacetCount(string Value, int Count);

public sealed record CaseFacets(
    IReadOnlyList<FacetCount> States,
    IReadOnlyList<FacetCount> Stages,
    IReadOnlyList<FacetCount> Routes,
    IReadOnlyList<FacetCount> Offences);

public sealed record CaseSearchResult(IReadOnlyList<CaseListItem> Items, int Total, int Page, int PageSize, CaseFacets? Facets)
{
    /// <summary>Where the next page starts (keyset), or null on the last page.</summary>
    public CaseCursor? Next { get; init; }
}

/// <summary>
/// A position in a sorted result: the sort key and id of the last case of a page. The next page is the cases after it in
/// the same order, found through the sort's index however deep the page (an offset would read and skip every case before).
/// Opaque to clients: base64url of a small JSON object.
/// </summary>
public sealed record CaseCursor(CaseSort Sort, int Id, int? Year, string? Title)
{
    private sealed record Wire(string S, int I, int? Y, string? T);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(Sort.ToString(), Id, Year, Title)));

    public static bool TryParse(string text, out CaseCursor? cursor)
    {
        cursor = null;
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            if (wire is null || !Enum.TryParse<CaseSort>(wire.S, ignoreCase: false, out var sort) || !Enum.IsDefined(sort) || !wire.S.All(char.IsAsciiLetter)
                || (sort is CaseSort.Title or CaseSort.TitleDescending) != (wire.T is not null)
                || (sort is CaseSort.Newest or CaseSort.Title or CaseSort.TitleDescending && wire.Y is not null))
            {
                return false;
            }

            cursor = new CaseCursor(sort, wire.I, wire.Y, wire.T);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    internal static CaseCursor After(CaseSort sort, CaseSearchRow row) => sort switch
    {
        CaseSort.Oldest => new CaseCursor(sort, row.CaseId, row.SortFirstYear, null),
        CaseSort.Title or CaseSort.TitleDescending => new CaseCursor(sort, row.CaseId, null, row.Title),
        CaseSort.Newest => new CaseCursor(sort, row.CaseId, null, null),
        _ => new CaseCursor(sort, row.CaseId, row.SortLastYear, null),
    };
}

/// <summary>
/// Searches cases with the filters of <see cref="CaseFilter"/>, one page at a time, with facet counts for the page. Reads the
/// search read model only (<see cref="CaseSearchIndex"/>): every filter is a look-up in a narrow index, and the reader's
/// rules are the choice of rows (see <see cref="CaseSearchScope"/>).
/// </summary>
public sealed class SearchCases(RecoveryWatchDbContext db)
{
    public const int MaxPageSize = 200;

    public Task<CaseSearchResult> HandleAsync(CaseFilter filter, CaseReader reader, int page, int pageSize, bool withFacets, CancellationToken cancellationToken = default) =>
        HandleAsync(filter, reader, page, pageSize, withFacets, cursor: null, cancellationToken);

    /// <param name="cursor">When given, the page after it (keyset) instead of <paramref name="page"/>; its sort must be the filter's.</param>
    public async Task<CaseSearchResult> HandleAsync(CaseFilter filter, CaseReader reader, int page, int pageSize, bool withFacets, CaseCursor? cursor, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        if (cursor is not null && cursor.Sort != filter.Sort)
        {
            throw new ArgumentException("The cursor belongs to another sort order.", nameof(cursor));
        }

        var scope = new CaseSearchScope(db, reader);
        var filtered = scope.Filter(filter);
        var total = filter.IsEmpty && !scope.IsFocal
            ? await scope.Rows().CountAsync(cancellationToken)
            : await filtered.CountAsync(cancellationToken);
        var sorted = Sort(cursor is null ? filtered : After(filtered, cursor), filter.Sort);
        var rows = await (cursor is null ? sorted.Skip((page - 1) * pageSize) : sorted).Take(pageSize + 1).ToListAsync(cancellationToken);
        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(pageSize);
        }

        // The page's States and stage totals, for the audience of each row (a focal point's own cases: the Secretariat's).
        var ids = rows.Select(r => r.CaseId).ToList();
        var audienceOf = rows.ToDictionary(r => r.CaseId, r => r.Audience);
        var states = (await db.CaseSearchTerms.AsNoTracking()
                .Where(t => ids.Contains(t.CaseId) && t.Kind == CaseSearchTermKind.StateRole)
                .Select(t => new { t.CaseId, t.Audience, t.Code })
                .ToListAsync(cancellationToken))
            .Where(t => audienceOf[t.CaseId] == t.Audience)
            .Select(t => (t.CaseId, State: ParseStateRole(t.Code)))
            .ToLookup(t => t.CaseId, t => t.State);
        var stages = (await db.CaseSearchStages.AsNoTracking()
                .Where(s => ids.Contains(s.CaseId))
                .ToListAsync(cancellationToken))
            .Where(s => audienceOf[s.CaseId] == s.Audience)
            .ToLookup(s => s.CaseId);

        var items = rows.Select(r => new CaseListItem
        {
            Id = r.CaseId,
            Title = r.Title,
            IsSynthetic = r.IsSynthetic,
            Status = r.Status,
            States = [.. states[r.CaseId].OrderBy(s => s.Role).ThenBy(s => s.State, StringComparer.Ordinal)],
            Stages = [.. stages[r.CaseId].OrderBy(s => s.Stage).Select(s => new StageTotal(s.Stage, s.Measures, Common.Amounts.Normalize(s.UsdTotal)))],
            FirstYear = r.FirstYear,
            LastYear = r.LastYear,
        }).ToList();

        var facets = withFacets ? await FacetsAsync(scope, filter, filtered, cancellationToken) : null;
        return new CaseSearchResult(items, total, cursor is null ? page : 0, pageSize, facets)
        {
            Next = more ? CaseCursor.After(filter.Sort, rows[^1]) : null,
        };
    }

    private static CaseStateItem ParseStateRole(string code)
    {
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return new CaseStateItem(code[..colon], Enum.Parse<StateRole>(code[(colon + 1)..]));
    }

    private static IQueryable<CaseSearchRow> Sort(IQueryable<CaseSearchRow> rows, CaseSort sort) => sort switch
    {
        CaseSort.Oldest => rows.OrderBy(r => r.SortFirstYear).ThenBy(r => r.CaseId),
        CaseSort.Title => rows.OrderBy(r => r.Title).ThenBy(r => r.CaseId),
        CaseSort.TitleDescending => rows.OrderByDescending(r => r.Title).ThenByDescending(r => r.CaseId),
        CaseSort.Newest => rows.OrderByDescending(r => r.CaseId),
        _ => rows.OrderByDescending(r => r.SortLastYear).ThenByDescending(r => r.CaseId),
    };

    /// <summary>The rows after the cursor in the order of <see cref="Sort"/>. Cases without measures have no year: SQLite sorts
    /// nulls first in ascending order, PostgreSQL last, and the keyset follows each database's order.</summary>
    private IQueryable<CaseSearchRow> After(IQueryable<CaseSearchRow> rows, CaseCursor cursor)
    {
        var id = cursor.Id;
        var year = cursor.Year;
        var title = cursor.Title ?? string.Empty;
        var postgres = db.IsPostgres;
        switch (cursor.Sort)
        {
            case CaseSort.Newest:
                return rows.Where(r => r.CaseId < id);
            case CaseSort.Title:
                return rows.Where(r => string.Compare(r.Title, title) > 0 || (r.Title == title && r.CaseId > id));
            case CaseSort.TitleDescending:
                return rows.Where(r => string.Compare(r.Title, title) < 0 || (r.Title == title && r.CaseId < id));
            case CaseSort.Oldest:
                {
                    var nullsFirst = !postgres;
                    if (year is not { } y)
                    {
                        return nullsFirst
                            ? rows.Where(r => (r.SortFirstYear == null && r.CaseId > id) || r.SortFirstYear != null)
                            : rows.Where(r => r.SortFirstYear == null && r.CaseId > id);
                    }

                    return nullsFirst
                        ? rows.Where(r => r.SortFirstYear > y || (r.SortFirstYear == y && r.CaseId > id))
                        : rows.Where(r => r.SortFirstYear > y || (r.SortFirstYear == y && r.CaseId > id) || r.SortFirstYear == null);
                }

            default:
                {
                    var nullsFirst = postgres;
                    if (year is not { } y)
                    {
                        return nullsFirst
                            ? rows.Where(r => (r.SortLastYear == null && r.CaseId < id) || r.SortLastYear != null)
                            : rows.Where(r => r.SortLastYear == null && r.CaseId < id);
                    }

                    return nullsFirst
                        ? rows.Where(r => r.SortLastYear < y || (r.SortLastYear == y && r.CaseId < id))
                        : rows.Where(r => r.SortLastYear < y || (r.SortLastYear == y && r.CaseId < id) || r.SortLastYear == null);
                }
        }
    }

    private static async Task<CaseFacets> FacetsAsync(CaseSearchScope scope, CaseFilter filter, IQueryable<CaseSearchRow> filtered, CancellationToken cancellationToken)
    {
        // Without a filter every term of the reader's audience belongs to a row it reads: no need to join the rows.
        var all = filter.IsEmpty && !scope.IsFocal;
        var terms = all ? scope.TermsOfAudience() : scope.TermsOf(filtered);
        var states = await terms.Where(t => t.Kind == CaseSearchTermKind.State)
            .GroupBy(t => t.Code)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key)
            .Take(30)
            .ToListAsync(cancellationToken);
        var stages = await (all ? scope.StagesOfAudience() : scope.StagesOf(filtered))
            .GroupBy(s => s.Stage)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var routes = await terms.Where(t => t.Kind == CaseSearchTermKind.Route)
            .GroupBy(t => t.Code)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var offences = await terms.Where(t => t.Kind == CaseSearchTermKind.Offence)
            .GroupBy(t => t.Code)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return new CaseFacets(
            [.. states.Select(s => new FacetCount(s.Key, s.Count))],
            [.. stages.OrderBy(s => s.Key).Select(s => new FacetCount(s.Key.ToString(), s.Count))],
            [.. routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new FacetCount(r.Key, r.Count))],
            [.. offences.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new FacetCount(o.Key, o.Count))]);
    }
}
