using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

/// <summary>
/// Demo data for the information cycle: the 2020 collection under resolution 8/9 asked of ten States, with answers in
/// different statuses (one submitted and awaiting review, one sent back for clarification, one validated whose case waits
/// as a draft for the Secretariat to publish it, one drafting, the rest not started), so a newcomer sees the cycle at first
/// start. The answers are synthetic, like the demo cases.
/// </summary>
public sealed class SeedDemoRound(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const string Code = "2020-RES-8-9";

    public async Task HandleAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Rounds.AnyAsync(r => r.Code == Code, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var round = new InformationRound(
            Code,
            new LocalizedText([new("en", "Collection of information on international asset recovery cases, 2020"), new("fr", "Collecte d'informations sur les affaires internationales de recouvrement d'avoirs, 2020")]),
            "resolution 8/9",
            new DateOnly(2000, 1, 1),
            new DateOnly(2020, 6, 30),
            new DateTimeOffset(2020, 9, 30, 22, 0, 0, TimeSpan.Zero),
            Questionnaire.Version);
        round.Ask(["CHE", "GBR", "NGA", "USA", "FRA", "BRA", "UKR", "MYS", "PER", "KEN"]);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);

        var submitted = Demo(round.Id, "CHE", now, "Synthetic: frozen accounts of a former minister's relatives", "NGA", StateRole.Requested,
            [(Stage.Frozen, 12_500_000m, "CHF", "2016-04"), (Stage.Confiscated, 9_800_000m, "CHF", "2019-11")]);
        var clarification = Demo(round.Id, "GBR", now, "Synthetic: London property bought with diverted oil revenues", "UKR", StateRole.Requested,
            [(Stage.Frozen, 3_200_000m, "GBP", "2018")]);
        db.Submissions.AddRange(submitted, clarification);
        await db.SaveChangesAsync(cancellationToken);
        clarification.RequestClarification([new SubmissionComment(Questionnaire.MeasuresSheet, 3, "Please give the month of the freezing order and say whether it is still in force.", "system:demo", now)]);
        var states = round.States.ToDictionary(s => s.StateCode);
        states["CHE"].Set(RoundStateStatus.Submitted, now);
        states["GBR"].Set(RoundStateStatus.ClarificationRequested, now);
        states["NGA"].Set(RoundStateStatus.Draft, now);
        states["FRA"].Set(RoundStateStatus.Submitted, now);
        var validated = Demo(round.Id, "FRA", now, "Synthetic case: apartments in Paris bought with misappropriated public funds", "NGA", StateRole.Requested,
            [(Stage.Frozen, 6_400_000m, "EUR", "2017-09"), (Stage.Confiscated, 5_900_000m, "EUR", "2019-12")]);
        db.Submissions.Add(validated);
        await db.SaveChangesAsync(cancellationToken);
        // Validated as the Secretariat would: the case it proposes stays a draft, with its proposed summary and source, until
        // someone publishes it, so the demo shows that step too.
        await new ReviewSubmission(db, clock, new Reconciliation(db, clock)).ValidateAsync(validated.Id, "system:demo", isSynthetic: true, cancellationToken);
    }

    private static Submission Demo(int roundId, string state, DateTimeOffset now, string title, string counterpart, StateRole role, (Stage Stage, decimal Amount, string Currency, string Date)[] measures)
    {
        var submission = new Submission(roundId, state, SubmissionChannel.Online, "system:demo", now, null, null, null);
        submission.Add(new SubmittedCase(3, null, "DEMO-1", title, counterpart, role, "Art17;Art23", "Art54_2", "Synthetic demonstration answer."));
        var row = Questionnaire.FirstDataRow;
        foreach (var (stage, amount, currency, date) in measures)
        {
            submission.Add(new SubmittedMeasure(row++, "DEMO-1", stage, AssetType.BankFunds, amount, currency, PartialDate.Parse(date), null, null));
        }

        return submission;
    }
}
