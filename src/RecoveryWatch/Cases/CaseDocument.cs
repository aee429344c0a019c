using System.Globalization;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>
/// A whole case as the Secretariat writes it: the same shape for the form, the API and the command line, and the shape
/// <c>GET /api/v1/cases/{id}</c> returns, so that what a client reads it can send back. Each child carries the id of the
/// stored detail it stands for: an edit that leaves a detail unchanged keeps it, with its provenance. Fields marked
/// read-only are returned by the API and ignored on input.
/// </summary>
public sealed record SaveCaseRequest
{
    /// <summary>Read-only.</summary>
    public int? Id { get; init; }

    public string? Title { get; init; }
    public string? Summary { get; init; }
    public Visibility SummaryVisibility { get; init; }
    public Visibility Visibility { get; init; }
    public CaseStatus Status { get; init; }

    /// <summary>The version the client read (from GET). When given, an update made since by someone else is refused (409)
    /// instead of being overwritten.</summary>
    public int? Version { get; init; }

    /// <summary>Read-only: demo data made by <c>seed-demo</c>.</summary>
    public bool? IsSynthetic { get; init; }

    /// <summary>Read-only: two States' accounts of a stage differ.</summary>
    public bool? FiguresDisagree { get; init; }

    /// <summary>Read-only.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    public List<CaseStateInput> States { get; init; } = [];
    public List<string> Offences { get; init; } = [];
    public List<ProceedingInput> Proceedings { get; init; } = [];
    public List<MeasureInput> Measures { get; init; } = [];
    public List<VictimInput> Victims { get; init; } = [];
    public List<ThirdPartyInput> ThirdParties { get; init; } = [];
    public List<ChallengeInput> Challenges { get; init; } = [];
    public List<SourceInput> Sources { get; init; } = [];

    /// <summary>The document of a stored case, every detail with its id, visibility and provenance: the edit form's
    /// starting point, the Secretariat's API read model and the audit log's before/after snapshots.</summary>
    public static SaveCaseRequest From(Case c) => new()
    {
        Id = c.Id,
        Title = c.Title,
        Summary = c.Summary,
        SummaryVisibility = c.SummaryVisibility,
        Visibility = c.Visibility,
        Status = c.Status,
        Version = c.Version,
        IsSynthetic = c.IsSynthetic,
        FiguresDisagree = c.FiguresDisagree,
        UpdatedAt = c.UpdatedAt,
        States = [.. c.States.OrderBy(s => s.Role).ThenBy(s => s.StateCode, StringComparer.Ordinal).Select(s => new CaseStateInput { Id = s.Id, State = s.StateCode, Role = s.Role, Visibility = s.Visibility })],
        Offences = [.. c.Offences.Select(o => o.OffenceCode).Order(StringComparer.Ordinal)],
        Proceedings = [.. c.Proceedings.OrderBy(p => p.Id).Select(p => new ProceedingInput { Id = p.Id, Route = p.RouteCode, State = p.StateCode, Description = p.Description, Visibility = p.Visibility })],
        Measures = [.. c.Measures.OrderBy(m => m.Date).ThenBy(m => m.Stage).ThenBy(m => m.Id).Select(m => new MeasureInput
        {
            Id = m.Id,
            Stage = m.Stage,
            AssetType = m.AssetType,
            Amount = Amounts.Normalize(m.Amount),
            Currency = m.Currency,
            Date = m.Date.ToString(),
            State = m.StateCode,
            Note = m.Note,
            ExcessReason = m.ExcessReason,
            Visibility = m.Visibility,
            Usd = Amounts.Normalize(m.UsdAmount),
            UsdRateDate = m.UsdRateDate,
            ReportedBy = m.ReportingState,
            SubmissionId = m.SubmissionId,
            SourceCell = m.SourceCell,
        })],
        Victims = [.. c.Victims.OrderBy(v => v.Id).Select(v => new VictimInput
        {
            Id = v.Id,
            Kind = v.Kind,
            Description = v.Description,
            CompensationOrdered = Amounts.Normalize(v.OrderedAmount),
            CompensationPaid = Amounts.Normalize(v.PaidAmount),
            Currency = v.OrderedCurrency ?? v.PaidCurrency,
            Visibility = v.Visibility,
        })],
        ThirdParties = [.. c.ThirdParties.OrderBy(t => t.Id).Select(t => new ThirdPartyInput { Id = t.Id, Kind = t.Kind, Description = t.Description, Outcome = t.Outcome, Visibility = t.Visibility })],
        Challenges = [.. c.Challenges.OrderBy(ch => ch.ChallengeCode, StringComparer.Ordinal).Select(ch => new ChallengeInput { Code = ch.ChallengeCode, Note = ch.Note, State = ch.StateCode, ProceedingRoute = ch.ProceedingRoute })],
        Sources = [.. c.Sources.OrderBy(s => s.Id).Select(s => new SourceInput
        {
            Id = s.Id,
            Kind = s.Kind,
            State = s.StateCode,
            Url = s.Url,
            Title = s.Title,
            Date = s.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Visibility = s.Visibility,
        })],
    };
}

