using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>A State in a comparison, with the version compared (null: no validated profile).</summary>
public sealed record ComparedState(string Code, string Name, int? Number, string? AsOf, string? Source);

/// <summary>One State's answer to one question; <see cref="Answer"/> null when the State has not answered it.</summary>
public sealed record ComparedCell(string State, string? Answer, string? AnswerLabel, string? Note, string? LawTitle, string? LawArticle, string? LawUrl)
{
    public bool Missing => Answer is null;
}

public sealed record ComparedRow(string Question, string Label, string? Article, FrameworkSection Section, IReadOnlyList<ComparedCell> Cells);

/// <summary>States side by side on questions: a row per question, a cell per State, in the order asked.</summary>
public sealed record FrameworkComparison(IReadOnlyList<ComparedState> States, IReadOnlyList<ComparedRow> Rows);

/// <summary>
/// Reads of the legal framework profiles. Validated and superseded versions are public: they describe law, which is
/// public, and the Secretariat has checked them. Open versions (draft, submitted) are seen only by the State's focal
/// points and the Secretariat. Comparisons use each State's validated version only, never a superseded or open one.
/// </summary>
public sealed class LegalFrameworkQueries(RecoveryWatchDbContext db)
{
    /// <summary>More States than fit side by side on a page or a sheet; the form offers fewer.</summary>
    public const int MaxComparedStates = 12;

