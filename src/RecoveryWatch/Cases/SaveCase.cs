using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>A whole case as the Secretariat writes it: the same shape for the form, the API and the command line.</summary>
public sealed record SaveCaseRequest
{
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public Visibility SummaryVisibility { get; init; }
    public Visibility Visibility { get; init; }
    public CaseStatus Status { get; init; }
    public List<CaseStateInput> States { get; init; } = [];
    public List<string> Offences { get; init; } = [];
    public List<ProceedingInput> Proceedings { get; init; } = [];
    public List<MeasureInput> Measures { get; init; } = [];
    public List<VictimInput> Victims { get; init; } = [];
    public List<ThirdPartyInput> ThirdParties { get; init; } = [];
    public List<ChallengeInput> Challenges { get; init; } = [];
    public List<SourceInput> Sources { get; init; } = [];

    /// <summary>The request that would recreate <paramref name="c"/>: used to prefill the edit form and for audit snapshots.</summary>
    public static SaveCaseRequest From(Case c) => new()
    {
        Title = c.Title,
        Summary = c.Summary,
        SummaryVisibility = c.SummaryVisibility,
        Visibility = c.Visibility,
        Status = c.Status,
        States = [.. c.States.Select(s => new CaseStateInput { State = s.StateCode, Role = s.Role, Visibility = s.Visibility })],
        Offences = [.. c.Offences.Select(o => o.OffenceCode)],
        Proceedings = [.. c.Proceedings.Select(p => new ProceedingInput { Route = p.RouteCode, State = p.StateCode, Description = p.Description, Visibility = p.Visibility })],
        Measures = [.. c.Measures.OrderBy(m => m.Date).Select(m => new MeasureInput
        {
            Stage = m.Stage,
            AssetType = m.AssetType,
            Amount = Amounts.Normalize(m.Amount),
            Currency = m.Currency,
            Date = m.Date.ToString(),
            State = m.StateCode,
            Note = m.Note,
            ExcessReason = m.ExcessReason,
            Visibility = m.Visibility,
        })],
        Victims = [.. c.Victims.Select(v => new VictimInput
        {
            Kind = v.Kind,
            Description = v.Description,
            CompensationOrdered = Amounts.Normalize(v.OrderedAmount),
            CompensationPaid = Amounts.Normalize(v.PaidAmount),
            Currency = v.OrderedCurrency ?? v.PaidCurrency,
            Visibility = v.Visibility,
        })],
        ThirdParties = [.. c.ThirdParties.Select(t => new ThirdPartyInput { Kind = t.Kind, Description = t.Description, Outcome = t.Outcome, Visibility = t.Visibility })],
        Challenges = [.. c.Challenges.Select(ch => new ChallengeInput { Code = ch.ChallengeCode, Note = ch.Note })],
        Sources = [.. c.Sources.Select(s => new SourceInput
        {
            Kind = s.Kind,
            State = s.StateCode,
            Url = s.Url,
            Title = s.Title,
            Date = s.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Visibility = s.Visibility,
        })],
    };
}