public sealed record CaseStateInput
{
    public int? Id { get; init; }
    public string? State { get; init; }
    public StateRole Role { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record ProceedingInput
{
    public int? Id { get; init; }
    public string? Route { get; init; }
    public string? State { get; init; }
    public string? Description { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record MeasureInput
{
    public int? Id { get; init; }
    public Stage Stage { get; init; } = Stage.Frozen;
    public AssetType AssetType { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }

    /// <summary>ISO 8601 year, year-month or date: "2019", "2019-03", "2019-03-14".</summary>
    public string? Date { get; init; }

    public string? State { get; init; }
    public string? Note { get; init; }
    public string? ExcessReason { get; init; }
    public Visibility Visibility { get; init; }

    /// <summary>Read-only: the US-dollar figure at the rate of <see cref="UsdRateDate"/>.</summary>
    public decimal? Usd { get; init; }

    /// <summary>Read-only.</summary>
    public DateOnly? UsdRateDate { get; init; }

    /// <summary>Read-only: the State whose account the figure belongs to (null: the Secretariat's own figure).</summary>
    public string? ReportedBy { get; init; }

    /// <summary>Read-only: the submission the figure came from (null once the Secretariat corrected it).</summary>
    public int? SubmissionId { get; init; }

    /// <summary>Read-only: the sheet and cell of the figure in the State's workbook, e.g. "Measures!D17".</summary>
    public string? SourceCell { get; init; }
}

public sealed record VictimInput
{
    public int? Id { get; init; }
    public VictimKind Kind { get; init; }
    public string? Description { get; init; }
    public decimal? CompensationOrdered { get; init; }
    public decimal? CompensationPaid { get; init; }
    public string? Currency { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record ThirdPartyInput
{
    public int? Id { get; init; }
    public ThirdPartyKind Kind { get; init; }
    public string? Description { get; init; }
    public string? Outcome { get; init; }
    public Visibility Visibility { get; init; }
}

/// <summary>A challenge of the taxonomy met in the case: one per code, so the code is its identity.</summary>
public sealed record ChallengeInput
{
    public string? Code { get; init; }
    public string? Note { get; init; }

    /// <summary>Optional: the State of the case that met the challenge.</summary>
    public string? State { get; init; }

    /// <summary>Optional: the legal route of the case's proceeding the challenge arose in (e.g. "Art54_1a").</summary>
    public string? ProceedingRoute { get; init; }
}

public sealed record SourceInput
{
    public int? Id { get; init; }
    public SourceKind Kind { get; init; }
    public string? State { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }

    /// <summary>ISO 8601 date of the submission or publication.</summary>
    public string? Date { get; init; }

    public Visibility Visibility { get; init; }
}
