using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public sealed record SubmissionView(int Id, int RoundId, string State, SubmissionStatus Status, SubmissionChannel Channel, DateTimeOffset SubmittedAt, string? FileName, string? Sha256,
    IReadOnlyList<SubmittedCaseView> Cases, IReadOnlyList<SubmittedMeasureView> Measures, IReadOnlyList<CommentView> Comments, IReadOnlyList<SubmittedDetailView> Details);

/// <summary>A row of the Victims, ThirdParties, Challenges, GoodPractices or AssistanceNeeds sheet; <paramref name="Cell"/> is
/// the cell of its main field, as the workbook names it.</summary>
public sealed record SubmittedDetailView(string Sheet, int Row, string? CaseReference, string? Code, string Text, string Cell);

/// <summary>A reported case row; <paramref name="Change"/> says what validating would do: "new" or "update" of a stored case.
/// <paramref name="Role"/> is the reporting State's role, <paramref name="CounterpartRole"/> the other State's (each State
/// is shown with its own role); <paramref name="CaseStatus"/> is the status of the case the row became once validated
/// (a new case is a draft until the Secretariat publishes it).</summary>
public sealed record SubmittedCaseView(int Row, int? CaseKey, string Reference, string Title, string CounterpartState, StateRole Role, string Change, int? CaseId,
    string ReportingState, StateRole CounterpartRole, string Cell, Cases.CaseStatus? CaseStatus);

/// <summary>A reported figure; <paramref name="AlreadyStored"/> when the same figure is already in the case;
/// <paramref name="Cell"/> is its amount's cell (e.g. <c>Measures!D5</c>), the cell a validated figure's provenance names.</summary>
public sealed record SubmittedMeasureView(int Row, string CaseReference, Stage Stage, AssetType AssetType, decimal Amount, string Currency, string Date, bool AlreadyStored, string Cell);

public sealed record CommentView(string Sheet, int Row, string Text, DateTimeOffset At, string Cell);

public static class SubmissionQueries
{
    /// <summary>The role of the other State of a reported case: the questionnaire asks a State whether it requested or was
    /// requested (transit States do not report), so the other State holds the opposite role.</summary>
    public static StateRole CounterpartRole(StateRole reportingRole) => reportingRole == StateRole.Requesting ? StateRole.Requested : StateRole.Requesting;

