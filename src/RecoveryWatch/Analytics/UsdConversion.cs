using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Analytics;

/// <summary>
/// Gives measures their US-dollar figure from dated rates: the latest rate on or before the measure's date (or the earliest
/// rate after it when none precedes it). Without any rate for the currency a measure keeps only its original amount, and
/// the statistics count it as a figure without a rate — never as zero.
/// </summary>
public static class UsdConversion
{
    /// <summary>Converts the measures that have no US-dollar figure yet (new ones, or ones whose figure was changed).</summary>
    public static async Task ConvertAsync(RecoveryWatchDbContext db, IEnumerable<AssetMeasure> measures, CancellationToken cancellationToken)
    {
        var pending = measures.Where(m => m.UsdAmount is null).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var currencies = pending.Select(m => m.Currency).Distinct().ToList();
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => currencies.Contains(r.Currency)).ToListAsync(cancellationToken);
        Convert(pending, rates);
    }

    public static void Convert(IEnumerable<AssetMeasure> measures, IReadOnlyCollection<ExchangeRate> rates)
    {
        var byCurrency = rates.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).ToList(), StringComparer.Ordinal);
        foreach (var measure in measures)
        {
            if (!byCurrency.TryGetValue(measure.Currency, out var forCurrency))
            {
                continue;
            }

            var rate = forCurrency.LastOrDefault(r => r.Date <= measure.Date.Earliest) ?? forCurrency[0];
            measure.ConvertToUsd(rate.UsdPerUnit, rate.Date);
        }
    }
}
