using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// Makes reproducible synthetic cases that look like the field: States of origin paired with financial centres,
/// stages in order (frozen, then confiscated, then returned), amounts that shrink from stage to stage, several currencies.
/// Every case is marked synthetic and says so on its page and in exports.
/// </summary>
public sealed class SeedDemoCases(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const int DefaultCount = 300;
    public const int DefaultSeed = 2020;
    public const string SyntheticRateSource = "Synthetic demo rate (not an official rate)";

    private static readonly string[] Origins = ["NGA", "BRA", "MYS", "UKR", "PER", "TUN", "EGY", "PHL", "IDN", "KAZ", "UZB", "KEN", "ZAF", "MEX", "LBY", "GNQ", "AGO", "IRQ", "MDA", "GTM", "HND", "PAK", "BGD", "LKA", "ZMB", "MWI", "ECU", "ARM", "KGZ", "TJK"];
    private static readonly string[] Centres = ["CHE", "GBR", "USA", "FRA", "LUX", "LIE", "SGP", "ARE", "CYP", "NLD", "DEU", "AUT", "ITA", "ESP", "CAN", "AUS", "PAN", "BEL", "IRL", "MCO"];
    private static readonly string[] Transits = ["LVA", "CYP", "MLT", "BHS", "SYC", "MUS", "BLZ"];
    private static readonly Dictionary<string, string> HomeCurrency = new()
    {
        ["CHE"] = "CHF", ["GBR"] = "GBP", ["USA"] = "USD", ["FRA"] = "EUR", ["LUX"] = "EUR", ["LIE"] = "CHF", ["SGP"] = "SGD",
        ["ARE"] = "AED", ["CYP"] = "EUR", ["NLD"] = "EUR", ["DEU"] = "EUR", ["AUT"] = "EUR", ["ITA"] = "EUR", ["ESP"] = "EUR",
        ["CAN"] = "CAD", ["AUS"] = "AUD", ["PAN"] = "USD", ["BEL"] = "EUR", ["IRL"] = "EUR", ["MCO"] = "EUR",
    };

    /// <summary>Rough US dollars per unit for the demo currencies; with yearly noise they become the synthetic rates.</summary>
    private static readonly Dictionary<string, decimal> UsdPerUnit = new()
    {
        ["USD"] = 1m, ["EUR"] = 1.12m, ["CHF"] = 1.05m, ["GBP"] = 1.30m, ["SGD"] = 0.74m, ["AED"] = 0.2723m, ["CAD"] = 0.76m, ["AUD"] = 0.70m,
    };

    private static readonly string[] Offences = ["Art17", "Art23", "Art15", "Art16", "Art20", "Art19", "Art18", "Art22", "Art24", "Art21", "Art25"];

    private static readonly (string Noun, string Offence)[] Schemes =
    [
        ("embezzled public funds", "Art17"), ("bribes paid for public contracts", "Art15"), ("proceeds of foreign bribery", "Art16"),
        ("illicit enrichment of a former official", "Art20"), ("laundered proceeds of corruption", "Art23"), ("diverted oil revenues", "Art17"),
        ("misappropriated pension funds", "Art22"), ("kickbacks on defence procurement", "Art15"), ("concealed proceeds of abuse of functions", "Art19"),
    ];

    /// <param name="progress">Told the number of cases written after each batch of 1,000 (a million cases take minutes).</param>
    public async Task<int> HandleAsync(int count, int seed, string actor, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (count is < 1 or > 1_000_000)
        {
            throw new ValidationFailedException([new ValidationError("cases", "OutOfRange", 1, 1_000_000)]);
        }

        var now = clock.GetUtcNow();
        var thisYear = now.Year;
        var random = new Random(seed);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var rates = await EnsureSyntheticRatesAsync(thisYear, cancellationToken);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var batch = new List<Case>(1000);
            for (var n = 1; n <= count; n++)
            {
                batch.Add(MakeCase(random, n, thisYear, now, rates));
                if (batch.Count == 1000 || n == count)
                {
                    db.Cases.AddRange(batch);
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    batch.Clear();
                    progress?.Report(n);
                }
            }

            db.AuditEntries.Add(new AuditEntry(now, actor, "seed-demo", nameof(Case), "*", null,
                string.Create(CultureInfo.InvariantCulture, $"{{\"cases\":{count},\"seed\":{seed}}}")));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return count;
    }

    private async Task<Dictionary<(string, int), ExchangeRate>> EnsureSyntheticRatesAsync(int thisYear, CancellationToken cancellationToken)
    {
        var existing = await db.ExchangeRates.ToListAsync(cancellationToken);
        var rates = existing.GroupBy(r => (r.Currency, r.Date.Year)).ToDictionary(g => g.Key, g => g.First());
        var random = new Random(1);
        foreach (var (currency, baseRate) in UsdPerUnit)
        {
            for (var year = 2000; year <= thisYear; year++)
            {
                if (rates.ContainsKey((currency, year)))
                {
                    continue;
                }

                var noise = currency == "USD" ? 1m : 1m + ((decimal)random.NextDouble() - 0.5m) * 0.16m;
                var rate = new ExchangeRate(currency, new DateOnly(year, 1, 1), decimal.Round(baseRate * noise, 6), SyntheticRateSource);
                db.ExchangeRates.Add(rate);
                rates[(currency, year)] = rate;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return rates;
    }

    private static Case MakeCase(Random random, int n, int thisYear, DateTimeOffset now, Dictionary<(string, int), ExchangeRate> rates)
    {
        var origin = Pick(random, Origins);
        var centre = Pick(random, Centres);
        var (noun, offence) = Pick(random, Schemes);
        var originName = ReferenceCatalog.Default.StateName(origin, "en");
        var centreName = ReferenceCatalog.Default.StateName(centre, "en");
        var currency = random.Next(3) == 0 ? "USD" : HomeCurrency[centre];
        // Every demo date lies in a past year, so that no synthetic measure is dated in the future.
        var startYear = random.Next(2005, thisYear - 1);
        var restrictedCase = random.Next(20) == 0;
        var draft = random.Next(20) == 0;
        var title = string.Create(CultureInfo.InvariantCulture, $"Synthetic case {n:D5}: {noun} from {originName} located in {centreName}");
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Synthetic demonstration record. {originName} requested {centreName} to restrain {noun} held through companies and bank accounts; the assets were traced through {(random.Next(2) == 0 ? "nominee companies" : "real estate purchases")}.");

        var c = new Case(title, isSynthetic: true, now);
        c.Describe(title, summary, random.Next(10) == 0 ? Visibility.Secretariat : Visibility.Public,
            restrictedCase ? Visibility.Secretariat : Visibility.Public, draft ? CaseStatus.Draft : CaseStatus.Published, now);

        var states = new List<CaseState> { new(origin, StateRole.Requesting, Visibility.Public), new(centre, StateRole.Requested, Visibility.Public) };
        if (random.Next(6) == 0)
        {
            var transit = Pick(random, Transits);
            if (transit != centre)
            {
                states.Add(new CaseState(transit, StateRole.Transit, random.Next(2) == 0 ? Visibility.Public : Visibility.Secretariat));
            }
        }

        var offences = new HashSet<string> { offence, "Art23" };
        if (random.Next(4) == 0)
        {
            offences.Add(Pick(random, Offences));
        }

        var assetType = random.Next(10) switch
        {
            < 5 => AssetType.BankFunds,
            < 7 => AssetType.RealEstate,
            7 => AssetType.Securities,
            8 => AssetType.Vehicles,
            _ => random.Next(2) == 0 ? AssetType.ArtValuables : AssetType.VirtualAssets,
        };

        // Amounts shrink along the stages; each later stage happens later, and not every case reaches every stage.
        var measures = new List<AssetMeasure>();
        var proceedings = new List<Proceeding> { new("Art54_2", centre, "Freezing on request of the requesting State.", Visibility.Public) };
        var amount = decimal.Round((decimal)Math.Pow(10, 5 + random.NextDouble() * 3.5), 0);
        var year = startYear;
        var frozenDate = Date(random, year);
        measures.Add(Measure(Stage.Frozen, assetType, amount, currency, frozenDate, centre, random, rates));
        var reach = random.Next(10);
        if (reach >= 3 && year < thisYear - 1)
        {
            year = Math.Min(thisYear - 1, year + random.Next(1, 4));
            amount = decimal.Round(amount * (decimal)(0.4 + random.NextDouble() * 0.6), 0);
            var ncb = random.Next(3) == 0;
            proceedings.Add(new Proceeding(ncb ? "Art54_1c" : "Art55_1b", centre, ncb ? "Non-conviction-based confiscation." : "Enforcement of the foreign confiscation order.", Visibility.Public));
            measures.Add(Measure(Stage.Confiscated, assetType, amount, currency, Date(random, year), centre, random, rates));
            if (reach >= 6 && year < thisYear - 1)
            {
                year = Math.Min(thisYear - 1, year + random.Next(1, 3));
                amount = decimal.Round(amount * (decimal)(0.5 + random.NextDouble() * 0.5), 0);
                proceedings.Add(new Proceeding(offence == "Art17" ? "Art57_3a" : "Art57_3b", centre, "Return to the requesting State.", Visibility.Public));
                measures.Add(Measure(Stage.Returned, assetType, amount, currency, Date(random, year), centre, random, rates));
            }
        }

        var victims = new List<Victim>();
        if (random.Next(3) == 0)
        {
            victims.Add(new Victim(VictimKind.State, "The treasury of " + originName + ".", null, null, Visibility.Public));
        }

        var thirdParties = new List<ThirdPartyClaim>();
        if (random.Next(5) == 0)
        {
            thirdParties.Add(new ThirdPartyClaim(ThirdPartyKind.BonaFideClaimant, "A bank holding a mortgage on the property.", "Claim upheld in part.", Visibility.StatesParties));
        }

        var challenges = new List<CaseChallenge>();
        if (random.Next(2) == 0)
        {
            challenges.Add(new CaseChallenge(random.Next(2) == 0 ? "ForeignConfiscationOrderEnforcement" : "DifferingEvidentiaryRequirements", null));
        }

        var sources = new List<CaseSource>
        {
            new(SourceKind.StateSubmission, random.Next(2) == 0 ? origin : centre, null, "Synthetic submission to the 2020 information request", new DateOnly(Math.Min(thisYear, 2020), 6, 30), Visibility.Public),
        };

        c.Replace(states, [.. offences.Select(o => new CaseOffence(o))], proceedings, measures, victims, thirdParties,
            [.. challenges.Where(ch => ReferenceCatalog.Default.Challenges.ContainsKey(ch.ChallengeCode))], sources);
        return c;
    }

    private static AssetMeasure Measure(Stage stage, AssetType type, decimal amount, string currency, PartialDate date, string centre, Random random, Dictionary<(string, int), ExchangeRate> rates)
    {
        var visibility = random.Next(25) == 0 ? Visibility.Secretariat : Visibility.Public;
        var measure = new AssetMeasure(stage, type, new Money(amount, currency), date, centre, null, null, visibility);
        if (rates.TryGetValue((currency, date.Year), out var rate))
        {
            measure.ConvertToUsd(rate.UsdPerUnit, rate.Date);
        }

        return measure;
    }

    private static PartialDate Date(Random random, int year) => random.Next(3) switch
    {
        0 => new PartialDate(year),
        1 => new PartialDate(year, random.Next(1, 13)),
        _ => new PartialDate(year, random.Next(1, 13), random.Next(1, 29)),
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
