namespace RecoveryWatch.Cases;

public static class CaseLimits
{
    public const int TitleLength = 300;
    public const int SummaryLength = 8000;
    public const int TextLength = 4000;
    public const int MaxChildren = 200;

    /// <summary>Largest amount accepted in any currency: above the world's GDP in most currencies, within decimal(20,3).</summary>
    public const decimal MaxAmount = 999_999_999_999_999m;

    /// <summary>Digits of an amount of record (original currency) in the database.</summary>
    public const int AmountPrecision = 20;

    /// <summary>Decimals of an amount of record: the most any ISO 4217 currency in use has (the dinars of Bahrain, Iraq,
    /// Jordan, Kuwait, Libya and Tunisia, the rial of Oman). Each amount is further held to its own currency's minor units.</summary>
    public const int AmountScale = 3;
}
