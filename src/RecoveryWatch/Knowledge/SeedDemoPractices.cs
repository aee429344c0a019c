using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// A few published demo practices, in more than one language, so the collection, its search and its feed have something to
/// show. Synthetic like the demo cases, and said so. Loaded once: nothing is added to a database that has practices.
/// </summary>
public sealed class SeedDemoPractices(RecoveryWatchDbContext db, SavePractice save)
{
    public async Task<int> HandleAsync(string actor, CancellationToken cancellationToken = default)
    {
        if (await db.GoodPractices.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var added = 0;
        foreach (var (state, document) in Demo())
        {
            var id = await save.CreateAsync(document with { State = state }, PracticeActor.Secretariat, actor, isSynthetic: true, cancellationToken);
            var version = (await db.GoodPractices.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken)).Version;
            await save.ApplyAsync(id, PracticeAction.Publish, version, PracticeActor.Secretariat, actor, cancellationToken);
            added++;
        }

        return added;
    }

    private static IEnumerable<(string? State, GoodPracticeDocument Document)> Demo()
    {
        yield return (null, new GoodPracticeDocument
        {
            Title = "Designating a single central authority for asset-recovery requests",
            Summary = "One office receives, tracks and answers every incoming request for mutual legal assistance in asset recovery, so that counterparts know whom to call.",
            Body = "## What was done\n\nA State designated **one central authority** (UNCAC art. 46(13)) for all asset-recovery requests and published its contact details.\n\n"
                + "## Why it helped\n\n- requests no longer circulated between ministries;\n- informal contact before a formal request became routine;\n- deadlines were tracked in one register.\n\n"
                + "See the [UNODC asset recovery page](https://www.unodc.org/unodc/en/corruption/asset-recovery.html).",
            Language = "en",
            OtherLanguages = ["fr"],
            Stages = [Stage.Frozen, Stage.Seized],
            Routes = ["Art54_1a"],
            Challenges = ["LackOfCommunicationChannels", "MutualLegalAssistanceDelays"],
        });
        yield return ("FRA", new GoodPracticeDocument
        {
            Title = "Une agence de gestion des avoirs saisis et confisqués",
            Summary = "Une agence spécialisée gère les biens saisis, les vend avant jugement lorsqu'ils se déprécient et restitue le produit aux victimes.",
            Body = "## Description\n\nL'agence gère les biens saisis (comptes, immeubles, véhicules) pour le compte des juridictions.\n\n"
                + "1. vente avant jugement des biens qui se déprécient ;\n2. affectation sociale des immeubles confisqués ;\n3. **restitution** du produit aux États requérants (art. 57 de la Convention).",
            Language = "fr",
            Stages = [Stage.Seized, Stage.Confiscated, Stage.Returned],
            Routes = ["Art57_3a"],
            Challenges = ["AssetManagementAndDisposal"],
        });
        yield return ("CHN", new GoodPracticeDocument
        {
            Title = "建立追逃追赃国际合作协调机制",
            Summary = "由一个协调机构统一处理追回资产的国际合作请求，并与被请求国保持直接联系。",
            Body = "## 做法\n\n设立**追逃追赃协调机构**，统一对外提出和答复资产追回请求。\n\n- 与被请求国建立直接联络渠道；\n- 在正式请求前进行非正式磋商；\n- 跟踪每项请求的办理期限。",
            Language = "zh",
            OtherLanguages = ["en"],
            Stages = [Stage.Frozen, Stage.Returned],
            Routes = ["Art54_1a", "Art57_3a"],
            Challenges = ["LackOfCommunicationChannels"],
        });
    }
}