    /// <summary>The column that names a row of a sheet: the title of a case, the amount of a figure (the cell a validated
    /// figure's provenance points to), the main field of the other sheets.</summary>
    private static readonly IReadOnlyDictionary<string, string> MainColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Questionnaire.CasesSheet] = Questionnaire.Column(Questionnaire.CaseColumns.ToList().IndexOf("title")),
        [Questionnaire.MeasuresSheet] = Questionnaire.Column(Questionnaire.MeasureColumns.ToList().IndexOf("amount")),
        [Questionnaire.VictimsSheet] = Questionnaire.Column(Questionnaire.VictimColumns.ToList().IndexOf("description")),
        [Questionnaire.ThirdPartiesSheet] = Questionnaire.Column(Questionnaire.ThirdPartyColumns.ToList().IndexOf("description")),
        [Questionnaire.ChallengesSheet] = Questionnaire.Column(Questionnaire.ChallengeColumns.ToList().IndexOf("challenge")),
        [Questionnaire.PracticesSheet] = Questionnaire.Column(Questionnaire.PracticeColumns.ToList().IndexOf("description")),
        [Questionnaire.NeedsSheet] = Questionnaire.Column(Questionnaire.NeedColumns.ToList().IndexOf("area")),
    };

    /// <summary>The cell reference of a data row, as a spreadsheet names it (<c>Measures!D5</c>).</summary>
    public static string Cell(string sheet, int row) =>
        $"{sheet}!{MainColumns.GetValueOrDefault(sheet, "A")}{row.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Each State's current answer in a round (its latest one not superseded; <paramref name="state"/> for one
    /// State only), with what a replacement confirmation lists: date, channel, file and counts. Loads no original file.</summary>
    public static async Task<IReadOnlyList<CurrentSubmission>> CurrentAsync(RecoveryWatchDbContext db, int roundId, string? state, CancellationToken cancellationToken)
    {
        var live = await db.Submissions.AsNoTracking()
            .Where(s => s.RoundId == roundId && s.Status != SubmissionStatus.Superseded && (state == null || s.StateCode == state))
            .Select(s => new CurrentSubmission(s.Id, s.StateCode, s.Status, s.Channel, s.SubmittedAt, s.FileName, s.Cases.Count, s.Measures.Count))
            .ToListAsync(cancellationToken);
        return [.. live.GroupBy(s => s.State, StringComparer.Ordinal).Select(g => g.MaxBy(s => s.Id)!).OrderBy(s => s.State, StringComparer.Ordinal)];
    }

    /// <summary>The submission with, for each row, what it changes against what is stored (the review's diff).</summary>
    public static async Task<SubmissionView> GetAsync(RecoveryWatchDbContext db, int id, IReadOnlyCollection<string>? states, CancellationToken cancellationToken)
    {
        var s = await db.Submissions.AsNoTracking().Include(x => x.Cases).Include(x => x.Measures).Include(x => x.Comments).Include(x => x.Details).AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null || (states is not null && !states.Contains(s.StateCode)))
        {
            throw new NotFoundException($"Submission {id} does not exist.");
        }

        var keys = s.Cases.Where(c => c.CaseKey is not null).Select(c => c.CaseKey!.Value).ToList();
        var stored = await db.Measures.AsNoTracking().Where(m => keys.Contains(m.CaseId))
            .Select(m => new { m.CaseId, m.Stage, m.Year, m.Month, m.Day, m.Amount, m.Currency }).ToListAsync(cancellationToken);
        var byReference = s.Cases.ToDictionary(c => c.Reference, StringComparer.Ordinal);
        var caseIds = s.Cases.Where(c => c.CaseId is not null).Select(c => c.CaseId!.Value).ToList();
        var statuses = caseIds.Count == 0 ? new Dictionary<int, Cases.CaseStatus>() : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status, cancellationToken);
        return new SubmissionView(s.Id, s.RoundId, s.StateCode, s.Status, s.Channel, s.SubmittedAt, s.FileName, s.Sha256,
            [.. s.Cases.OrderBy(c => c.Row).Select(c => new SubmittedCaseView(c.Row, c.CaseKey, c.Reference, c.Title, c.CounterpartState, c.RoleOfReportingState, c.CaseKey is null ? "new" : "update", c.CaseId,
                s.StateCode, CounterpartRole(c.RoleOfReportingState), Cell(Questionnaire.CasesSheet, c.Row),
                c.CaseId is { } id && statuses.TryGetValue(id, out var status) ? status : null))],
            [.. s.Measures.OrderBy(m => m.Row).Select(m =>
            {
                var key = byReference.TryGetValue(m.CaseReference, out var row) ? row.CaseKey : null;
                var already = key is not null && stored.Any(x => x.CaseId == key && x.Stage == m.Stage && x.Year == m.Year && x.Month == m.Month && x.Day == m.Day && x.Amount == m.Amount && x.Currency == m.Currency);
                return new SubmittedMeasureView(m.Row, m.CaseReference, m.Stage, m.AssetType, Amounts.Normalize(m.Amount), m.Currency, m.Date.ToString(), already, Cell(Questionnaire.MeasuresSheet, m.Row));
            })],
            [.. s.Comments.OrderBy(c => c.Id).Select(c => new CommentView(c.Sheet, c.Row, c.Text, c.At, Cell(c.Sheet, c.Row)))],
            [.. s.Details.OrderBy(d => d.Sheet, StringComparer.Ordinal).ThenBy(d => d.Row).Select(d => new SubmittedDetailView(d.Sheet, d.Row, d.CaseReference, d.Code, d.Text, Cell(d.Sheet, d.Row)))]);
    }
}
