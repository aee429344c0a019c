using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

public enum CaseStatus
{
    Draft,
    Published,
}

/// <summary>
/// The canonical record of one international asset-recovery matter in the Asset Recovery Watch database
/// (COSP resolution 8/9, para. on updating the database). One record per matter even when both the requesting and the
/// requested State report it. Children are replaced as a whole on edit, through <see cref="Replace"/>, so the rules below
/// are checked on the complete picture.
/// </summary>
public sealed class Case
{
    private readonly List<CaseState> _states = [];
    private readonly List<CaseOffence> _offences = [];
    private readonly List<Proceeding> _proceedings = [];
    private readonly List<AssetMeasure> _measures = [];
    private readonly List<Victim> _victims = [];
    private readonly List<ThirdPartyClaim> _thirdParties = [];
    private readonly List<CaseChallenge> _challenges = [];
    private readonly List<CaseSource> _sources = [];

    private Case()
    {
    }

    public Case(string title, bool isSynthetic, DateTimeOffset now)
    {
        Title = title;
        IsSynthetic = isSynthetic;
        CreatedAt = now;
        UpdatedAt = now;
        Version++;
    }

    public int Id { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public string Summary { get; private set; } = string.Empty;
    public Visibility SummaryVisibility { get; private set; }

    /// <summary>Who may see that the case exists at all.</summary>
    public Visibility Visibility { get; private set; }

    public CaseStatus Status { get; private set; }

    /// <summary>Demo data made by <c>seed-demo</c>: said on the case page and in every export.</summary>
    public bool IsSynthetic { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409), not applied twice.</summary>
    public int Version { get; private set; }

    /// <summary>Lower-cased title and summary, kept for case-insensitive free-text search on both databases.</summary>
    public string TitleSearch { get; private set; } = string.Empty;
    public string SummarySearch { get; private set; } = string.Empty;

    /// <summary>
    /// Set when two reporting States give different figures for the same stage and currency. Totals then follow the rule of
    /// <see cref="Analytics.VolumeStatistics"/>: the requested State's figures for freezing, seizure and confiscation, the
    /// requesting (receiving) State's for returns.
    /// </summary>
    public bool FiguresDisagree { get; private set; }

    /// <summary>Earliest and latest year of the case's measures (derived; for the year-range filter and sorting).</summary>
    public int? FirstYear { get; private set; }
    public int? LastYear { get; private set; }

    public IReadOnlyCollection<CaseState> States => _states;
    public IReadOnlyCollection<CaseOffence> Offences => _offences;
    public IReadOnlyCollection<Proceeding> Proceedings => _proceedings;
    public IReadOnlyCollection<AssetMeasure> Measures => _measures;
    public IReadOnlyCollection<Victim> Victims => _victims;
    public IReadOnlyCollection<ThirdPartyClaim> ThirdParties => _thirdParties;
    public IReadOnlyCollection<CaseChallenge> Challenges => _challenges;
    public IReadOnlyCollection<CaseSource> Sources => _sources;

    public void Describe(string title, string summary, Visibility summaryVisibility, Visibility visibility, CaseStatus status, DateTimeOffset now)
    {
        Title = title;
        Summary = summary;
        SummaryVisibility = summaryVisibility;
        Visibility = visibility;
        Status = status;
        TitleSearch = title.ToLowerInvariant();
        SummarySearch = summary.ToLowerInvariant();
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Takes in another report of the same matter (reconciliation): its States, offences, proceedings, figures with
    /// their provenance, victims, third parties, challenges and sources.</summary>
    public void MergeFrom(Case other, DateTimeOffset now)
    {
        foreach (var s in other._states.Where(s => !_states.Any(o => o.StateCode == s.StateCode && o.Role == s.Role)))
        {
            _states.Add(new CaseState(s.StateCode, s.Role, s.Visibility));
        }

        foreach (var o in other._offences.Where(o => _offences.All(x => x.OffenceCode != o.OffenceCode)))
        {
            _offences.Add(new CaseOffence(o.OffenceCode));
        }

        _proceedings.AddRange(other._proceedings.Select(p => new Proceeding(p.RouteCode, p.StateCode, p.Description, p.Visibility)));
        foreach (var m in other._measures)
        {
            var copy = new AssetMeasure(m.Stage, m.AssetType, m.Money, m.Date, m.StateCode, m.Note, m.ExcessReason, m.Visibility);
            if (m.SubmissionId is { } submission)
            {
                copy.ReportedBy(submission, m.ReportingState!, m.SourceCell!);
            }

            if (m.UsdAmount is not null && m.UsdRateDate is { } rateDate)
            {
                copy.ConvertToUsd(m.UsdAmount.Value / m.Amount, rateDate);
            }

            _measures.Add(copy);
        }

        _victims.AddRange(other._victims.Select(v => new Victim(v.Kind, v.Description, v.CompensationOrdered, v.CompensationPaid, v.Visibility)));
        _thirdParties.AddRange(other._thirdParties.Select(t => new ThirdPartyClaim(t.Kind, t.Description, t.Outcome, t.Visibility)));
        foreach (var c in other._challenges.Where(c => _challenges.All(x => x.ChallengeCode != c.ChallengeCode)))
        {
            _challenges.Add(new CaseChallenge(c.ChallengeCode, c.Note));
        }

        _sources.AddRange(other._sources.Select(s => new CaseSource(s.Kind, s.StateCode, s.Url, s.Title, s.Date, s.Visibility)));
        FiguresDisagree = _measures.Where(m => m.ReportingState is not null)
            .GroupBy(m => (m.Stage, m.Currency))
            .Any(g => g.GroupBy(m => m.ReportingState).Select(r => r.Sum(m => m.Amount)).Distinct().Count() > 1);
        FirstYear = _measures.Count == 0 ? null : _measures.Min(m => m.Year);
        LastYear = _measures.Count == 0 ? null : _measures.Max(m => m.Year);
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Adds the victims, third parties and challenges a State reported for this case.</summary>
    public void AddReportedDetails(IEnumerable<Victim> victims, IEnumerable<ThirdPartyClaim> thirdParties, IEnumerable<CaseChallenge> challenges, DateTimeOffset now)
    {
        _victims.AddRange(victims);
        _thirdParties.AddRange(thirdParties);
        foreach (var challenge in challenges.Where(c => _challenges.All(x => x.ChallengeCode != c.ChallengeCode)))
        {
            _challenges.Add(challenge);
        }

        UpdatedAt = now;
        Version++;
    }

    /// <summary>Adds figures a State reported for this case (after the Secretariat validated its submission).</summary>
    public void AddReported(IEnumerable<AssetMeasure> measures, CaseSource source, DateTimeOffset now)
    {
        _measures.AddRange(measures);
        if (!_sources.Any(s => s.Kind == source.Kind && s.StateCode == source.StateCode && s.Title == source.Title))
        {
            _sources.Add(source);
        }

        FirstYear = _measures.Count == 0 ? null : _measures.Min(m => m.Year);
        LastYear = _measures.Count == 0 ? null : _measures.Max(m => m.Year);
        UpdatedAt = now;
        Version++;
    }

    public void Replace(
        IEnumerable<CaseState> states,
        IEnumerable<CaseOffence> offences,
        IEnumerable<Proceeding> proceedings,
        IEnumerable<AssetMeasure> measures,
        IEnumerable<Victim> victims,
        IEnumerable<ThirdPartyClaim> thirdParties,
        IEnumerable<CaseChallenge> challenges,
        IEnumerable<CaseSource> sources)
    {
        ReplaceAll(_states, states);
        ReplaceAll(_offences, offences);
        ReplaceAll(_proceedings, proceedings);
        ReplaceAll(_measures, measures);
        ReplaceAll(_victims, victims);
        ReplaceAll(_thirdParties, thirdParties);
        ReplaceAll(_challenges, challenges);
        ReplaceAll(_sources, sources);
        FirstYear = _measures.Count == 0 ? null : _measures.Min(m => m.Year);
        LastYear = _measures.Count == 0 ? null : _measures.Max(m => m.Year);
    }

    /// <summary>
    /// Returns cannot exceed what was confiscated in the same case and currency unless a reason is recorded on the return
    /// (e.g. assets returned under a settlement or an art. 57(5) agreement without a confiscation order, or accrued interest).
    /// Stages are compared per currency and never summed across stages.
    /// </summary>
    public static IEnumerable<(int Index, decimal Returned, decimal Confiscated, string Currency)> ReturnsExceedingConfiscation(
        IReadOnlyList<AssetMeasure> measures)
    {
        foreach (var byCurrency in measures.GroupBy(m => m.Currency))
        {
            var confiscated = byCurrency.Where(m => m.Stage == Stage.Confiscated).Sum(m => m.Amount);
            var returned = byCurrency.Where(m => m.Stage == Stage.Returned).Sum(m => m.Amount);
            if (returned <= confiscated)
            {
                continue;
            }

            var unexplained = byCurrency.Where(m => m.Stage == Stage.Returned && string.IsNullOrWhiteSpace(m.ExcessReason)).ToList();
            foreach (var measure in unexplained)
            {
                yield return (IndexOf(measures, measure), returned, confiscated, byCurrency.Key);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<AssetMeasure> list, AssetMeasure item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    private static void ReplaceAll<T>(List<T> target, IEnumerable<T> items)
    {
        target.Clear();
        target.AddRange(items);
    }
}

/// <summary>A detail of a case with its own visibility (a State, a proceeding, a measure, a victim, a third party, a source).</summary>
public interface ICaseDetail
{
    int CaseId { get; }

    Visibility Visibility { get; }
}

/// <summary>A State involved in a case and its role.</summary>
public sealed class CaseState : ICaseDetail
{
    public CaseState(string stateCode, StateRole role, Visibility visibility)
    {
        StateCode = stateCode;
        Role = role;
        Visibility = visibility;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string StateCode { get; private set; }
    public StateRole Role { get; private set; }
    public Visibility Visibility { get; private set; }
}

/// <summary>An offence established under UNCAC chapter III (arts. 15–25) on which the case rests.</summary>
public sealed class CaseOffence
{
    public CaseOffence(string offenceCode) => OffenceCode = offenceCode;

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string OffenceCode { get; private set; }
}

/// <summary>A legal route of UNCAC chapter V taken in a State, with what happened in it.</summary>
public sealed class Proceeding : ICaseDetail
{
    public Proceeding(string routeCode, string? stateCode, string description, Visibility visibility)
    {
        RouteCode = routeCode;
        StateCode = stateCode;
        Description = description;
        Visibility = visibility;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string RouteCode { get; private set; }
    public string? StateCode { get; private set; }
    public string Description { get; private set; }
    public Visibility Visibility { get; private set; }
}

/// <summary>
/// A dated measure on assets (freezing, seizure, confiscation, return) in the original currency.
/// The US-dollar figure is derived from a dated exchange rate and kept beside the original amount, never instead of it.
/// </summary>
public sealed class AssetMeasure : ICaseDetail
{
    public AssetMeasure(Stage stage, AssetType assetType, Money amount, PartialDate date, string? stateCode, string? note, string? excessReason, Visibility visibility)
    {
        Stage = stage;
        AssetType = assetType;
        Amount = amount.Amount;
        Currency = amount.Currency;
        Year = date.Year;
        Month = date.Month;
        Day = date.Day;
        StateCode = stateCode;
        Note = note;
        ExcessReason = excessReason;
        Visibility = visibility;
    }

    private AssetMeasure()
    {
        Currency = string.Empty;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public Stage Stage { get; private set; }
    public AssetType AssetType { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public int Year { get; private set; }
    public int? Month { get; private set; }
    public int? Day { get; private set; }

    /// <summary>The State that took the measure (usually the requested State; for returns, the returning State).</summary>
    public string? StateCode { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Why a return may exceed the confiscated amount in the same currency.</summary>
    public string? ExcessReason { get; private set; }

    public Visibility Visibility { get; private set; }

    /// <summary>US-dollar equivalent at <see cref="UsdRateDate"/>; null until a rate for the currency exists.</summary>
    public decimal? UsdAmount { get; private set; }

    public DateOnly? UsdRateDate { get; private set; }

    public Money Money => new(Amount, Currency);

    public PartialDate Date => new(Year, Month, Day);

    /// <summary>Provenance: the submission, reporting State and cell the figure came from (null for figures entered by the Secretariat).</summary>
    public int? SubmissionId { get; private set; }

    public string? ReportingState { get; private set; }

    /// <summary>Sheet and cell of the figure in the State's workbook, e.g. "Measures!D17".</summary>
    public string? SourceCell { get; private set; }

    public void ReportedBy(int submissionId, string state, string cell)
    {
        SubmissionId = submissionId;
        ReportingState = state;
        SourceCell = cell;
    }

    public void ConvertToUsd(decimal usdPerUnit, DateOnly rateDate)
    {
        UsdAmount = decimal.Round(Amount * usdPerUnit, 2, MidpointRounding.ToEven);
        UsdRateDate = rateDate;
    }
}

public enum VictimKind
{
    State,
    NaturalPersons,
    LegalPersons,
    Collective,
}

/// <summary>A victim of the offences (UNCAC art. 35; art. 57(3)(c)) and the compensation ordered and paid.</summary>
public sealed class Victim : ICaseDetail
{
    public Victim(VictimKind kind, string description, Money? compensationOrdered, Money? compensationPaid, Visibility visibility)
    {
        Kind = kind;
        Description = description;
        OrderedAmount = compensationOrdered?.Amount;
        OrderedCurrency = compensationOrdered?.Currency;
        PaidAmount = compensationPaid?.Amount;
        PaidCurrency = compensationPaid?.Currency;
        Visibility = visibility;
    }

    private Victim()
    {
        Description = string.Empty;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public VictimKind Kind { get; private set; }
    public string Description { get; private set; }
    public decimal? OrderedAmount { get; private set; }
    public string? OrderedCurrency { get; private set; }
    public decimal? PaidAmount { get; private set; }
    public string? PaidCurrency { get; private set; }
    public Visibility Visibility { get; private set; }

    public Money? CompensationOrdered => OrderedAmount is { } a && OrderedCurrency is { } c ? new Money(a, c) : null;
    public Money? CompensationPaid => PaidAmount is { } a && PaidCurrency is { } c ? new Money(a, c) : null;
}

public enum ThirdPartyKind
{
    /// <summary>A bona fide purchaser or other claimant whose rights must be protected (UNCAC art. 31(9), 55(9)).</summary>
    BonaFideClaimant,

    /// <summary>A person or entity used to hide the assets (nominee, front company).</summary>
    Concealment,
}

public sealed class ThirdPartyClaim : ICaseDetail
{
    public ThirdPartyClaim(ThirdPartyKind kind, string description, string? outcome, Visibility visibility)
    {
        Kind = kind;
        Description = description;
        Outcome = outcome;
        Visibility = visibility;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public ThirdPartyKind Kind { get; private set; }
    public string Description { get; private set; }
    public string? Outcome { get; private set; }
    public Visibility Visibility { get; private set; }
}

/// <summary>A challenge met in the case, from the Secretariat's taxonomy.</summary>
public sealed class CaseChallenge
{
    public CaseChallenge(string challengeCode, string? note)
    {
        ChallengeCode = challengeCode;
        Note = note;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string ChallengeCode { get; private set; }
    public string? Note { get; private set; }
}

public enum SourceKind
{
    StateSubmission,
    OpenSource,
}

/// <summary>Who reported the case: a State's submission or an open source with its address.</summary>
public sealed class CaseSource : ICaseDetail
{
    public CaseSource(SourceKind kind, string? stateCode, string? url, string title, DateOnly? date, Visibility visibility)
    {
        Kind = kind;
        StateCode = stateCode;
        Url = url;
        Title = title;
        Date = date;
        Visibility = visibility;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public SourceKind Kind { get; private set; }
    public string? StateCode { get; private set; }
    public string? Url { get; private set; }
    public string Title { get; private set; }
    public DateOnly? Date { get; private set; }
    public Visibility Visibility { get; private set; }
}