public sealed record CaseStateInput
{
    public string? State { get; init; }
    public StateRole Role { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record ProceedingInput
{
    public string? Route { get; init; }
    public string? State { get; init; }
    public string? Description { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record MeasureInput
{
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
}

public sealed record VictimInput
{
    public VictimKind Kind { get; init; }
    public string? Description { get; init; }
    public decimal? CompensationOrdered { get; init; }
    public decimal? CompensationPaid { get; init; }
    public string? Currency { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record ThirdPartyInput
{
    public ThirdPartyKind Kind { get; init; }
    public string? Description { get; init; }
    public string? Outcome { get; init; }
    public Visibility Visibility { get; init; }
}

public sealed record ChallengeInput
{
    public string? Code { get; init; }
    public string? Note { get; init; }
}

public sealed record SourceInput
{
    public SourceKind Kind { get; init; }
    public string? State { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }

    /// <summary>ISO 8601 date of the submission or publication.</summary>
    public string? Date { get; init; }

    public Visibility Visibility { get; init; }
}

/// <summary>Creates or replaces a case after checking every rule; the case and its audit entry are written in one transaction.</summary>
public sealed class SaveCase(RecoveryWatchDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<int> CreateAsync(SaveCaseRequest request, string actor, bool isSynthetic = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var validated = Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        var entity = new Case(validated.Title, isSynthetic, now);
        await ApplyAsync(entity, request, validated, now, cancellationToken);

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.Cases.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "create", nameof(Case), entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, Snapshot(entity)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity.Id;
    }

    public async Task UpdateAsync(int id, SaveCaseRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var validated = Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        var entity = await LoadWholeCase(db.Cases, id, cancellationToken) ?? throw new NotFoundException($"Case {id} does not exist.");
        var before = Snapshot(entity);
        await ApplyAsync(entity, request, validated, now, cancellationToken);

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "update", nameof(Case), id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, Snapshot(entity)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static Task<Case?> LoadWholeCase(IQueryable<Case> cases, int id, CancellationToken cancellationToken) =>
        cases
            .Include(c => c.States).Include(c => c.Offences).Include(c => c.Proceedings).Include(c => c.Measures)
            .Include(c => c.Victims).Include(c => c.ThirdParties).Include(c => c.Challenges).Include(c => c.Sources)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    private static string Snapshot(Case entity) => JsonSerializer.Serialize(SaveCaseRequest.From(entity), AuditJson);

    private async Task ApplyAsync(Case entity, SaveCaseRequest request, ValidatedCase validated, DateTimeOffset now, CancellationToken cancellationToken)
    {
        entity.Describe(validated.Title, request.Summary?.Trim() ?? string.Empty, request.SummaryVisibility, request.Visibility, request.Status, now);
        entity.Replace(
            request.States.Select(s => new CaseState(s.State!, s.Role, s.Visibility)),
            request.Offences.Distinct().Select(o => new CaseOffence(o)),
            request.Proceedings.Select(p => new Proceeding(p.Route!, Blank(p.State), p.Description?.Trim() ?? string.Empty, p.Visibility)),
            validated.Measures,
            request.Victims.Select(v => new Victim(
                v.Kind,
                v.Description?.Trim() ?? string.Empty,
                v.CompensationOrdered is { } o ? new Money(o, v.Currency!) : null,
                v.CompensationPaid is { } p ? new Money(p, v.Currency!) : null,
                v.Visibility)),
            request.ThirdParties.Select(t => new ThirdPartyClaim(t.Kind, t.Description?.Trim() ?? string.Empty, Blank(t.Outcome), t.Visibility)),
            request.Challenges.GroupBy(c => c.Code).Select(g => new CaseChallenge(g.Key!, Blank(g.First().Note))),
            request.Sources.Select(s => new CaseSource(
                s.Kind,
                Blank(s.State),
                Blank(s.Url),
                s.Title?.Trim() ?? string.Empty,
                s.Date is null ? null : DateOnly.ParseExact(s.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                s.Visibility)));
        await ConvertToUsdAsync(entity.Measures, cancellationToken);
    }

    /// <summary>Each measure gets the US-dollar figure at the latest rate on or before its date (or the earliest rate after
    /// it when none precedes it); without any rate for the currency it keeps only its original amount.</summary>
    private async Task ConvertToUsdAsync(IReadOnlyCollection<AssetMeasure> measures, CancellationToken cancellationToken)
    {
        var currencies = measures.Select(m => m.Currency).Distinct().ToList();
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => currencies.Contains(r.Currency)).ToListAsync(cancellationToken);
        foreach (var measure in measures)
        {
            var forCurrency = rates.Where(r => r.Currency == measure.Currency).OrderBy(r => r.Date).ToList();
            var rate = forCurrency.LastOrDefault(r => r.Date <= measure.Date.Earliest) ?? forCurrency.FirstOrDefault();
            if (rate is not null)
            {
                measure.ConvertToUsd(rate.UsdPerUnit, rate.Date);
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record ValidatedCase(string Title, List<AssetMeasure> Measures);

    /// <summary>Every rule the request breaks, without storing anything (used by the form to show all errors at once).</summary>
    public static IReadOnlyList<ValidationError> Check(SaveCaseRequest request, DateOnly today)
    {
        try
        {
            Validate(request, today);
            return [];
        }
        catch (ValidationFailedException exception)
        {
            return exception.Errors;
        }
    }

    /// <summary>Checks every rule and reports every broken one at once, each with the JSON path of its field.</summary>
    private static ValidatedCase Validate(SaveCaseRequest request, DateOnly today)
    {
        var catalog = ReferenceCatalog.Default;
        var errors = new ValidationCollector();
        var title = request.Title?.Trim() ?? string.Empty;
        if (title.Length == 0)
        {
            errors.Add("title", "Required");
        }
        else if (title.Length > CaseLimits.TitleLength)
        {
            errors.Add("title", "TooLong", CaseLimits.TitleLength);
        }

        if ((request.Summary?.Length ?? 0) > CaseLimits.SummaryLength)
        {
            errors.Add("summary", "TooLong", CaseLimits.SummaryLength);
        }

        CheckCount(errors, "states", request.States.Count);
        CheckCount(errors, "proceedings", request.Proceedings.Count);
        CheckCount(errors, "measures", request.Measures.Count);
        CheckCount(errors, "victims", request.Victims.Count);
        CheckCount(errors, "thirdParties", request.ThirdParties.Count);
        CheckCount(errors, "sources", request.Sources.Count);
        if (errors.HasErrors && request.States.Count + request.Measures.Count + request.Victims.Count + request.Sources.Count > CaseLimits.MaxChildren * 4)
        {
            errors.ThrowIfAny();
        }

        if (request.States.Count == 0)
        {
            errors.Add("states", "AtLeastOneState");
        }

        for (var i = 0; i < request.States.Count; i++)
        {
            CheckState(errors, $"states[{i}].state", request.States[i].State, required: true);
        }

        foreach (var duplicate in request.States.Select((s, i) => (s, i)).GroupBy(x => (x.s.State, x.s.Role)).Where(g => g.Count() > 1))
        {
            errors.Add($"states[{duplicate.Last().i}].state", "Duplicate");
        }

        for (var i = 0; i < request.Offences.Count; i++)
        {
            if (!catalog.Offences.ContainsKey(request.Offences[i] ?? string.Empty))
            {
                errors.Add($"offences[{i}]", "UnknownCode", request.Offences[i] ?? string.Empty);
            }
        }

        for (var i = 0; i < request.Proceedings.Count; i++)
        {
            var p = request.Proceedings[i];
            if (!catalog.LegalRoutes.ContainsKey(p.Route ?? string.Empty))
            {
                errors.Add($"proceedings[{i}].route", string.IsNullOrEmpty(p.Route) ? "Required" : "UnknownCode", p.Route ?? string.Empty);
            }

            CheckState(errors, $"proceedings[{i}].state", p.State, required: false);
            CheckLength(errors, $"proceedings[{i}].description", p.Description, CaseLimits.TextLength);
        }

        var measures = new List<AssetMeasure>();
        var measuresValid = true;
        for (var i = 0; i < request.Measures.Count; i++)
        {
            var m = request.Measures[i];
            var field = $"measures[{i}]";
            var ok = CheckAmount(errors, field + ".amount", m.Amount, required: true);
            ok &= CheckCurrency(errors, field + ".currency", m.Currency, required: true);
            ok &= CheckPartialDate(errors, field + ".date", m.Date, today, out var date);
            CheckState(errors, field + ".state", m.State, required: false);
            CheckLength(errors, field + ".note", m.Note, CaseLimits.TextLength);
            CheckLength(errors, field + ".excessReason", m.ExcessReason, CaseLimits.TextLength);
            measuresValid &= ok;
            if (ok)
            {
                measures.Add(new AssetMeasure(m.Stage, m.AssetType, new Money(m.Amount!.Value, m.Currency!), date, Blank(m.State), Blank(m.Note), Blank(m.ExcessReason), m.Visibility));
            }
        }

        if (measuresValid)
        {
            foreach (var (index, returned, confiscated, currency) in Case.ReturnsExceedingConfiscation(measures))
            {
                errors.Add($"measures[{index}].excessReason", "ReturnExceedsConfiscation", returned, confiscated, currency);
            }
        }

        for (var i = 0; i < request.Victims.Count; i++)
        {
            var v = request.Victims[i];
            var field = $"victims[{i}]";
            CheckLength(errors, field + ".description", v.Description, CaseLimits.TextLength);
            var hasAmount = v.CompensationOrdered is not null || v.CompensationPaid is not null;
            if (v.CompensationOrdered is not null)
            {
                CheckAmount(errors, field + ".compensationOrdered", v.CompensationOrdered, required: false);
            }

            if (v.CompensationPaid is not null)
            {
                CheckAmount(errors, field + ".compensationPaid", v.CompensationPaid, required: false);
            }

            if (hasAmount || !string.IsNullOrEmpty(v.Currency))
            {
                CheckCurrency(errors, field + ".currency", v.Currency, required: hasAmount);
            }
        }

        for (var i = 0; i < request.ThirdParties.Count; i++)
        {
            CheckLength(errors, $"thirdParties[{i}].description", request.ThirdParties[i].Description, CaseLimits.TextLength);
            CheckLength(errors, $"thirdParties[{i}].outcome", request.ThirdParties[i].Outcome, CaseLimits.TextLength);
        }

        for (var i = 0; i < request.Challenges.Count; i++)
        {
            if (!catalog.Challenges.ContainsKey(request.Challenges[i].Code ?? string.Empty))
            {
                errors.Add($"challenges[{i}].code", "UnknownCode", request.Challenges[i].Code ?? string.Empty);
            }

            CheckLength(errors, $"challenges[{i}].note", request.Challenges[i].Note, CaseLimits.TextLength);
        }

        for (var i = 0; i < request.Sources.Count; i++)
        {
            var s = request.Sources[i];
            var field = $"sources[{i}]";
            CheckLength(errors, field + ".title", s.Title, CaseLimits.TitleLength);
            if (s.Kind == SourceKind.StateSubmission)
            {
                CheckState(errors, field + ".state", s.State, required: true);
            }
            else if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add(field + ".url", string.IsNullOrWhiteSpace(s.Url) ? "Required" : "InvalidUrl");
            }

            if (s.Date is not null)
            {
                if (!DateOnly.TryParseExact(s.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                {
                    errors.Add(field + ".date", "InvalidDate", s.Date);
                }
                else if (d > today)
                {
                    errors.Add(field + ".date", "DateInFuture", s.Date);
                }
            }
        }

        errors.ThrowIfAny();
        return new ValidatedCase(title, measures);
    }

    private static void CheckCount(ValidationCollector errors, string field, int count)
    {
        if (count > CaseLimits.MaxChildren)
        {
            errors.Add(field, "TooMany", CaseLimits.MaxChildren);
        }
    }

    private static void CheckLength(ValidationCollector errors, string field, string? value, int max)
    {
        if ((value?.Length ?? 0) > max)
        {
            errors.Add(field, "TooLong", max);
        }
    }

    private static void CheckState(ValidationCollector errors, string field, string? code, bool required)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (required)
            {
                errors.Add(field, "Required");
            }
        }
        else if (!StateCode.IsKnown(code))
        {
            errors.Add(field, "UnknownState", code);
        }
    }

    private static bool CheckCurrency(ValidationCollector errors, string field, string? code, bool required)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (required)
            {
                errors.Add(field, "Required");
                return false;
            }

            return true;
        }

        if (!ReferenceCatalog.Default.Currencies.ContainsKey(code))
        {
            errors.Add(field, "UnknownCurrency", code);
            return false;
        }

        return true;
    }

    /// <summary>A measure's amount is positive: a reduction is a new measure (e.g. a partial release), not a negative one.</summary>
    private static bool CheckAmount(ValidationCollector errors, string field, decimal? amount, bool required)
    {
        if (amount is null)
        {
            if (required)
            {
                errors.Add(field, "Required");
            }

            return !required;
        }

        if (amount <= 0)
        {
            errors.Add(field, "AmountNotPositive");
            return false;
        }

        if (amount > CaseLimits.MaxAmount)
        {
            errors.Add(field, "AmountTooLarge");
            return false;
        }

        return true;
    }

    private static bool CheckPartialDate(ValidationCollector errors, string field, string? text, DateOnly today, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Required");
            return false;
        }

        if (!PartialDate.TryParse(text, out date))
        {
            errors.Add(field, "InvalidPartialDate", text);
            return false;
        }

        if (date.Earliest > today)
        {
            errors.Add(field, "DateInFuture", text);
            return false;
        }

        return true;
    }
}
