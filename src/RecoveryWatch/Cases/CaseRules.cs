using System.Globalization;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

/// <summary>A case request that passed every rule, as domain objects ready to store.</summary>
public sealed record ValidatedCase(string Title, string Summary, CaseRevision Children);

/// <summary>
/// Every rule a case must keep, checked at once so the form and the API can show every broken rule together, each under
/// the JSON path of its field (<c>measures[2].amount</c>). Lengths, decimals and reference codes come from the EF model
/// (<see cref="FieldRules"/>); the rules of the field (a measure is positive, returns do not exceed confiscation…) are here.
/// </summary>
public sealed class CaseRules(FieldRules fields, Knowledge.ChallengeCatalog challenges)
{
    /// <summary>Checks <paramref name="request"/> for a new case (<paramref name="existing"/> null) or an edit of
    /// <paramref name="existing"/>, whose children the request's ids must name.</summary>
    public ValidatedCase Check(SaveCaseRequest request, Case? existing, DateOnly today)
    {
        var errors = new ValidationCollector();
        var title = fields.Text<Case>(errors, "title", request.Title, nameof(Case.Title));
        if (title is null && !errors.Errors.Any(e => e.Field == "title"))
        {
            errors.Add("title", "Required");
        }

        var summary = fields.Text<Case>(errors, "summary", request.Summary, nameof(Case.Summary), multiline: true) ?? string.Empty;
        if (existing is not null && request.Version is { } version && version != existing.Version)
        {
            throw new ConflictException("version", "ConcurrentChange");
        }

        // A list with a null entry or too many rows cannot be read row by row: report it with what is known so far.
        if (!CheckLists(errors, request))
        {
            errors.ThrowIfAny();
        }

        var states = States(errors, request, existing);
        var proceedings = Proceedings(errors, request, existing);
        var children = new CaseRevision(
            states,
            Offences(errors, request),
            proceedings,
            Measures(errors, request, existing, today, states),
            Victims(errors, request, existing),
            ThirdParties(errors, request, existing),
            Challenges(errors, request, existing, states, proceedings),
            Sources(errors, request, existing, today));
        DuplicateIds(errors, "states", children.States);
        DuplicateIds(errors, "proceedings", children.Proceedings);
        DuplicateIds(errors, "measures", children.Measures);
        DuplicateIds(errors, "victims", children.Victims);
        DuplicateIds(errors, "thirdParties", children.ThirdParties);
        DuplicateIds(errors, "sources", children.Sources);
        if (existing is { Status: CaseStatus.Draft } && request.Status == CaseStatus.Published)
        {
            // Publishing through an edit keeps the same rule as the publish step itself.
            foreach (var error in PublishingErrors(summary, request.SummaryVisibility, request.Sources.Select(s => s.Visibility)))
            {
                errors.Add(error.Field, error.Code);
            }
        }

        errors.ThrowIfAny();
        return new ValidatedCase(title!, summary, children);
    }

