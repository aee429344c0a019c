using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Reporting;

/// <summary>The round a note reports on, as the note cites it.</summary>
public sealed record NoteRound(int Id, string Code, LocalizedText Title, string Mandate, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset Deadline);

/// <summary>Everything the Secretariat's note states, in no language yet: the same data for the six language versions.</summary>
/// <param name="ByYear">Volumes per year and stage (<see cref="VolumeStatistics"/> by year), as the public sees them.</param>
/// <param name="ByRegion">Volumes per UN regional group and stage, as the public sees them.</param>
public sealed record NoteContent(string Symbol, DateOnly Date, NoteRound Round, CoverageRow Coverage, IReadOnlyList<VolumeRow> ByYear, IReadOnlyList<VolumeRow> ByRegion);

/// <summary>
/// Gathers what the note on a round says from the statistics the open-data API serves, read as the anonymous public: the
/// note is issued for general distribution, so it never states a figure, State or case the public may not see. Only
/// aggregates are read, so the note costs the same memory for ten cases or a million.
/// </summary>
public sealed class GatherNoteContent(RecoveryWatchDbContext db, VolumeStatistics volumes, CoverageStatistics coverage, TimeProvider clock)
{
    /// <summary>Documents of the Working Group: CAC/COSP/WG.2/&lt;year&gt;/&lt;number&gt;.</summary>
    public const string SymbolPrefix = "CAC/COSP/WG.2/";

    /// <param name="symbol">The document symbol; when null, the next free number of the Working Group's documents in the
    /// year of the round's deadline (the note is issued for the meeting after the replies are in).</param>
    /// <exception cref="NotFoundException">The round does not exist.</exception>
    /// <exception cref="ValidationFailedException">The symbol given is not a UN document symbol.</exception>
    public async Task<NoteContent> HandleAsync(int roundId, string? symbol, CancellationToken cancellationToken = default)
    {
        Meetings.DocumentSymbol? given = null;
        if (!string.IsNullOrWhiteSpace(symbol) && !Meetings.DocumentSymbol.TryParseDetailed(symbol.Trim(), out given, out var error))
        {
            throw new ValidationFailedException([new ValidationError("symbol", "InvalidSymbol", symbol, error.Reason)]);
        }

        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new NoteRound(r.Id, r.Code, r.Title, r.Mandate, r.PeriodFrom, r.PeriodTo, r.Deadline))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"Round {roundId} does not exist.");
        var reader = CaseReader.Public;
        // The note reports what the request covered: the stages reached in the years of the round's period.
        var period = new StatisticsFilter { YearFrom = round.PeriodFrom.Year, YearTo = round.PeriodTo.Year };
        return new NoteContent(
            given?.ToString() ?? await NextSymbolAsync(round.Deadline.Year, cancellationToken),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            round,
            (await coverage.HandleAsync(roundId, reader, cancellationToken)).Single(),
            await volumes.HandleAsync(VolumeGrouping.Year, reader, filter: period, cancellationToken: cancellationToken),
            await volumes.HandleAsync(VolumeGrouping.Region, reader, filter: period, cancellationToken: cancellationToken));
    }

    /// <summary>The number after the highest one registered for <paramref name="year"/>, so that a draft never takes the
    /// symbol of a document already issued.</summary>
    private async Task<string> NextSymbolAsync(int year, CancellationToken cancellationToken)
    {
        var prefix = SymbolPrefix + year.ToString(CultureInfo.InvariantCulture) + "/";
        var taken = await db.Documents.AsNoTracking().Where(d => d.Symbol.StartsWith(prefix)).Select(d => d.Symbol).ToListAsync(cancellationToken);
        var highest = taken.Select(s => int.TryParse(s.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return prefix + (highest + 1).ToString(CultureInfo.InvariantCulture);
    }
}
