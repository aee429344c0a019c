using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// A case as one reader may see it. For the Secretariat it is the whole case, in the shape of <see cref="SaveCaseRequest"/>:
/// every detail with its id and visibility, every figure with its provenance, so that what the API returns can be sent
/// back unchanged and change nothing.
/// </summary>
public sealed record CaseDetails
{
    public required int Id { get; init; }
    public required string Title { get; init; }

    /// <summary>Null when the reader may not see the summary.</summary>
    public string? Summary { get; init; }

    public Visibility SummaryVisibility { get; init; }
    public required CaseStatus Status { get; init; }
    public required Visibility Visibility { get; init; }

    /// <summary>Send it back with an edit: a case changed since by someone else is then refused instead of overwritten.</summary>
    public int Version { get; init; }

    public required bool IsSynthetic { get; init; }

    /// <summary>The reporting States' figures for a stage differ (see Case.FiguresDisagree).</summary>
    public bool FiguresDisagree { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<CaseStateDetail> States { get; init; }
    public required IReadOnlyList<string> Offences { get; init; }
    public required IReadOnlyList<ProceedingItem> Proceedings { get; init; }

    /// <summary>The timeline: measures in date order, each in its original currency with its US-dollar figure once a rate exists.</summary>
    public required IReadOnlyList<MeasureItem> Measures { get; init; }

    public required IReadOnlyList<VictimItem> Victims { get; init; }
    public required IReadOnlyList<ThirdPartyItem> ThirdParties { get; init; }
    public required IReadOnlyList<ChallengeItem> Challenges { get; init; }
    public required IReadOnlyList<SourceItem> Sources { get; init; }
}

public sealed record CaseStateDetail(int Id, string State, StateRole Role, Visibility Visibility);

public sealed record ProceedingItem(int Id, string Route, string? State, string Description, Visibility Visibility);

/// <param name="ReportedBy">The State whose account the figure belongs to; null for the Secretariat's own figure.</param>
/// <param name="SubmissionId">The submission it came from; null for the Secretariat's figures and corrections.</param>
/// <param name="SourceCell">Sheet and cell in the State's workbook.</param>
public sealed record MeasureItem(int Id, Stage Stage, AssetType AssetType, decimal Amount, string Currency, string Date, string? State, string? Note, string? ExcessReason,
    Visibility Visibility, decimal? Usd, DateOnly? UsdRateDate, string? ReportedBy, int? SubmissionId, string? SourceCell)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public PartialDate PartialDate => Common.PartialDate.Parse(Date);

    /// <summary>A State's figure the Secretariat has since changed (the original is in the case history).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool CorrectedBySecretariat => ReportedBy is not null && SubmissionId is null;
}

public sealed record VictimItem(int Id, VictimKind Kind, string Description, decimal? CompensationOrdered, decimal? CompensationPaid, string? Currency, Visibility Visibility);

public sealed record ThirdPartyItem(int Id, ThirdPartyKind Kind, string Description, string? Outcome, Visibility Visibility);

/// <param name="State">The State that met the challenge, unless the reader may not see that State's part in the case.</param>
/// <param name="ProceedingRoute">The legal route of the proceeding it arose in, when the reader may see such a proceeding.</param>
public sealed record ChallengeItem(string Code, string? Note, string? State = null, string? ProceedingRoute = null);

