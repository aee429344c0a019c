using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// Demonstration profiles for a few States, so the comparison has something to compare on a fresh machine. They are
/// synthetic — the source says so on every version — and never a statement of any State's law: the answers follow the
/// broad lines of each legal tradition only. One State has an earlier superseded version (history), one a submitted
/// version waiting for the Secretariat (the validation queue).
/// </summary>
public sealed class SeedDemoLegalFrameworks(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const string DemoSource = "Synthetic demonstration data — not a statement of the State's law";

    private static readonly (string State, string Tradition)[] States =
    [
        ("GBR", "CommonLaw"), ("USA", "CommonLaw"), ("NGA", "CommonLaw"), ("KEN", "CommonLaw"),
        ("CHE", "CivilLaw"), ("FRA", "CivilLaw"), ("BRA", "CivilLaw"), ("CHN", "CivilLaw"),
    ];

    public async Task HandleAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<LegalFrameworkVersion>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        const string actor = DatabaseInitializer.SystemActor;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        foreach (var (state, tradition) in States)
        {
            var number = 1;
            if (state == "NGA")
            {
                // An earlier profile, before NCB confiscation was available: kept as history, never compared.
                var earlier = Version(state, number++, new DateOnly(2019, 6, 30), Answers(tradition, ncb: "NotAvailable"), actor, now);
                earlier.Validate(actor, now);
                earlier.Supersede(actor, now);
                db.Add(earlier);
            }

            var current = Version(state, number++, new DateOnly(2020, 6, 30), Answers(tradition, ncb: null), actor, now);
            current.Validate(actor, now);
            db.Add(current);
            if (state == "BRA")
            {
                var submitted = Version(state, number, new DateOnly(2020, 10, 1), Answers(tradition, ncb: "Available"), actor, now);
                submitted.Submit(actor, now);
                db.Add(submitted);
            }

            // Each State's versions are saved before the next, so "one validated per State" never sees two at once.
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static LegalFrameworkVersion Version(string state, int number, DateOnly asOf, List<LegalFrameworkAnswer> answers, string actor, DateTimeOffset now)
    {
        var version = new LegalFrameworkVersion(state, number, asOf, DemoSource, null, actor, now);
        version.Revise(asOf, DemoSource, answers, actor, now);
        return version;
    }

    private static List<LegalFrameworkAnswer> Answers(string tradition, string? ncb)
    {
        var common = tradition == "CommonLaw";
        var answers = new List<(string Question, string Answer, string? Article)>
        {
            ("LegalTradition", tradition, null),
            ("DirectEnforcement", common ? "Available" : "Partial", "s. 10"),
            ("NcbConfiscation", ncb ?? (common ? "Available" : "Partial"), "s. 12"),
            ("CivilActionByForeignState", "Available", null),
            ("ValueBasedConfiscation", "Available", "s. 14"),
            ("ExtendedConfiscation", common ? "Available" : "Partial", null),
            ("UnexplainedWealthOrders", common ? "Partial" : "NotAvailable", null),
            ("ProofCriminal", common ? "BeyondReasonableDoubt" : "IntimateConviction", null),
            ("ProofNcb", ncb == "NotAvailable" ? "NotApplicable" : "BalanceOfProbabilities", null),
            ("ProofCivil", "BalanceOfProbabilities", null),
            ("CertifiedTranslations", "Required", null),
            ("FinalConviction", common ? "NotRequired" : "Required", null),
            ("DualCriminality", common ? "CaseByCase" : "Required", null),
            ("ThirdPartyProtection", "Available", "s. 20"),
            ("VictimCompensation", common ? "Available" : "Partial", null),
            ("AssetManagement", common ? "Available" : "Partial", null),
            ("ReturnAgreements", "Available", null),
        };
        return [.. answers.Select(a => new LegalFrameworkAnswer(a.Question, a.Answer, null, a.Article is null ? null : "Demonstration act (synthetic)", a.Article, null))];
    }
}
