namespace RecoveryWatch.Cases;

public static class CaseLimits
{
    public const int TitleLength = 300;
    public const int SummaryLength = 8000;
    public const int TextLength = 4000;
    public const int MaxChildren = 200;

    /// <summary>Largest amount accepted in any currency: above the world's GDP in most currencies, below decimal(20,2).</summary>
    public const decimal MaxAmount = 999_999_999_999_999m;
}
