using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Analytics;
using RecoveryWatch.Identity;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Infrastructure;

/// <summary>
/// A small known world of cases, each built to answer one question about search, visibility and export.
/// Markers in capitals are strings that must never reach an anonymous reader.
/// </summary>
public class WorldApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public const string RestrictedSummary = "RESTRICTED-SUMMARY-MARKER";
    public const string RestrictedVictim = "RESTRICTED-VICTIM-MARKER";
    public const string RestrictedSource = "https://restricted-source-marker.example/report";
    public const string DraftTitle = "DRAFT-CASE-MARKER Delta";
    public const string SecretariatTitle = "SECRETARIAT-CASE-MARKER Echo";

    /// <summary>A restricted detail of a case involving Nigeria: for the Secretariat and Nigeria's focal points only.</summary>
    public const string RestrictedNigeria = "RESTRICTED-NGA-MARKER";

    /// <summary>A restricted technical-assistance need of the United Kingdom: for the Secretariat and its focal points only.</summary>
    public const string RestrictedNeed = "RESTRICTED-NEED-GBR-MARKER";

    /// <summary>A detail visible to States parties: never to the anonymous public.</summary>
    public const string StatesPartiesOnly = "STATES-PARTIES-MARKER";

    /// <summary>A draft good practice of Nigeria: for the Secretariat and Nigeria's focal points only.</summary>
    public const string DraftPracticeNigeria = "DRAFT-PRACTICE-NGA-MARKER";

    /// <summary>A good practice Kenya submitted, not yet published: for the Secretariat (and Kenya's focal points) only.</summary>
    public const string SubmittedPracticeKenya = "SUBMITTED-PRACTICE-KEN-MARKER";

    public const string UserPassword = "Long-enough-password-42";
    public const string AnalystEmail = "analyst@recoverywatch.test";
    public const string NigeriaFocalPointEmail = "focal.nga@recoverywatch.test";
    public const string FranceDelegateEmail = "delegate.fra@recoverywatch.test";

    public int Alpha { get; private set; }
    public int Bravo { get; private set; }
    public int Charlie { get; private set; }
    public int Delta { get; private set; }
    public int Echo { get; private set; }
    public int Foxtrot { get; private set; }
    public int Golf { get; private set; }

    /// <summary>A published good practice with one attachment (the first practice and the first attachment stored, so the
    /// access matrix's id, that of <see cref="Alpha"/>, names both).</summary>
    public int PublishedPractice { get; private set; }

    /// <summary>The cases an anonymous reader may see.</summary>
    public IReadOnlySet<int> Public => new HashSet<int> { Alpha, Bravo, Charlie, Foxtrot, Golf };

    protected override async Task SeedAsync()
    {
        // Known rates so that US-dollar figures are predictable: 1 CHF = 1.1 USD, 1 GBP = 1.3, 1 EUR = 1.2.
        await WithDbAsync(async db =>
        {
            db.ExchangeRates.AddRange(
                new ExchangeRate("USD", new DateOnly(2000, 1, 1), 1m, "test"),
                new ExchangeRate("CHF", new DateOnly(2000, 1, 1), 1.1m, "test"),
                new ExchangeRate("GBP", new DateOnly(2000, 1, 1), 1.3m, "test"),
                new ExchangeRate("EUR", new DateOnly(2000, 1, 1), 1.2m, "test"));
            await db.SaveChangesAsync();
        });

        Alpha = await CreateCaseAsync(Case("Alpha embezzlement of public funds").Between("NGA", "CHE")
            .Measure(Stage.Frozen, 1_000_000m, "CHF", "2015-03")
            .Measure(Stage.Confiscated, 800_000m, "CHF", "2018")
            .Measure(Stage.Returned, 500_000m, "CHF", "2020-06-30")
            .Offence("Art17", "Art23").Route("Art54_2", "CHE").Route("Art55_1b", "CHE").Route("Art57_3a", "CHE")
            .Victim(RestrictedNigeria + " pensioners of the federal scheme", Visibility.Secretariat)
            .Challenge("ForeignConfiscationOrderEnforcement"));
        Bravo = await CreateCaseAsync(Case("Bravo foreign bribery").Between("BRA", "USA")
            .Measure(Stage.Frozen, 5_000_000m, "USD", "2012")
            .Measure(Stage.Seized, 2_000_000m, "USD", "2013-01-15")
            .Offence("Art16").Route("Art54_1c", "USA")
            .Victim(StatesPartiesOnly + " shareholders of the state oil company", Visibility.StatesParties));
        Charlie = await CreateCaseAsync(Case("Charlie laundering through real estate").Between("UKR", "GBR")
            .Summary(RestrictedSummary + " details of the investigation", Visibility.Secretariat)
            .Transit("CYP", Visibility.Secretariat)
            .Measure(Stage.Frozen, 300_000m, "GBP", "2019")
            .Measure(Stage.Confiscated, 250_000m, "GBP", "2021", Visibility.Secretariat)
            .Victim(RestrictedVictim, Visibility.Secretariat)
            .OpenSource(RestrictedSource, "Restricted report", Visibility.Secretariat)
            .Offence("Art23").Route("Art54_2", "GBR").Route("Art54_1c", "GBR", Visibility.Secretariat));
        Delta = await CreateCaseAsync(Case(DraftTitle).Between("MYS", "SGP").Measure(Stage.Frozen, 100m, "SGD", "2016").Draft());
        Echo = await CreateCaseAsync(Case(SecretariatTitle).Between("PER", "LUX").Measure(Stage.Frozen, 100m, "EUR", "2017").VisibleTo(Visibility.Secretariat));
        Foxtrot = await CreateCaseAsync(Case("Foxtrot bribery of national officials").Between("EGY", "FRA")
            .Summary("Assets traced to the Nile Delta region")
            .Measure(Stage.Frozen, 3_000_000m, "EUR", "2010-11")
            .Offence("Art15"));
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
            await users.CreateAsync(new SaveUserRequest { Email = AnalystEmail, Role = Roles.SecretariatAnalyst }, UserPassword, "test");
            await users.CreateAsync(new SaveUserRequest { Email = NigeriaFocalPointEmail, Role = Roles.FocalPoint, States = ["NGA"] }, UserPassword, "test");
            await users.CreateAsync(new SaveUserRequest { Email = FranceDelegateEmail, Role = Roles.Delegate, States = ["FRA"] }, UserPassword, "test");
        }

        // Technical-assistance needs, in this order (the access matrix reads need 1, which anyone may see): a public need of
        // Kenya, a restricted one of Nigeria (its focal point sees it), a restricted one of the United Kingdom (no focal point
        // here sees it) and one for States parties.
        await WithDbAsync(async db =>
        {
            var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var (state, text, visibility) in new[]
            {
                ("KEN", "Public need of Kenya for training in financial investigation", Visibility.Public),
                ("NGA", RestrictedNigeria + " need for mentoring on a confiscation case", Visibility.Secretariat),
                ("GBR", RestrictedNeed + " need for advice on non-conviction-based confiscation", Visibility.Secretariat),
                ("BRA", StatesPartiesOnly + " need for a case management tool", Visibility.StatesParties),
            })
            {
                db.Add(new RecoveryWatch.Knowledge.AssistanceNeed(state, "AssetTracing", RecoveryWatch.Knowledge.AssistanceType.Training, RecoveryWatch.Knowledge.NeedPriority.High,
                    text, visibility, RecoveryWatch.Knowledge.NeedSource.Secretariat, null, null, null, "test", at));
                await db.SaveChangesAsync();
            }
        });

        Golf = await CreateCaseAsync(Case("=HYPERLINK(\"http://attacker.example\") Golf").Between("KEN", "GBR")
            .Measure(Stage.Frozen, 10m, "GBP", "2011"));

        // Open legal framework versions: Nigeria's draft is for its focal points and the Secretariat; Switzerland's for the
        // Secretariat only. Neither may reach anyone else, in any page or answer.
        await WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (state, marker) in new[] { ("NGA", RestrictedNigeria), ("CHE", DraftTitle) })
            {
                var draft = new RecoveryWatch.Knowledge.LegalFrameworkVersion(state, 1, new DateOnly(2020, 1, 1), "test", null, "test", now);
                draft.Revise(new DateOnly(2020, 1, 1), "test", [new RecoveryWatch.Knowledge.LegalFrameworkAnswer("NcbConfiscation", "Available", marker + " draft answer", null, null, null)], "test", now);
                db.Add(draft);
            }

            await db.SaveChangesAsync();
        });
        await SeedPracticesAsync();
    }

    private async Task SeedPracticesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var save = scope.ServiceProvider.GetRequiredService<SavePractice>();
        static GoodPracticeDocument Practice(string title) => new()
        {
            Title = title, Summary = "Summary of " + title, Body = "Body of " + title, Language = "en", Stages = [Stage.Frozen], Routes = ["Art54_1a"], Challenges = ["DualCriminality"],
        };
        PublishedPractice = await save.CreateAsync(Practice("Published practice Hotel"), PracticeActor.Secretariat, "test");
        await save.AttachAsync(PublishedPractice, "annex.pdf", "%PDF-1.4 annex"u8.ToArray(), PracticeActor.Secretariat, "test");
        await save.ApplyAsync(PublishedPractice, PracticeAction.Publish, 2, PracticeActor.Secretariat, "test");
        await save.CreateAsync(Practice(DraftPracticeNigeria + " India") with { State = "NGA" }, PracticeActor.Secretariat, "test");
        var kenya = await save.CreateAsync(Practice(SubmittedPracticeKenya + " Juliett") with { State = "KEN" }, PracticeActor.Secretariat, "test");
        await save.ApplyAsync(kenya, PracticeAction.Submit, 1, PracticeActor.Secretariat, "test");
    }
}

public sealed class SqliteWorld() : WorldApp(DatabaseKind.Sqlite);

public sealed class PostgresWorld() : WorldApp(DatabaseKind.Postgres);

public sealed class SqliteApp() : RecoveryWatchApp(DatabaseKind.Sqlite);

public sealed class PostgresApp() : RecoveryWatchApp(DatabaseKind.Postgres);