    /// <summary>Every State with a validated profile, by code.</summary>
    public async Task<IReadOnlyList<FrameworkListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<LegalFrameworkVersion>().AsNoTracking().Where(v => v.Status == FrameworkStatus.Validated)
            .OrderBy(v => v.StateCode)
            .Select(v => new { v.StateCode, v.Number, v.AsOf, v.Source, Answers = v.Answers.Count })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new FrameworkListItem(r.StateCode, r.Number, Day(r.AsOf), r.Source, r.Answers))];
    }

    /// <summary>Open versions sent for validation, oldest first: the Secretariat's queue.</summary>
    public async Task<IReadOnlyList<FrameworkVersionSummary>> AwaitingValidationAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<LegalFrameworkVersion>().AsNoTracking().Where(v => v.Status == FrameworkStatus.Submitted)
            .Select(v => new { v.StateCode, v.Number, v.AsOf, v.Source, v.Status, v.ValidatedAt, v.SubmissionId, v.SubmittedAt })
            .ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by a DateTimeOffset, and the queue is a handful of rows.
        return [.. rows.OrderBy(r => r.SubmittedAt).ThenBy(r => r.StateCode, StringComparer.Ordinal).Select(r => new FrameworkVersionSummary(r.Number, Day(r.AsOf), r.Source, r.Status, r.ValidatedAt, r.SubmissionId) { State = r.StateCode })];
    }

    /// <summary>A State's current profile and its versions; open versions listed only for those who may edit them.</summary>
    public async Task<FrameworkProfile> ProfileAsync(string state, bool canSeeOpen, bool withPeople, CancellationToken cancellationToken = default)
    {
        state = KnownState(state);
        var versions = await db.Set<LegalFrameworkVersion>().AsNoTracking().Where(v => v.StateCode == state)
            .Where(v => canSeeOpen || v.Status == FrameworkStatus.Validated || v.Status == FrameworkStatus.Superseded)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.AsOf, v.Source, v.Status, v.ValidatedAt, v.SubmissionId })
            .ToListAsync(cancellationToken);
        var current = await db.Set<LegalFrameworkVersion>().AsNoTracking().Include(v => v.Answers)
            .SingleOrDefaultAsync(v => v.StateCode == state && v.Status == FrameworkStatus.Validated, cancellationToken);
        return new FrameworkProfile(state, current is null ? null : LegalFrameworkDocument.From(current, withPeople),
            [.. versions.Select(v => new FrameworkVersionSummary(v.Number, Day(v.AsOf), v.Source, v.Status, v.ValidatedAt, v.SubmissionId))]);
    }

    /// <summary>One version by number; an open one only for those who may edit it (others get "not found").</summary>
    public async Task<LegalFrameworkDocument> VersionAsync(string state, int number, bool canSeeOpen, bool withPeople, CancellationToken cancellationToken = default)
    {
        state = KnownState(state);
        var version = await db.Set<LegalFrameworkVersion>().AsNoTracking().Include(v => v.Answers)
            .SingleOrDefaultAsync(v => v.StateCode == state && v.Number == number, cancellationToken);
        return version is null || (version.IsOpen && !canSeeOpen)
            ? throw new NotFoundException($"{state} has no legal framework version {number}.")
            : LegalFrameworkDocument.From(version, withPeople);
    }

    /// <summary>The State's open version (draft or submitted), or null.</summary>
    public async Task<LegalFrameworkDocument?> OpenAsync(string state, bool withPeople, CancellationToken cancellationToken = default)
    {
        state = KnownState(state);
        var open = await db.Set<LegalFrameworkVersion>().AsNoTracking().Include(v => v.Answers)
            .SingleOrDefaultAsync(v => v.StateCode == state && (v.Status == FrameworkStatus.Draft || v.Status == FrameworkStatus.Submitted), cancellationToken);
        return open is null ? null : LegalFrameworkDocument.From(open, withPeople);
    }

    /// <summary>
    /// Reads the States and questions of a comparison from the request's values: ISO codes separated by commas or repeated,
    /// each known, at most <see cref="MaxComparedStates"/>; question codes likewise (none: every question).
    /// </summary>
    public static (IReadOnlyList<string> States, IReadOnlyList<FrameworkQuestion> Questions) ParseSelection(IEnumerable<string?> states, IEnumerable<string?> questions, ValidationCollector errors, bool statesRequired)
    {
        var stateCodes = Split(states).Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in stateCodes.Where(s => !StateCode.IsKnown(s)))
        {
            errors.Add("states", "UnknownState", unknown);
        }

        if (stateCodes.Count == 0 && statesRequired)
        {
            errors.Add("states", "Required");
        }
        else if (stateCodes.Count > MaxComparedStates)
        {
            errors.Add("states", "TooMany", MaxComparedStates);
        }

        var questionCodes = Split(questions).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in questionCodes.Where(q => LegalFrameworkQuestions.Find(q) is null))
        {
            errors.Add("questions", "UnknownCode", unknown);
        }

        var chosen = questionCodes.Count == 0
            ? LegalFrameworkQuestions.All
            : [.. LegalFrameworkQuestions.All.Where(q => questionCodes.Contains(q.Code, StringComparer.Ordinal))];
        return (stateCodes, chosen);
    }

    /// <summary>The States side by side on the questions, each from its validated version; unanswered questions and States
    /// without a validated profile show as missing, never as "no".</summary>
    public async Task<FrameworkComparison> CompareAsync(IReadOnlyList<string> states, IReadOnlyList<FrameworkQuestion> questions, string language, CancellationToken cancellationToken = default)
    {
        var codes = questions.Select(q => q.Code).ToList();
        var versions = await db.Set<LegalFrameworkVersion>().AsNoTracking()
            .Where(v => states.Contains(v.StateCode) && v.Status == FrameworkStatus.Validated)
            .Select(v => new
            {
                v.StateCode,
                v.Number,
                v.AsOf,
                v.Source,
                Answers = v.Answers.Where(a => codes.Contains(a.QuestionCode))
                    .Select(a => new { a.QuestionCode, a.Answer, a.Note, a.LawTitle, a.LawArticle, a.LawUrl }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var byState = versions.ToDictionary(v => v.StateCode, StringComparer.Ordinal);
        var catalog = ReferenceCatalog.Default;
        var compared = states.Select(s => byState.TryGetValue(s, out var v)
            ? new ComparedState(s, catalog.StateName(s, language), v.Number, Day(v.AsOf), v.Source)
            : new ComparedState(s, catalog.StateName(s, language), null, null, null)).ToList();
        var rows = questions.Select(q => new ComparedRow(q.Code, q.Name(language), q.Article, q.Section, [.. states.Select(s =>
        {
            var answer = byState.TryGetValue(s, out var v) ? v.Answers.FirstOrDefault(a => a.QuestionCode == q.Code) : null;
            return answer is null
                ? new ComparedCell(s, null, null, null, null, null, null)
                : new ComparedCell(s, answer.Answer, LegalFrameworkQuestions.Answer(q, answer.Answer)?.Name(language) ?? answer.Answer, answer.Note, answer.LawTitle, answer.LawArticle, answer.LawUrl);
        })])).ToList();
        return new FrameworkComparison(compared, rows);
    }

    private static IEnumerable<string> Split(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string KnownState(string state)
    {
        state = (state ?? string.Empty).Trim().ToUpperInvariant();
        return StateCode.IsKnown(state) ? state : throw new NotFoundException($"No State {state}.");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