    /// <summary>
    /// What a draft needs before the public may read it: a summary the public may read, and at least one source the public
    /// may read, so that every published case says what happened and where the information comes from (COSP resolution 8/9
    /// asks for the database to be built from information the States provide and from open sources).
    /// </summary>
    public static IReadOnlyList<ValidationError> PublishingErrors(string summary, Visibility summaryVisibility, IEnumerable<Visibility> sources)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(summary) || summaryVisibility != Visibility.Public)
        {
            errors.Add(new ValidationError("summary", "PublicSummaryRequired"));
        }

        if (!sources.Any(v => v == Visibility.Public))
        {
            errors.Add(new ValidationError("sources", "PublicSourceRequired"));
        }

        return errors;
    }

    /// <summary>No list over its size, and no empty (null) entry in any list.</summary>
    private static bool CheckLists(ValidationCollector errors, SaveCaseRequest request)
    {
        var ok = true;
        void Check<T>(string name, IReadOnlyList<T?> list)
        {
            if (list.Count > CaseLimits.MaxChildren)
            {
                errors.Add(name, "TooMany", CaseLimits.MaxChildren);
                ok = false;
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    errors.Add($"{name}[{i}]", "NullItem");
                    ok = false;
                }
            }
        }

        Check("states", request.States);
        Check("offences", request.Offences);
        Check("proceedings", request.Proceedings);
        Check("measures", request.Measures);
        Check("victims", request.Victims);
        Check("thirdParties", request.ThirdParties);
        Check("challenges", request.Challenges);
        Check("sources", request.Sources);
        return ok;
    }

    private List<Revised<CaseState>> States(ValidationCollector errors, SaveCaseRequest request, Case? existing)
    {
        if (request.States.Count == 0)
        {
            errors.Add("states", "AtLeastOneState");
        }

        var result = new List<Revised<CaseState>>();
        for (var i = 0; i < request.States.Count; i++)
        {
            var s = request.States[i];
            var code = fields.Text<CaseState>(errors, $"states[{i}].state", s.State, nameof(CaseState.StateCode));
            if (code is null && !errors.Errors.Any(e => e.Field == $"states[{i}].state"))
            {
                errors.Add($"states[{i}].state", "Required");
            }

            var id = Id(errors, $"states[{i}].id", s.Id, existing?.States);
            if (code is not null)
            {
                result.Add(new(id, new CaseState(code, s.Role, s.Visibility), i));
            }
        }

        foreach (var duplicate in result.GroupBy(s => (s.Values.StateCode, s.Values.Role)).Where(g => g.Count() > 1))
        {
            errors.Add($"states[{duplicate.Last().Index}].state", "Duplicate");
        }

        return result;
    }

    private static List<string> Offences(ValidationCollector errors, SaveCaseRequest request)
    {
        for (var i = 0; i < request.Offences.Count; i++)
        {
            if (request.Offences[i] is { } code && !ReferenceCatalog.Default.Offences.ContainsKey(code))
            {
                errors.Add($"offences[{i}]", "UnknownCode", code);
            }
        }

        return [.. request.Offences.Distinct(StringComparer.Ordinal)];
    }

    private List<Revised<Proceeding>> Proceedings(ValidationCollector errors, SaveCaseRequest request, Case? existing)
    {
        var result = new List<Revised<Proceeding>>();
        for (var i = 0; i < request.Proceedings.Count; i++)
        {
            var p = request.Proceedings[i];
            var field = $"proceedings[{i}]";
            var route = fields.Text<Proceeding>(errors, field + ".route", p.Route, nameof(Proceeding.RouteCode));
            if (route is null || !ReferenceCatalog.Default.LegalRoutes.ContainsKey(route))
            {
                errors.Add(field + ".route", route is null ? "Required" : "UnknownCode", route ?? string.Empty);
            }

            var state = fields.Text<Proceeding>(errors, field + ".state", p.State, nameof(Proceeding.StateCode));
            var description = fields.Text<Proceeding>(errors, field + ".description", p.Description, nameof(Proceeding.Description), multiline: true);
            var id = Id(errors, field + ".id", p.Id, existing?.Proceedings);
            if (route is not null)
            {
                result.Add(new(id, new Proceeding(route, state, description ?? string.Empty, p.Visibility), i));
            }
        }

        return result;
    }

    private List<Revised<AssetMeasure>> Measures(ValidationCollector errors, SaveCaseRequest request, Case? existing, DateOnly today, List<Revised<CaseState>> states)
    {
        var result = new List<Revised<AssetMeasure>>();
        var complete = true;
        for (var i = 0; i < request.Measures.Count; i++)
        {
            var m = request.Measures[i];
            var field = $"measures[{i}]";
            var currency = fields.Text<AssetMeasure>(errors, field + ".currency", m.Currency, nameof(AssetMeasure.Currency));
            if (currency is null && !errors.Errors.Any(e => e.Field == field + ".currency"))
            {
                errors.Add(field + ".currency", "Required");
            }

            var amountOk = m.Amount is { } amount
                ? fields.Amount<AssetMeasure>(errors, field + ".amount", amount, nameof(AssetMeasure.Amount), currency)
                : Required(errors, field + ".amount");
            var dateOk = PartialDateField(errors, field + ".date", m.Date, today, out var date);
            var state = fields.Text<AssetMeasure>(errors, field + ".state", m.State, nameof(AssetMeasure.StateCode));
            var note = fields.Text<AssetMeasure>(errors, field + ".note", m.Note, nameof(AssetMeasure.Note), multiline: true);
            var reason = fields.Text<AssetMeasure>(errors, field + ".excessReason", m.ExcessReason, nameof(AssetMeasure.ExcessReason), multiline: true);
            var id = Id(errors, field + ".id", m.Id, existing?.Measures);
            if (amountOk && dateOk && currency is not null)
            {
                result.Add(new(id, new AssetMeasure(m.Stage, m.AssetType, new Money(m.Amount!.Value, currency), date, state, note, reason, m.Visibility), i));
            }
            else
            {
                complete = false;
            }
        }

        // (With an id named twice the matching is undefined: DuplicateIds reports it.)
        if (complete && result.Where(r => r.Id is not null).GroupBy(r => r.Id).All(g => g.Count() == 1))
        {
            // Each figure in the account it belongs to: a stored one keeps its reporting State, a new one is the Secretariat's.
            var stored = existing is null ? null : Case.MatchMeasures(existing.Measures, result);
            var accounts = result.Select((r, i) => (r.Values, stored?[i]?.ReportingState)).ToDictionary(x => x.Values, x => x.ReportingState);
            var roles = states.ToLookup(s => s.Values.StateCode, s => s.Values.Role, StringComparer.Ordinal);
            foreach (var (index, returned, confiscated, currency) in Case.ReturnsExceedingConfiscation([.. result.Select(r => r.Values)], m => accounts[m], roles))
            {
                errors.Add($"measures[{index}].excessReason", "ReturnExceedsConfiscation", returned, confiscated, currency);
            }
        }

        return result;
    }

    private List<Revised<Victim>> Victims(ValidationCollector errors, SaveCaseRequest request, Case? existing)
    {
        var result = new List<Revised<Victim>>();
        for (var i = 0; i < request.Victims.Count; i++)
        {
            var v = request.Victims[i];
            var field = $"victims[{i}]";
            var description = fields.Text<Victim>(errors, field + ".description", v.Description, nameof(Victim.Description), multiline: true);
            var hasAmount = v.CompensationOrdered is not null || v.CompensationPaid is not null;
            var currency = fields.Text<Victim>(errors, field + ".currency", v.Currency, nameof(Victim.OrderedCurrency))?.ToUpperInvariant();
            if (currency is not null && !ReferenceCatalog.Default.Currencies.ContainsKey(currency))
            {
                errors.Add(field + ".currency", "UnknownCurrency", currency);
                currency = null;
            }
            if (hasAmount && currency is null && !errors.Errors.Any(e => e.Field == field + ".currency"))
            {
                errors.Add(field + ".currency", "Required");
            }

            var ok = v.CompensationOrdered is not { } ordered || fields.Amount<Victim>(errors, field + ".compensationOrdered", ordered, nameof(Victim.OrderedAmount), currency);
            ok &= v.CompensationPaid is not { } paid || fields.Amount<Victim>(errors, field + ".compensationPaid", paid, nameof(Victim.PaidAmount), currency);
            var id = Id(errors, field + ".id", v.Id, existing?.Victims);
            if (ok && (!hasAmount || currency is not null))
            {
                result.Add(new(id, new Victim(
                    v.Kind,
                    description ?? string.Empty,
                    v.CompensationOrdered is { } o ? new Money(o, currency!) : null,
                    v.CompensationPaid is { } p ? new Money(p, currency!) : null,
                    v.Visibility), i));
            }
        }

        return result;
    }

    private List<Revised<ThirdPartyClaim>> ThirdParties(ValidationCollector errors, SaveCaseRequest request, Case? existing)
    {
        var result = new List<Revised<ThirdPartyClaim>>();
        for (var i = 0; i < request.ThirdParties.Count; i++)
        {
            var t = request.ThirdParties[i];
            var field = $"thirdParties[{i}]";
            var description = fields.Text<ThirdPartyClaim>(errors, field + ".description", t.Description, nameof(ThirdPartyClaim.Description), multiline: true);
            var outcome = fields.Text<ThirdPartyClaim>(errors, field + ".outcome", t.Outcome, nameof(ThirdPartyClaim.Outcome), multiline: true);
            var id = Id(errors, field + ".id", t.Id, existing?.ThirdParties);
            result.Add(new(id, new ThirdPartyClaim(t.Kind, description ?? string.Empty, outcome, t.Visibility), i));
        }

        return result;
    }

    /// <summary>
    /// Challenges met, each a type of the taxonomy in the database. A retired type is refused for a new link but a link the
    /// case already has survives an edit (what GET returned can be PUT back). The State that met it must be one of the
    /// case's States, the proceeding it arose in (by legal route) one of the case's proceedings.
    /// </summary>
    private List<CaseChallenge> Challenges(ValidationCollector errors, SaveCaseRequest request, Case? existing, List<Revised<CaseState>> states, List<Revised<Proceeding>> proceedings)
    {
        var result = new List<CaseChallenge>();
        for (var i = 0; i < request.Challenges.Count; i++)
        {
            var c = request.Challenges[i];
            var field = $"challenges[{i}]";
            var code = fields.Text<CaseChallenge>(errors, field + ".code", c.Code, nameof(CaseChallenge.ChallengeCode));
            if (code is null || !challenges.IsKnown(code))
            {
                if (!errors.Errors.Any(e => e.Field == field + ".code"))
                {
                    errors.Add(field + ".code", "UnknownCode", code ?? string.Empty);
                }
            }
            else if (!challenges.IsOffered(code) && existing?.Challenges.Any(x => x.ChallengeCode == code) != true)
            {
                errors.Add(field + ".code", "RetiredChallenge", code);
            }

            var note = fields.Text<CaseChallenge>(errors, field + ".note", c.Note, nameof(CaseChallenge.Note), multiline: true);
            var state = fields.Text<CaseChallenge>(errors, field + ".state", c.State, nameof(CaseChallenge.StateCode));
            if (state is not null && !states.Any(s => s.Values.StateCode == state))
            {
                errors.Add(field + ".state", "ChallengeStateNotInCase", state);
            }

            var route = fields.Text<CaseChallenge>(errors, field + ".proceedingRoute", c.ProceedingRoute, nameof(CaseChallenge.ProceedingRoute));
            if (route is not null && !proceedings.Any(p => p.Values.RouteCode == route))
            {
                errors.Add(field + ".proceedingRoute", "ChallengeProceedingNotInCase", route);
            }

            if (code is not null)
            {
                result.Add(new CaseChallenge(code, note, state, route));
            }
        }

        return result;
    }

    private List<Revised<CaseSource>> Sources(ValidationCollector errors, SaveCaseRequest request, Case? existing, DateOnly today)
    {
        var result = new List<Revised<CaseSource>>();
        for (var i = 0; i < request.Sources.Count; i++)
        {
            var s = request.Sources[i];
            var field = $"sources[{i}]";
            var title = fields.Text<CaseSource>(errors, field + ".title", s.Title, nameof(CaseSource.Title));
            var state = fields.Text<CaseSource>(errors, field + ".state", s.State, nameof(CaseSource.StateCode));
            var url = fields.Text<CaseSource>(errors, field + ".url", s.Url, nameof(CaseSource.Url));
            if (s.Kind == SourceKind.StateSubmission && state is null && !errors.Errors.Any(e => e.Field == field + ".state"))
            {
                errors.Add(field + ".state", "Required");
            }
            else if (s.Kind == SourceKind.OpenSource && !errors.Errors.Any(e => e.Field == field + ".url")
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                errors.Add(field + ".url", url is null ? "Required" : "InvalidUrl");
            }

            DateOnly? date = null;
            if (!string.IsNullOrWhiteSpace(s.Date))
            {
                if (!DateOnly.TryParseExact(s.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    errors.Add(field + ".date", "InvalidDate", s.Date);
                }
                else if (d > today)
                {
                    errors.Add(field + ".date", "DateInFuture", s.Date);
                }
                else
                {
                    date = d;
                }
            }

            var id = Id(errors, field + ".id", s.Id, existing?.Sources);
            result.Add(new(id, new CaseSource(s.Kind, state, url, title ?? string.Empty, date, s.Visibility), i));
        }

        return result;
    }

    /// <summary>One stored detail cannot stand for two entries of the edit.</summary>
    private static void DuplicateIds<T>(ValidationCollector errors, string name, IReadOnlyList<Revised<T>> children)
    {
        foreach (var duplicate in children.Where(c => c.Id is not null).GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"{name}[{duplicate.Last().Index}].id", "DuplicateDetail", duplicate.Key!.Value);
        }
    }

    /// <summary>The id of a stored child of the case being edited; ids are ignored when a case is created.</summary>
    private static int? Id<T>(ValidationCollector errors, string field, int? id, IReadOnlyCollection<T>? stored)
        where T : IIdentified
    {
        if (id is null || stored is null)
        {
            return null;
        }

        if (stored.Any(c => c.Id == id))
        {
            return id;
        }

        errors.Add(field, "UnknownDetail", id.Value);
        return null;
    }

    private static bool Required(ValidationCollector errors, string field)
    {
        errors.Add(field, "Required");
        return false;
    }

    private static bool PartialDateField(ValidationCollector errors, string field, string? text, DateOnly today, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Required(errors, field);
        }

        if (!PartialDate.TryParse(text.Trim(), out date))
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
