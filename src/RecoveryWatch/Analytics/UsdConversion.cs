using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Analytics;

/// <summary>
/// Gives measures their US-dollar figure from dated rates, only so that amounts in different currencies can be compared and
/// summed (COSP resolution 8/9 asks for volumes); the original amount stays the figure of record. The rate used is the
/// nearest one on or before the measure's date: a rate published later did not exist when the measure was taken. With no
/// such rate a measure keeps only its original amount, and the statistics count it as a figure without a rate — never as zero.
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

    /// <summary>Sets each measure's US-dollar figure from <paramref name="rates"/>, or clears it when none applies; returns
    /// how many measures' figure or rate date changed.</summary>
    public static int Convert(IEnumerable<AssetMeasure> measures, IReadOnlyCollection<ExchangeRate> rates)
    {
        var byCurrency = rates.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).ToList(), StringComparer.Ordinal);
        var changed = 0;
        foreach (var measure in measures)
        {
            var (before, beforeDate) = (measure.UsdAmount, measure.UsdRateDate);
            if (byCurrency.TryGetValue(measure.Currency, out var forCurrency) && RateFor(forCurrency, measure.Date.Earliest) is { } rate)
            {
                measure.ConvertToUsd(rate.UsdPerUnit, rate.Date);
            }
            else
            {
                measure.ClearUsd();
            }

            if (before != measure.UsdAmount || beforeDate != measure.UsdRateDate)
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>The nearest rate on or before <paramref name="date"/> among rates sorted by date, or null when all are later.</summary>
    public static ExchangeRate? RateFor(IReadOnlyList<ExchangeRate> sortedByDate, DateOnly date) =>
        sortedByDate.LastOrDefault(r => r.Date <= date);
}
