using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// Technical-assistance needs of States and the activities that answered them (COSP resolution 8/9: the Secretariat
/// collects technical-assistance and capacity-building needs so that an analytical report can guide technical assistance;
/// UNCAC arts. 60 and 62). Reads are filtered in the query by what the reader may see (<see cref="AssistanceQueries"/>);
/// every write is one transaction with its audit entry, and a status change based on a stale read loses (409) instead of
/// being applied twice.
/// </summary>
public sealed class TechnicalAssistance(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 50;

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private FieldRules Fields => FieldRules.For(db.Model);

    public async Task<NeedPage> ListNeedsAsync(NeedFilter filter, CaseReader reader, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.Needs().AsNoTracking().VisibleTo(reader).Filter(filter);
        page = Math.Clamp(page, 1, 1_000_000);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var total = await query.CountAsync(cancellationToken);
        // Unmet first, then by priority (High is the first name, so the string order of the stored names would not do).
        var needs = await query
            .OrderBy(n => n.Status == NeedStatus.Open || n.Status == NeedStatus.InProgress ? 0 : 1)
            .ThenBy(n => n.Priority == NeedPriority.High ? 0 : n.Priority == NeedPriority.Medium ? 1 : 2)
            .ThenBy(n => n.StateCode).ThenBy(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = needs.Select(n => n.Id).ToList();
        var activities = await ActivitiesOfAsync(ids, reader, cancellationToken);
        return new NeedPage([.. needs.Select(n => NeedDocument.From(n, activities[n.Id]))], total, page, pageSize);
    }

    public async Task<NeedDocument> GetNeedAsync(int id, CaseReader reader, CancellationToken cancellationToken = default)
    {
        var need = await db.Needs().AsNoTracking().VisibleTo(reader).SingleOrDefaultAsync(n => n.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Need {id} does not exist.");
        var activities = await ActivitiesOfAsync([id], reader, cancellationToken);
        return NeedDocument.From(need, activities[id]);
    }

    public async Task<int> CreateNeedAsync(NeedDocument request, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var state = Fields.Text<AssistanceNeed>(errors, "state", request.State, nameof(AssistanceNeed.StateCode));
        if (state is null && !errors.Errors.Any(e => e.Field == "state"))
        {
            errors.Add("state", "Required");
        }

        var (area, type, priority, description) = CheckContent(request, errors);
        var status = request.Status ?? NeedStatus.Open;
        if (!AssistanceNeed.CanMove(NeedStatus.Open, status))
        {
            errors.Add("status", "NeedTransitionNotAllowed", StatusKey(NeedStatus.Open), StatusKey(status));
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var need = new AssistanceNeed(state!, area!, type!.Value, priority!.Value, description!, request.Visibility ?? Visibility.Secretariat,
            NeedSource.Secretariat, null, null, null, actor, now);
        need.Move(status);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.Add(need);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "create", nameof(AssistanceNeed), need.Id.ToString(CultureInfo.InvariantCulture), null, Snapshot(need)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return need.Id;
    }

    /// <returns>Whether anything changed: the document as GET returned it changes nothing and writes nothing.</returns>
    public async Task<bool> UpdateNeedAsync(int id, NeedDocument request, string actor, CancellationToken cancellationToken = default)
    {
        var need = await db.Needs().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) ?? throw new NotFoundException($"Need {id} does not exist.");
        var errors = new ValidationCollector();
        if (request.State is { } state && !string.Equals(state.Trim(), need.StateCode, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("state", "NeedStateFixed", need.StateCode);
        }

        var (area, type, priority, description) = CheckContent(request, errors);
        errors.ThrowIfAny();
        if (request.Version is { } version && version != need.Version)
        {
            throw ConflictException.ConcurrentChange("version");
        }

        var before = Snapshot(need);
        need.Describe(area!, type!.Value, priority!.Value, description!, request.Visibility ?? need.Visibility);
        if (request.Status is { } status)
        {
            Transition(need, status, "status");
        }

        if (Snapshot(need) == before)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        var now = clock.GetUtcNow();
        need.Changed(now);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // The version token in the UPDATE decides a race: of eight identical edits read at once, one is applied.
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "update", nameof(AssistanceNeed), id.ToString(CultureInfo.InvariantCulture), before, Snapshot(need)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Every rule the request breaks, without storing anything (the form shows them all at once).</summary>
    public async Task<IReadOnlyList<ValidationError>> CheckNeedAsync(int? id, NeedDocument request, CancellationToken cancellationToken = default)
    {
        try
        {
            var errors = new ValidationCollector();
            if (id is null && TextInput.IsBlank(request.State))
            {
                errors.Add("state", "Required");
            }
            else if (id is null)
            {
                Fields.Text<AssistanceNeed>(errors, "state", request.State, nameof(AssistanceNeed.StateCode));
            }

            CheckContent(request, errors);
            if (id is { } known && request.Status is { } status
                && await db.Needs().AsNoTracking().Where(n => n.Id == known).Select(n => (NeedStatus?)n.Status).SingleOrDefaultAsync(cancellationToken) is { } current
                && !AssistanceNeed.CanMove(current, status))
            {
                errors.Add("status", "NeedTransitionNotAllowed", StatusKey(current), StatusKey(status));
            }

            return errors.Errors;
        }
        catch (ValidationFailedException exception)
        {
            return exception.Errors;
        }
    }

    public async Task<ActivityPage> ListActivitiesAsync(CaseReader reader, string? state, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.Activities().AsNoTracking().VisibleTo(reader);
        if (!string.IsNullOrWhiteSpace(state))
        {
            var code = state.Trim().ToUpperInvariant();
            if (!StateCode.IsKnown(code))
            {
                throw new ValidationFailedException([new ValidationError("state", "UnknownState", state)]);
            }

            query = query.Where(a => a.States.Any(s => s.StateCode == code));
        }

        page = Math.Clamp(page, 1, 1_000_000);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var total = await query.CountAsync(cancellationToken);
        var activities = await query.Include(a => a.States).Include(a => a.Needs).AsSplitQuery()
            .OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var needIds = activities.SelectMany(a => a.Needs.Select(n => n.NeedId)).Distinct().ToList();
        var needs = await db.Needs().AsNoTracking().VisibleTo(reader).Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        return new ActivityPage([.. activities.Select(a => Document(a, needs))], total, page, pageSize);
    }

    public async Task<ActivityDocument> GetActivityAsync(int id, CaseReader reader, CancellationToken cancellationToken = default)
    {
        var activity = await db.Activities().AsNoTracking().VisibleTo(reader).Include(a => a.States).Include(a => a.Needs).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException($"Activity {id} does not exist.");
        var needIds = activity.Needs.Select(n => n.NeedId).ToList();
        var needs = await db.Needs().AsNoTracking().VisibleTo(reader).Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        return Document(activity, needs);
    }

    /// <summary>
    /// Records an activity delivered and the needs it answered. A need moves only where the request says so
    /// (<see cref="ActivityNeedLink.MarkAs"/>), along its guarded path; the activity, each moved need and their audit
    /// entries are written in one transaction.
    /// </summary>
    public async Task<int> CreateActivityAsync(ActivityDocument request, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var title = Required<AssistanceActivity>(errors, "title", request.Title, nameof(AssistanceActivity.Title));
        var provider = Required<AssistanceActivity>(errors, "provider", request.Provider, nameof(AssistanceActivity.Provider));
        var description = Fields.Text<AssistanceActivity>(errors, "description", request.Description, nameof(AssistanceActivity.Description), multiline: true) ?? string.Empty;
        if (request.StartDate is null)
        {
            errors.Add("startDate", "Required");
        }

        if (request.EndDate is null)
        {
            errors.Add("endDate", "Required");
        }
        else if (request.StartDate is { } start && request.EndDate < start)
        {
            errors.Add("endDate", "EndBeforeStart");
        }

        var states = new List<string>();
        if (request.States is null || request.States.Count == 0)
        {
            errors.Add("states", "AtLeastOneState");
        }
        else
        {
            for (var i = 0; i < request.States.Count; i++)
            {
                if (request.States[i] is null)
                {
                    errors.Add($"states[{i}]", "NullItem");
                    continue;
                }

                var code = Fields.Text<AssistanceActivityState>(errors, $"states[{i}]", request.States[i], nameof(AssistanceActivityState.StateCode));
                if (code is not null && states.Contains(code))
                {
                    errors.Add($"states[{i}]", "Duplicate");
                }
                else if (code is not null)
                {
                    states.Add(code);
                }
            }
        }

        var links = request.Needs ?? [];
        var wanted = links.Where(l => l is not null).Select(l => l.Id).Distinct().ToList();
        var needs = await db.Needs().Where(n => wanted.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var seen = new HashSet<int>();
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not { } link)
            {
                errors.Add($"needs[{i}]", "NullItem");
                continue;
            }

            if (!seen.Add(link.Id))
            {
                errors.Add($"needs[{i}].id", "Duplicate");
            }
            else if (!needs.TryGetValue(link.Id, out var need))
            {
                errors.Add($"needs[{i}].id", "UnknownNeed", link.Id);
            }
            else if (!states.Contains(need.StateCode))
            {
                // An activity answers the needs of the States it benefited; anything else is a slip of the pen.
                errors.Add($"needs[{i}].id", "NeedNotOfBenefitingState", link.Id, need.StateCode);
            }
            else if (link.MarkAs is { } markAs && (markAs is not (NeedStatus.InProgress or NeedStatus.Met) || !AssistanceNeed.CanMove(need.Status, markAs)))
            {
                errors.Add($"needs[{i}].markAs", "NeedTransitionNotAllowed", StatusKey(need.Status), StatusKey(markAs));
            }
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var activity = new AssistanceActivity(title!, provider!, request.StartDate!.Value, request.EndDate!.Value, description, request.Visibility ?? Visibility.Public, actor, now);
        activity.Benefit(states);
        activity.Answer(links.Select(l => l.Id));
        var moved = new List<(AssistanceNeed Need, string Before)>();
        foreach (var link in links.Where(l => l.MarkAs is not null && needs[l.Id].Status != l.MarkAs))
        {
            var need = needs[link.Id];
            var before = Snapshot(need);
            need.Move(link.MarkAs!.Value);
            need.Changed(now);
            moved.Add((need, before));
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.Add(activity);
        // The needs' version tokens decide a race with another status change: one of them wins, the other gets a 409.
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "create", nameof(AssistanceActivity), activity.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(Document(activity, needs), AuditJson)));
        foreach (var (need, before) in moved)
        {
            db.AuditEntries.Add(new AuditEntry(now, actor, "answered-by-activity", nameof(AssistanceNeed), need.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(need)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return activity.Id;
    }

    /// <summary>Unmet needs (open or in progress) the reader may see, counted by the database per regional group, type or area.</summary>
    public async Task<IReadOnlyList<UnmetCount>> UnmetAsync(UnmetGrouping by, CaseReader reader, CancellationToken cancellationToken = default)
    {
        var unmet = db.Needs().AsNoTracking().VisibleTo(reader).Unmet();
        List<(string Group, int Count, NeedFilter Filter)> rows;
        switch (by)
        {
            case UnmetGrouping.Region:
                var regions = await (from n in unmet
                                     join s in db.States on n.StateCode equals s.Code
                                     group n by s.RegionalGroup into g
                                     select new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                rows = [.. regions.Select(r => (r.Key?.ToString() ?? "None", r.Count, new NeedFilter { Region = r.Key, Unmet = true }))];
                break;
            case UnmetGrouping.Type:
                var types = await unmet.GroupBy(n => n.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                rows = [.. types.Select(t => (t.Key.ToString(), t.Count, new NeedFilter { Type = t.Key, Unmet = true }))];
                break;
            default:
                var areas = await unmet.GroupBy(n => n.AreaCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                rows = [.. areas.Select(a => (a.Key, a.Count, new NeedFilter { Area = a.Key, Unmet = true }))];
                break;
        }

        return [.. rows.OrderByDescending(r => r.Count).ThenBy(r => r.Group, StringComparer.Ordinal)
            .Select(r => new UnmetCount(r.Group, r.Count, "/technical-assistance?" + r.Filter.Query()))];
    }

    /// <summary>The unmet table: regional group × type, counted by the database over the needs the reader may see.</summary>
    public async Task<IReadOnlyList<UnmetCell>> UnmetByRegionAndTypeAsync(CaseReader reader, CancellationToken cancellationToken = default)
    {
        var cells = await (from n in db.Needs().AsNoTracking().VisibleTo(reader).Unmet()
                           join s in db.States on n.StateCode equals s.Code
                           group n by new { s.RegionalGroup, n.Type } into g
                           select new { g.Key.RegionalGroup, g.Key.Type, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. cells.Select(c => new UnmetCell(c.RegionalGroup, c.Type, c.Count))];
    }

    /// <summary>
    /// Turns the rows of sheet AssistanceNeeds of a validated answer into needs of its State, each with its cell, in the
    /// caller's transaction (the validation's). A need the State already has on record, still unmet, with the same area,
    /// type and description (reported again in a later round) is not recorded twice; the unique index on the answer and
    /// cell refuses any second copy of one row. Needs read from answers are restricted (the Secretariat and the State's
    /// own focal points) until the Secretariat publishes them: they describe a State's gaps.
    /// </summary>
    /// <returns>The needs added (their ids are known after the caller's save).</returns>
    public static async Task<IReadOnlyList<AssistanceNeed>> FromSubmissionAsync(RecoveryWatchDbContext db, Collection.Submission submission, string actor, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var rows = submission.Details.Where(d => d.Sheet == Collection.Questionnaire.NeedsSheet && d.Code is not null && d.NeedType is not null).OrderBy(d => d.Row).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var existing = (await db.Needs().AsNoTracking().Where(n => n.StateCode == submission.StateCode).Unmet()
                .Select(n => new { n.AreaCode, n.Type, n.Description }).ToListAsync(cancellationToken))
            .Select(n => (n.AreaCode, n.Type, n.Description)).ToHashSet();
        var added = new List<AssistanceNeed>();
        foreach (var row in rows)
        {
            var key = (row.Code!, row.NeedType!.Value, row.Text);
            if (!existing.Add(key))
            {
                continue;
            }

            var need = new AssistanceNeed(submission.StateCode, row.Code!, row.NeedType.Value, row.Priority ?? NeedPriority.Medium, row.Text, Visibility.Secretariat,
                NeedSource.Submission, submission.RoundId, submission.Id, Collection.Questionnaire.NeedsSheet + "!A" + row.Row.ToString(CultureInfo.InvariantCulture), actor, now);
            db.Add(need);
            added.Add(need);
        }

        return added;
    }

    private (string? Area, AssistanceType? Type, NeedPriority? Priority, string? Description) CheckContent(NeedDocument request, ValidationCollector errors)
    {
        var area = Fields.Text<AssistanceNeed>(errors, "area", request.Area, nameof(AssistanceNeed.AreaCode));
        if (area is null && !errors.Errors.Any(e => e.Field == "area"))
        {
            errors.Add("area", "Required");
        }
        else if (area is not null && !ReferenceCatalog.Default.AssistanceAreas.ContainsKey(area))
        {
            errors.Add("area", "UnknownCode", area);
        }

        if (request.Type is null)
        {
            errors.Add("type", "Required");
        }

        if (request.Priority is null)
        {
            errors.Add("priority", "Required");
        }

        var description = Required<AssistanceNeed>(errors, "description", request.Description, nameof(AssistanceNeed.Description), multiline: true);
        return (area, request.Type, request.Priority, description);
    }

    private string? Required<TEntity>(ValidationCollector errors, string field, string? value, string property, bool multiline = false)
    {
        var text = Fields.Text<TEntity>(errors, field, value, property, multiline);
        if (text is null && !errors.Errors.Any(e => e.Field == field))
        {
            errors.Add(field, "Required");
        }

        return text;
    }

    private static void Transition(AssistanceNeed need, NeedStatus to, string field)
    {
        try
        {
            need.Move(to);
        }
        catch (InvalidOperationException exception)
        {
            // The need is no longer where the request expected it (met or withdrawn meanwhile): a conflict with its current
            // state (409), as for a submission.
            throw new ConflictException(field, exception.Message, StatusKey(need.Status), StatusKey(to));
        }
    }

    private async Task<ILookup<int, int>> ActivitiesOfAsync(List<int> needIds, CaseReader reader, CancellationToken cancellationToken)
    {
        var visible = db.Activities().VisibleTo(reader).Select(a => a.Id);
        var links = await db.Set<AssistanceActivityNeed>().AsNoTracking().Where(l => needIds.Contains(l.NeedId) && visible.Contains(l.ActivityId))
            .Select(l => new { l.NeedId, l.ActivityId }).ToListAsync(cancellationToken);
        return links.ToLookup(l => l.NeedId, l => l.ActivityId);
    }

    private static ActivityDocument Document(AssistanceActivity a, Dictionary<int, AssistanceNeed> visibleNeeds) => new()
    {
        Id = a.Id,
        Title = a.Title,
        Provider = a.Provider,
        StartDate = a.StartDate,
        EndDate = a.EndDate,
        Description = a.Description,
        Visibility = a.Visibility,
        States = [.. a.States.Select(s => s.StateCode).Order(StringComparer.Ordinal)],
        Needs = [.. a.Needs.Where(n => visibleNeeds.ContainsKey(n.NeedId)).OrderBy(n => n.NeedId)
            .Select(n => visibleNeeds[n.NeedId]).Select(n => new ActivityNeedLink { Id = n.Id, State = n.StateCode, Area = n.AreaCode, Status = n.Status })],
        IsSynthetic = a.IsSynthetic,
        CreatedAt = a.CreatedAt,
    };

    /// <summary>A status named in a message, translated with it.</summary>
    private static MessageKey StatusKey(NeedStatus status) => new("Enum.NeedStatus." + status);

    private static string Snapshot(AssistanceNeed need) => JsonSerializer.Serialize(NeedDocument.From(need) with { Version = null, UpdatedAt = null }, AuditJson);
}
