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
/// requested State report it. An edit gives the whole case (<see cref="Revise"/>): details it names keep their identity and
/// provenance, so the rules below are checked on the complete picture without losing where a figure came from.
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
    /// <see cref="Analytics.CountingRule"/>: the requested State's figures for freezing, seizure and confiscation, the
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

    /// <summary>Gives a case read without tracking the details read by separate queries (the export reads each detail table
    /// once per batch instead of through split includes). Only for read-only copies: nothing here is ever saved.</summary>
    internal void AttachRead(IEnumerable<CaseState> states, IEnumerable<CaseOffence> offences, IEnumerable<Proceeding> proceedings, IEnumerable<AssetMeasure> measures,
        IEnumerable<Victim> victims, IEnumerable<ThirdPartyClaim> thirdParties, IEnumerable<CaseChallenge> challenges, IEnumerable<CaseSource> sources)
    {
        _states.AddRange(states);
        _offences.AddRange(offences);
        _proceedings.AddRange(proceedings);
        _measures.AddRange(measures);
        _victims.AddRange(victims);
        _thirdParties.AddRange(thirdParties);
        _challenges.AddRange(challenges);
        _sources.AddRange(sources);
    }

    public void Describe(string title, string summary, Visibility summaryVisibility, Visibility visibility, CaseStatus status, DateTimeOffset now)
    {
        Title = title;
        Summary = summary;
        SummaryVisibility = summaryVisibility;
        Visibility = visibility;
        Status = status;
        TitleSearch = title.ToLowerInvariant();
        SummarySearch = summary.ToLowerInvariant();
        Touch(now);
    }

    /// <summary>Makes a draft public: the Secretariat's explicit step after reviewing what validation proposed (see
    /// <see cref="CaseRules.PublishingErrors"/> for what a case needs first).</summary>
    public void Publish(DateTimeOffset now)
    {
        if (Status == CaseStatus.Published)
        {
            throw new InvalidOperationException("AlreadyPublished");
        }

        Status = CaseStatus.Published;
        Touch(now);
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
        _measures.AddRange(other._measures.Select(m => m.Copy()));
        _victims.AddRange(other._victims.Select(v => new Victim(v.Kind, v.Description, v.CompensationOrdered, v.CompensationPaid, v.Visibility)));
        _thirdParties.AddRange(other._thirdParties.Select(t => new ThirdPartyClaim(t.Kind, t.Description, t.Outcome, t.Visibility)));
        foreach (var c in other._challenges.Where(c => _challenges.All(x => x.ChallengeCode != c.ChallengeCode)))
        {
            _challenges.Add(new CaseChallenge(c.ChallengeCode, c.Note, c.StateCode, c.ProceedingRoute));
        }

        _sources.AddRange(other._sources.Select(s => new CaseSource(s.Kind, s.StateCode, s.Url, s.Title, s.Date, s.Visibility)));
        Derive();
        Touch(now);
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

        Touch(now);
    }

    /// <summary>Adds figures a State reported for this case (after the Secretariat validated its submission).</summary>
    public void AddReported(IEnumerable<AssetMeasure> measures, CaseSource source, DateTimeOffset now)
    {
        _measures.AddRange(measures);
        if (!_sources.Any(s => s.Kind == source.Kind && s.StateCode == source.StateCode && s.Title == source.Title))
        {
            _sources.Add(source);
        }

        Derive();
        Touch(now);
    }

    /// <summary>Sets the children of a new case (or of one rebuilt from scratch: the demo data, a State's new case).</summary>
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
        Derive();
    }

    /// <summary>
    /// Applies an edit of the whole case to its children in place. A child the edit names by id (or, without an id, one
    /// whose values it repeats exactly) is the same detail: it keeps its identity and, for a measure, its provenance. A
    /// measure whose figure the edit changes becomes the Secretariat's correction (see <see cref="AssetMeasure.Revise"/>);
    /// children the edit leaves out are removed. Ids must have been checked to belong to this case.
    /// </summary>
    /// <returns>The measures that are new or whose figure changed: they need their US-dollar figure.</returns>
    public IReadOnlyList<AssetMeasure> Revise(CaseRevision revision)
    {
        ReviseAll(_states, revision.States, (a, b) => a.StateCode == b.StateCode && a.Role == b.Role, (a, b) => a.Revise(b));
        var offences = revision.Offences.Distinct(StringComparer.Ordinal).ToList();
        _offences.RemoveAll(o => !offences.Contains(o.OffenceCode));
        _offences.AddRange(offences.Where(code => _offences.All(o => o.OffenceCode != code)).Select(code => new CaseOffence(code)));
        ReviseAll(_proceedings, revision.Proceedings, (a, b) => a.SameAs(b), (a, b) => a.Revise(b));
        // Which entries are new or change a figure, known before the stored measures take the new values.
        var stored = MatchMeasures(_measures, revision.Measures);
        var changed = revision.Measures.Select((r, i) => stored[i] is not { } m || !m.SameFigure(r.Values)).ToList();
        ReviseAll(_measures, revision.Measures, SameMeasure, (a, b) => a.Revise(b));
        ReviseAll(_victims, revision.Victims, (a, b) => a.SameAs(b), (a, b) => a.Revise(b));
        ReviseAll(_thirdParties, revision.ThirdParties, (a, b) => a.SameAs(b), (a, b) => a.Revise(b));
        ReviseAll(_sources, revision.Sources, (a, b) => a.SameAs(b), (a, b) => a.Revise(b));
        var challenges = revision.Challenges.GroupBy(c => c.ChallengeCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _challenges.RemoveAll(c => !challenges.ContainsKey(c.ChallengeCode));
        foreach (var challenge in _challenges)
        {
            challenge.Revise(challenges[challenge.ChallengeCode]);
        }

        _challenges.AddRange(challenges.Where(c => _challenges.All(x => x.ChallengeCode != c.Key)).Select(c => c.Value));
        Derive();
        // ReviseAll keeps the entries' order, so the i-th measure is the i-th entry.
        return [.. _measures.Where((_, i) => changed[i])];
    }

    /// <summary>The stored measure each entry of an edit stands for (or null for a new one), as <see cref="Revise"/> matches
    /// them: the rules need it to know whose account an edited figure belongs to.</summary>
    public static IReadOnlyList<AssetMeasure?> MatchMeasures(IReadOnlyCollection<AssetMeasure> stored, IReadOnlyList<Revised<AssetMeasure>> incoming) =>
        Match(stored, incoming, SameMeasure);

    private static bool SameMeasure(AssetMeasure a, AssetMeasure b) => a.SameFigure(b) && a.Note == b.Note && a.ExcessReason == b.ExcessReason;

    /// <summary>Entries with ids take their stored child first; entries without one then take, in order, an unclaimed stored
    /// child with the same values. So a copy without id never takes the child another entry names by id.</summary>
    private static T?[] Match<T>(IReadOnlyCollection<T> current, IReadOnlyList<Revised<T>> incoming, Func<T, T, bool> sameValues)
        where T : class, IIdentified
    {
        var unclaimed = current.ToList();
        var result = new T?[incoming.Count];
        for (var i = 0; i < incoming.Count; i++)
        {
            if (incoming[i].Id is { } id)
            {
                result[i] = unclaimed.Find(c => c.Id == id) ?? throw new InvalidOperationException($"{typeof(T).Name} {id} is not part of this case, or named twice.");
                unclaimed.Remove(result[i]!);
            }
        }

        for (var i = 0; i < incoming.Count; i++)
        {
            if (incoming[i].Id is null && unclaimed.Find(c => sameValues(c, incoming[i].Values)) is { } same)
            {
                result[i] = same;
                unclaimed.Remove(same);
            }
        }

        return result;
    }

    private static void ReviseAll<T>(List<T> current, IReadOnlyList<Revised<T>> incoming, Func<T, T, bool> sameValues, Action<T, T> revise)
        where T : class, IIdentified
    {
        var matched = Match(current, incoming, sameValues);
        var result = new List<T>(incoming.Count);
        for (var i = 0; i < incoming.Count; i++)
        {
            if (matched[i] is { } existing)
            {
                revise(existing, incoming[i].Values);
                result.Add(existing);
            }
            else
            {
                result.Add(incoming[i].Values);
            }
        }

        current.Clear();
        current.AddRange(result);
    }

    /// <summary>What follows from the measures: the years they span and whether two States' accounts of a stage differ.</summary>
    private void Derive()
    {
        FirstYear = _measures.Count == 0 ? null : _measures.Min(m => m.Year);
        LastYear = _measures.Count == 0 ? null : _measures.Max(m => m.Year);
        FiguresDisagree = Disagree(_measures);
    }

    /// <summary>Two States' accounts of one stage, in one currency, give different totals.</summary>
    public static bool Disagree(IEnumerable<AssetMeasure> measures) =>
        measures.Where(m => m.ReportingState is not null)
            .GroupBy(m => (m.Stage, m.Currency))
            .Any(g => g.GroupBy(m => m.ReportingState).Select(r => r.Sum(m => m.Amount)).Distinct().Count() > 1);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>
    /// Returns cannot exceed what was confiscated in the same case and currency unless a reason is recorded on the return
    /// (e.g. assets returned under a settlement or an art. 57(5) agreement without a confiscation order, or accrued interest).
    /// Stages are compared per currency and never summed across stages, and each stage in the account that counts for it
    /// (<see cref="Analytics.CountingRule"/>): the requesting State's returns against the requested State's confiscation,
    /// never both sides' accounts of one return added up.
    /// </summary>
    /// <param name="reporter">The account each measure belongs to (its reporting State; null for the Secretariat's).</param>
    /// <param name="roles">The roles of the States in the case.</param>
    public static IEnumerable<(int Index, decimal Returned, decimal Confiscated, string Currency)> ReturnsExceedingConfiscation(
        IReadOnlyList<AssetMeasure> measures, Func<AssetMeasure, string?>? reporter = null, ILookup<string, StateRole>? roles = null)
    {
        reporter ??= _ => null;
        roles ??= Array.Empty<(string, StateRole)>().ToLookup(r => r.Item1, r => r.Item2);
        IReadOnlyList<AssetMeasure> Counted(Stage stage) => Analytics.CountingRule.Counted(stage, measures.Where(m => m.Stage == stage), reporter, roles);

        var confiscations = Counted(Stage.Confiscated);
        foreach (var byCurrency in Counted(Stage.Returned).GroupBy(m => m.Currency))
        {
            var confiscated = confiscations.Where(m => m.Currency == byCurrency.Key).Sum(m => m.Amount);
            var returned = byCurrency.Sum(m => m.Amount);
            if (returned <= confiscated)
            {
                continue;
            }

            foreach (var measure in byCurrency.Where(m => string.IsNullOrWhiteSpace(m.ExcessReason)))
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

/// <summary>A child row of a case, known by its id once stored.</summary>
public interface IIdentified
{
    int Id { get; }
}

/// <summary>A child as an edit gives it: the id of the stored child it revises (null for a new one) and its new values.</summary>
/// <param name="Index">The entry's position in the request, for error messages.</param>
public sealed record Revised<T>(int? Id, T Values, int Index = 0);

/// <summary>An edit of a whole case's children, for <see cref="Case.Revise"/>.</summary>
public sealed record CaseRevision(
    IReadOnlyList<Revised<CaseState>> States,
    IReadOnlyList<string> Offences,
    IReadOnlyList<Revised<Proceeding>> Proceedings,
    IReadOnlyList<Revised<AssetMeasure>> Measures,
    IReadOnlyList<Revised<Victim>> Victims,
    IReadOnlyList<Revised<ThirdPartyClaim>> ThirdParties,
    IReadOnlyList<CaseChallenge> Challenges,
    IReadOnlyList<Revised<CaseSource>> Sources);

/// <summary>A detail of a case with its own visibility (a State, a proceeding, a measure, a victim, a third party, a source).</summary>
public interface ICaseDetail
{
    int CaseId { get; }

    Visibility Visibility { get; }
}

/// <summary>A State involved in a case and its role.</summary>
public sealed class CaseState : ICaseDetail, IIdentified
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

    internal void Revise(CaseState values)
    {
        StateCode = values.StateCode;
        Role = values.Role;
        Visibility = values.Visibility;
    }
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
public sealed class Proceeding : ICaseDetail, IIdentified
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

    internal bool SameAs(Proceeding other) => RouteCode == other.RouteCode && StateCode == other.StateCode && Description == other.Description;

    internal void Revise(Proceeding values)
    {
        RouteCode = values.RouteCode;
        StateCode = values.StateCode;
        Description = values.Description;
        Visibility = values.Visibility;
    }
}

/// <summary>
/// A dated measure on assets (freezing, seizure, confiscation, return) in the original currency.
/// The US-dollar figure is derived from a dated exchange rate and kept beside the original amount, never instead of it.
/// </summary>
public sealed class AssetMeasure : ICaseDetail, IIdentified
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

    /// <summary>The Secretariat changed the figure a State reported: it no longer stands as the State's workbook gave it
    /// (no submission or cell), though it stays in that State's account for counting. The State's original is in the case
    /// history (audit log).</summary>
    public bool CorrectedBySecretariat => ReportingState is not null && SubmissionId is null;

    public void ReportedBy(int submissionId, string state, string cell)
    {
        SubmissionId = submissionId;
        ReportingState = state;
        SourceCell = cell;
    }

    /// <summary>The same figure: stage, asset type, amount, currency, date and the State that took the measure.</summary>
    public bool SameFigure(AssetMeasure other) =>
        Stage == other.Stage && AssetType == other.AssetType && Amount == other.Amount && Currency == other.Currency
        && Year == other.Year && Month == other.Month && Day == other.Day && StateCode == other.StateCode;

    /// <summary>
    /// Takes the values of an edit. Notes, the reason for an excess and visibility may change without touching provenance;
    /// a changed figure from a State's submission becomes the Secretariat's correction: the submission and cell no longer
    /// vouch for it, the reporting State's account keeps it.
    /// </summary>
    internal void Revise(AssetMeasure values)
    {
        if (!SameFigure(values))
        {
            SubmissionId = null;
            SourceCell = null;
            UsdAmount = null;
            UsdRateDate = null;
        }

        Stage = values.Stage;
        AssetType = values.AssetType;
        Amount = values.Amount;
        Currency = values.Currency;
        Year = values.Year;
        Month = values.Month;
        Day = values.Day;
        StateCode = values.StateCode;
        Note = values.Note;
        ExcessReason = values.ExcessReason;
        Visibility = values.Visibility;
    }

    /// <summary>A copy with its provenance and US-dollar figure, for another case (reconciliation).</summary>
    public AssetMeasure Copy()
    {
        var copy = new AssetMeasure(Stage, AssetType, Money, Date, StateCode, Note, ExcessReason, Visibility)
        {
            SubmissionId = SubmissionId,
            ReportingState = ReportingState,
            SourceCell = SourceCell,
            UsdAmount = UsdAmount,
            UsdRateDate = UsdRateDate,
        };
        return copy;
    }

    public void ConvertToUsd(decimal usdPerUnit, DateOnly rateDate)
    {
        UsdAmount = decimal.Round(Amount * usdPerUnit, 2, MidpointRounding.ToEven);
        UsdRateDate = rateDate;
    }

    /// <summary>No rate on or before the measure's date (any more): the measure keeps only its original amount.</summary>
    public void ClearUsd()
    {
        UsdAmount = null;
        UsdRateDate = null;
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
public sealed class Victim : ICaseDetail, IIdentified
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

    internal bool SameAs(Victim other) =>
        Kind == other.Kind && Description == other.Description && OrderedAmount == other.OrderedAmount && OrderedCurrency == other.OrderedCurrency
        && PaidAmount == other.PaidAmount && PaidCurrency == other.PaidCurrency;

    internal void Revise(Victim values)
    {
        Kind = values.Kind;
        Description = values.Description;
        OrderedAmount = values.OrderedAmount;
        OrderedCurrency = values.OrderedCurrency;
        PaidAmount = values.PaidAmount;
        PaidCurrency = values.PaidCurrency;
        Visibility = values.Visibility;
    }
}

public enum ThirdPartyKind
{
    /// <summary>A bona fide purchaser or other claimant whose rights must be protected (UNCAC art. 31(9), 55(9)).</summary>
    BonaFideClaimant,

    /// <summary>A person or entity used to hide the assets (nominee, front company).</summary>
    Concealment,
}

public sealed class ThirdPartyClaim : ICaseDetail, IIdentified
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

    internal bool SameAs(ThirdPartyClaim other) => Kind == other.Kind && Description == other.Description && Outcome == other.Outcome;

    internal void Revise(ThirdPartyClaim values)
    {
        Kind = values.Kind;
        Description = values.Description;
        Outcome = values.Outcome;
        Visibility = values.Visibility;
    }
}

/// <summary>A challenge met in the case, from the Secretariat's taxonomy.</summary>
public sealed class CaseChallenge : IIdentified
{
    public CaseChallenge(string challengeCode, string? note, string? stateCode = null, string? proceedingRoute = null)
    {
        ChallengeCode = challengeCode;
        Note = note;
        StateCode = stateCode;
        ProceedingRoute = proceedingRoute;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string ChallengeCode { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The State of the case that met the challenge (optional; one of the case's States).</summary>
    public string? StateCode { get; private set; }

    /// <summary>
    /// The proceeding the challenge arose in, named by its legal route (UNCAC arts. 53–57), which must be the route of one
    /// of the case's proceedings. The route rather than the proceeding's id: a new case has no ids yet, and an edit that
    /// replaces a proceeding by an equal one keeps the link, so what GET returns can be PUT back unchanged.
    /// </summary>
    public string? ProceedingRoute { get; private set; }

    internal void Revise(CaseChallenge values)
    {
        Note = values.Note;
        StateCode = values.StateCode;
        ProceedingRoute = values.ProceedingRoute;
    }
}

public enum SourceKind
{
    StateSubmission,
    OpenSource,
}

/// <summary>Who reported the case: a State's submission or an open source with its address.</summary>
public sealed class CaseSource : ICaseDetail, IIdentified
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

    internal bool SameAs(CaseSource other) => Kind == other.Kind && StateCode == other.StateCode && Url == other.Url && Title == other.Title && Date == other.Date;

    internal void Revise(CaseSource values)
    {
        Kind = values.Kind;
        StateCode = values.StateCode;
        Url = values.Url;
        Title = values.Title;
        Date = values.Date;
        Visibility = values.Visibility;
    }
}