public sealed record SourceItem(int Id, SourceKind Kind, string? State, string? Url, string Title, DateOnly? Date, Visibility Visibility);

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
        var sight = new CaseSight(reader, c.States.Select(s => (s.StateCode, s.Visibility)));
        bool Sees(Visibility v) => sight.Sees(v);
        string? Named(string? state) => sight.Named(state);
        return new CaseDetails
        {
            Id = c.Id,
            Title = c.Title,
            Summary = Sees(c.SummaryVisibility) ? c.Summary : null,
            SummaryVisibility = c.SummaryVisibility,
            Status = c.Status,
            Visibility = c.Visibility,
            Version = c.Version,
            IsSynthetic = c.IsSynthetic,
            // Whether the two sides' accounts differ, judged on the figures this reader may see: a hidden account is not hinted at.
            FiguresDisagree = Case.Disagree(c.Measures.Where(m => Sees(m.Visibility))),
            UpdatedAt = c.UpdatedAt,
            States = [.. c.States.Where(s => Sees(s.Visibility)).OrderBy(s => s.Role).ThenBy(s => s.StateCode, StringComparer.Ordinal)
                .Select(s => new CaseStateDetail(s.Id, s.StateCode, s.Role, s.Visibility))],
            Offences = [.. c.Offences.Select(o => o.OffenceCode).Order(StringComparer.Ordinal)],
            Proceedings = [.. c.Proceedings.Where(p => Sees(p.Visibility)).OrderBy(p => p.Id).Select(p => new ProceedingItem(p.Id, p.RouteCode, Named(p.StateCode), p.Description, p.Visibility))],
            Measures = [.. c.Measures.Where(m => Sees(m.Visibility)).OrderBy(m => m.Date).ThenBy(m => m.Stage).ThenBy(m => m.Id)
                .Select(m => new MeasureItem(m.Id, m.Stage, m.AssetType, Amounts.Normalize(m.Amount), m.Currency, m.Date.ToString(), Named(m.StateCode), m.Note, m.ExcessReason, m.Visibility,
                    Amounts.Normalize(m.UsdAmount), m.UsdRateDate, Named(m.ReportingState), Named(m.ReportingState) is null ? null : m.SubmissionId, Named(m.ReportingState) is null ? null : m.SourceCell))],
            Victims = [.. c.Victims.Where(v => Sees(v.Visibility)).OrderBy(v => v.Id)
                .Select(v => new VictimItem(v.Id, v.Kind, v.Description, Amounts.Normalize(v.OrderedAmount), Amounts.Normalize(v.PaidAmount), v.OrderedCurrency ?? v.PaidCurrency, v.Visibility))],
            ThirdParties = [.. c.ThirdParties.Where(t => Sees(t.Visibility)).OrderBy(t => t.Id).Select(t => new ThirdPartyItem(t.Id, t.Kind, t.Description, t.Outcome, t.Visibility))],
            Challenges = [.. c.Challenges.OrderBy(ch => ch.ChallengeCode, StringComparer.Ordinal).Select(ch => new ChallengeItem(ch.ChallengeCode, ch.Note, Named(ch.StateCode),
                c.Proceedings.Any(p => p.RouteCode == ch.ProceedingRoute && Sees(p.Visibility)) ? ch.ProceedingRoute : null))],
            Sources = [.. c.Sources.Where(s => Sees(s.Visibility)).OrderBy(s => s.Id).Select(s => new SourceItem(s.Id, s.Kind, Named(s.StateCode), s.Url, s.Title, s.Date, s.Visibility))],
        };
    }
}

/// <summary>
/// What one reader may see of one case: the single place where the case API (<see cref="GetCase.Project"/>) and the
/// flat exports (<see cref="ExportCases"/>) decide which details a reader sees and which States other details may name.
/// </summary>
public sealed class CaseSight
{
    private readonly CaseReader _reader;
    private readonly string[] _caseStates;
    private readonly HashSet<string>? _hidden;

    /// <param name="states">Every State of the case with the visibility of its part, whether the reader sees it or not (a
    /// focal point sees the restricted details of a case its own States are in, whatever their part's visibility).</param>
    public CaseSight(CaseReader reader, IEnumerable<(string State, Visibility Visibility)> states)
    {
        _reader = reader;
        var all = states as IReadOnlyCollection<(string State, Visibility Visibility)> ?? [.. states];
        _caseStates = [.. all.Select(s => s.State)];

        // A State whose part in the case the reader may not see is not named by any other detail either (the State a
        // proceeding or measure took place in, the State that reported a figure or a source).
        foreach (var (state, visibility) in all)
        {
            if (!Sees(visibility) && !all.Any(s => s.State == state && Sees(s.Visibility)))
            {
                (_hidden ??= new HashSet<string>(StringComparer.Ordinal)).Add(state);
            }
        }
    }

    /// <summary>Whether the reader may read a detail of this case with <paramref name="visibility"/>.</summary>
    public bool Sees(Visibility visibility) => _reader.Sees(visibility, _caseStates);

    /// <summary>The State as another detail may name it: null when the reader may not see that State's part in the case.</summary>
    public string? Named(string? state) => state is not null && _hidden is not null && _hidden.Contains(state) ? null : state;
}
