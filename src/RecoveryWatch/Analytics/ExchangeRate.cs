namespace RecoveryWatch.Analytics;

/// <summary>A dated rate to convert an original amount into its US-dollar equivalent for comparison.</summary>
public sealed class ExchangeRate
{
    public ExchangeRate(string currency, DateOnly date, decimal usdPerUnit, string source)
    {
        Currency = currency;
        Date = date;
        UsdPerUnit = usdPerUnit;
        Source = source;
    }

    public int Id { get; private set; }
    public string Currency { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal UsdPerUnit { get; private set; }

    /// <summary>A correction: the rate of the same currency and date as now published by <paramref name="source"/>.</summary>
    public void Correct(decimal usdPerUnit, string source)
    {
        UsdPerUnit = usdPerUnit;
        Source = source;
    }

    /// <summary>Where the rate comes from (e.g. "UN operational rates of exchange"), or "Synthetic demo rate".</summary>
    public string Source { get; private set; }
}
