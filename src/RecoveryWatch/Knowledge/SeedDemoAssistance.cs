using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// Demo technical-assistance needs for a few States and one activity that answered two of them, so a newcomer sees the
/// unmet table filled at first start. Synthetic, like the demo cases, and loaded once: nothing is added when any need
/// is already stored.
/// </summary>
public sealed class SeedDemoAssistance(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const string Actor = "system:demo";

    public async Task HandleAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<AssistanceNeed>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        AssistanceNeed Need(string state, string area, AssistanceType type, NeedPriority priority, string text, Visibility visibility = Visibility.Public) =>
            new(state, area, type, priority, "Synthetic: " + text, visibility, NeedSource.Secretariat, null, null, null, Actor, now, isSynthetic: true);

        var needs = new[]
        {
            Need("NGA", "AssetTracing", AssistanceType.Training, NeedPriority.High, "training of financial investigators in tracing assets held through foreign companies."),
            Need("NGA", "NonConvictionBasedConfiscation", AssistanceType.LegalAdvice, NeedPriority.Medium, "advice on a draft law on non-conviction-based confiscation."),
            Need("KEN", "CaseManagement", AssistanceType.Tools, NeedPriority.Medium, "a case management system for the asset recovery agency."),
            Need("UKR", "AssetManagement", AssistanceType.CaseMentoring, NeedPriority.High, "mentoring on the management of seized real estate.", Visibility.StatesParties),
            Need("PER", "MutualLegalAssistance", AssistanceType.Training, NeedPriority.Low, "training on drafting requests for mutual legal assistance."),
            Need("MYS", "BeneficialOwnership", AssistanceType.LegalAdvice, NeedPriority.High, "advice on access to beneficial ownership registers abroad.", Visibility.Secretariat),
        };
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.AddRange(needs);
        await db.SaveChangesAsync(cancellationToken);

        var activity = new AssistanceActivity("Synthetic: regional workshop on financial investigations", "UNODC / StAR", new DateOnly(2020, 2, 10), new DateOnly(2020, 2, 14),
            "Synthetic demonstration activity.", Visibility.Public, Actor, now, isSynthetic: true);
        activity.Benefit(["KEN", "NGA"]);
        activity.Answer([needs[0].Id]);
        needs[0].Move(NeedStatus.InProgress);
        needs[0].Changed(now);
        db.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
