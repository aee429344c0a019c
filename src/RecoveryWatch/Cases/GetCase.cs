using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

public sealed record CaseDetails
{
    public required int Id { get; init; }
    public required string Title { get; init; }

    /// <summary>Null when the reader may not see the summary.</summary>
    public string? Summary { get; init; }

    public required CaseStatus Status { get; init; }
    public required Visibility Visibility { get; init; }
    public required bool IsSynthetic { get; init; }

    /// <summary>The reporting States' figures for a stage differ (see Case.FiguresDisagree).</summary>
    public bool FiguresDisagree { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<CaseStateItem> States { get; init; }
    public required IReadOnlyList<string> Offences { get; init; }
    public required IReadOnlyList<ProceedingItem> Proceedings { get; init; }

    /// <summary>The timeline: measures in date order, each in its original currency with its US-dollar figure once a rate exists.</summary>
    public required IReadOnlyList<MeasureItem> Measures { get; init; }

    public required IReadOnlyList<VictimItem> Victims { get; init; }
    public required IReadOnlyList<ThirdPartyItem> ThirdParties { get; init; }
    public required IReadOnlyList<ChallengeItem> Challenges { get; init; }
    public required IReadOnlyList<SourceItem> Sources { get; init; }
}

public sealed record ProceedingItem(string Route, string? State, string Description);

public sealed record MeasureItem(Stage Stage, AssetType AssetType, decimal Amount, string Currency, string Date, string? State, string? Note, string? ExcessReason, decimal? Usd, DateOnly? UsdRateDate, string? ReportedBy = null, string? SourceCell = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public PartialDate PartialDate => Common.PartialDate.Parse(Date);
}

public sealed record VictimItem(VictimKind Kind, string Description, decimal? CompensationOrdered, decimal? CompensationPaid, string? Currency);

public sealed record ThirdPartyItem(ThirdPartyKind Kind, string Description, string? Outcome);

public sealed record ChallengeItem(string Code, string? Note);

public sealed record SourceItem(SourceKind Kind, string? State, string? Url, string Title, DateOnly? Date);

/// <summary>Reads one case with only the details the reader may see.</summary>
public sealed class GetCase(RecoveryWatchDbContext db)
{
    public async Task<CaseDetails> HandleAsync(int id, CaseReader reader, CancellationToken cancellationToken = default)
    {
        var entity = await SaveCase.LoadWholeCase(db.Cases.AsNoTracking().VisibleTo(reader), id, cancellationToken)
            ?? throw new NotFoundException($"Case {id} does not exist or is not visible to the reader.");
        return Project(entity, reader);
    }

    public static CaseDetails Project(Case c, CaseReader reader)
    {
        var caseStates = c.States.Select(s => s.StateCode).ToList();
        bool Sees(Visibility v) => reader.Sees(v, caseStates);
        return new CaseDetails
        {
            Id = c.Id,
            Title = c.Title,
            Summary = Sees(c.SummaryVisibility) ? c.Summary : null,
            Status = c.Status,
            Visibility = c.Visibility,
            IsSynthetic = c.IsSynthetic,
            FiguresDisagree = c.FiguresDisagree,
            UpdatedAt = c.UpdatedAt,
            States = [.. c.States.Where(s => Sees(s.Visibility)).OrderBy(s => s.Role).Select(s => new CaseStateItem(s.StateCode, s.Role))],
            Offences = [.. c.Offences.Select(o => o.OffenceCode).Order(StringComparer.Ordinal)],
            Proceedings = [.. c.Proceedings.Where(p => Sees(p.Visibility)).Select(p => new ProceedingItem(p.RouteCode, p.StateCode, p.Description))],
            Measures = [.. c.Measures.Where(m => Sees(m.Visibility)).OrderBy(m => m.Date).ThenBy(m => m.Stage)
                .Select(m => new MeasureItem(m.Stage, m.AssetType, Amounts.Normalize(m.Amount), m.Currency, m.Date.ToString(), m.StateCode, m.Note, m.ExcessReason, Amounts.Normalize(m.UsdAmount), m.UsdRateDate, m.ReportingState, m.SourceCell))],
            Victims = [.. c.Victims.Where(v => Sees(v.Visibility)).Select(v => new VictimItem(v.Kind, v.Description, Amounts.Normalize(v.OrderedAmount), Amounts.Normalize(v.PaidAmount), v.OrderedCurrency ?? v.PaidCurrency))],
            ThirdParties = [.. c.ThirdParties.Where(t => Sees(t.Visibility)).Select(t => new ThirdPartyItem(t.Kind, t.Description, t.Outcome))],
            Challenges = [.. c.Challenges.Select(ch => new ChallengeItem(ch.ChallengeCode, ch.Note))],
            Sources = [.. c.Sources.Where(s => Sees(s.Visibility)).Select(s => new SourceItem(s.Kind, s.StateCode, s.Url, s.Title, s.Date))],
        };
    }
}
