using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Data;

namespace RecoveryWatch.Analytics;

/// <summary>What an import of rates did.</summary>
/// <param name="Added">Rates for a currency and date the database did not have.</param>
/// <param name="Replaced">Rates for a currency and date it had: a correction replaces the stored rate.</param>
/// <param name="MeasuresReconverted">Measures whose US-dollar figure or rate date changed.</param>
public sealed record RatesImportSummary(IReadOnlyList<string> Currencies, int Added, int Replaced, int MeasuresReconverted);

/// <summary>A stored rate, in the form the files give it (units per US dollar) and the form conversion uses.</summary>
public sealed record ExchangeRateItem(string Currency, DateOnly Date, decimal UnitsPerUsd, decimal UsdPerUnit, string Source);

/// <summary>A page of rates, newest first.</summary>
public sealed record ExchangeRatePage(IReadOnlyList<ExchangeRateItem> Items, int Total, int Page, int PageSize);

/// <summary>
/// Imports a file of dated exchange rates (<see cref="ExchangeRateFile"/>) and re-converts every measure of the imported
/// currencies, all in one transaction: a file with any error stores nothing, and no reader ever sees new rates beside
/// figures converted with the old ones. The US-dollar figures serve comparison only (COSP resolution 8/9 asks for volumes);
/// the original amounts are never changed. One audit entry records the import with the rates it replaced.
/// </summary>
public sealed class ImportExchangeRates(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 50;

    /// <summary>Decimals of the stored US dollars per unit; the column keeps exactly these (see the model configuration).</summary>
    public const int UsdPerUnitScale = 20;

    public async Task<RatesImportSummary> HandleAsync(byte[] content, string actor, CancellationToken cancellationToken = default)
    {
        var rows = ExchangeRateFile.Parse(content, db.Model);
        if (rows.Count == 0)
        {
            throw new Common.ValidationFailedException([new Common.ValidationError("file", "RatesEmpty")]);
        }

        var currencies = rows.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
        // The writers' lock on PostgreSQL (BEGIN IMMEDIATE on SQLite): a second import waits and then finds this one's rates,
        // replacing them rather than adding a second rate for a date; the unique index on (currency, date) refuses any that slips through.
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var stored = await db.ExchangeRates.Where(r => currencies.Contains(r.Currency)).ToListAsync(cancellationToken);
        var byKey = stored.ToDictionary(r => (r.Currency, r.Date));
        var replaced = new List<object>();
        var added = 0;
        foreach (var row in rows)
        {
            var usdPerUnit = decimal.Round(1m / row.UnitsPerUsd, UsdPerUnitScale, MidpointRounding.ToEven);
            if (byKey.TryGetValue((row.Currency, row.Date), out var existing))
            {
                replaced.Add(new { currency = existing.Currency, date = existing.Date, usdPerUnit = existing.UsdPerUnit, source = existing.Source });
                existing.Correct(usdPerUnit, row.Source);
            }
            else
            {
                var rate = new ExchangeRate(row.Currency, row.Date, usdPerUnit, row.Source);
                db.ExchangeRates.Add(rate);
                stored.Add(rate);
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Every measure of these currencies, with the rates as they now stand: a new earlier rate or a correction may change a
        // figure converted long ago. Saving rebuilds the counted figures of the cases whose measures changed.
        var measures = await db.Measures.Where(m => currencies.Contains(m.Currency)).ToListAsync(cancellationToken);
        var reconverted = UsdConversion.Convert(measures, stored);
        var summary = new RatesImportSummary(currencies, added, replaced.Count, reconverted);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "import-rates", nameof(ExchangeRate), string.Join(",", currencies),
            replaced.Count == 0 ? null : JsonSerializer.Serialize(replaced),
            JsonSerializer.Serialize(new { currencies, added, replaced = replaced.Count, measuresReconverted = reconverted, rates = rows.Count })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>Rates are public data: anyone may list them, newest first, optionally for one currency.</summary>
    public async Task<ExchangeRatePage> ListAsync(string? currency, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.ExchangeRates.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(currency))
        {
            var code = currency.Trim().ToUpperInvariant();
            query = query.Where(r => r.Currency == code);
        }

        // Deep enough for any real list, and small enough that the offset never overflows into a database error.
        page = Math.Clamp(page, 1, 1_000_000);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var total = await query.CountAsync(cancellationToken);
        var rates = await query.OrderByDescending(r => r.Date).ThenBy(r => r.Currency)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ExchangeRatePage([.. rates.Select(Item)], total, page, pageSize);
    }

    /// <summary>The rates a case page states beside its figures, by currency and date.</summary>
    public async Task<IReadOnlyDictionary<(string Currency, DateOnly Date), string>> SourcesAsync(IEnumerable<(string Currency, DateOnly? Date)> used, CancellationToken cancellationToken = default)
    {
        var wanted = used.Where(u => u.Date is not null).Select(u => (u.Currency, Date: u.Date!.Value)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<(string, DateOnly), string>();
        }

        var currencies = wanted.Select(w => w.Currency).Distinct().ToList();
        var dates = wanted.Select(w => w.Date).Distinct().ToList();
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => currencies.Contains(r.Currency) && dates.Contains(r.Date))
            .Select(r => new { r.Currency, r.Date, r.Source }).ToListAsync(cancellationToken);
        return rates.ToDictionary(r => (r.Currency, r.Date), r => r.Source);
    }

    private static ExchangeRateItem Item(ExchangeRate rate) =>
        new(rate.Currency, rate.Date, Common.Amounts.Normalize(decimal.Round(1m / rate.UsdPerUnit, ExchangeRateFile.MaxDecimals, MidpointRounding.ToEven)),
            Common.Amounts.Normalize(rate.UsdPerUnit), rate.Source);
}
