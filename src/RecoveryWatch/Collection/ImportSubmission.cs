using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public sealed record SubmissionSummary(int Id, int RoundId, string State, SubmissionStatus Status, int Cases, int Measures, DateTimeOffset SubmittedAt, string? Sha256);

/// <summary>A State's current answer in a round (the latest not superseded), as the replacement confirmation shows it.</summary>
public sealed record CurrentSubmission(int Id, string State, SubmissionStatus Status, SubmissionChannel Channel, DateTimeOffset SubmittedAt, string? FileName, int Cases, int Measures)
{
    /// <summary>Only an answer still under review can be superseded: a validated one is already merged into the case database.</summary>
    public bool Replaceable => Status is SubmissionStatus.Submitted or SubmissionStatus.ClarificationRequested;
}

/// <summary>
/// The sender's explicit consent that a new answer supersedes the State's current one in the round. Without it, an answer
/// that would replace another is refused (409) naming the one it would supersede, so nothing is replaced without a word.
/// </summary>
/// <param name="SubmissionId">The answer the sender was shown and agreed to replace (the pages' confirmation step); null for
/// whichever answer is current (the API's <c>replace=true</c>, the command line's <c>--replace</c>).</param>
public sealed record Replacement(int? SubmissionId)
{
    public static Replacement Current { get; } = new((int?)null);

    public static Replacement Of(int submissionId) => new(submissionId);
}

/// <summary>
/// Imports a State's filled-in workbook for a round: checks the package, every cell and every cross-row rule, reports every
/// error at once with its sheet, row and column, and stores nothing unless the whole workbook is valid. The original file
/// is kept, and each row remembers where it came from.
/// </summary>
/// <remarks>
/// Races are decided by the database, not by a lock in this process, so they hold with two app instances on one
/// PostgreSQL: the State's round status is read before the (long) parsing, and storing updates it only if its version is
/// still the one read. Of two imports for one State and round at once, the first stores and the second is refused (409);
/// an import never supersedes an answer it was not told about.
/// </remarks>
public sealed class ImportSubmission(RecoveryWatchDbContext db, TimeProvider clock, Knowledge.ChallengeTaxonomy challenges)
{
    /// <summary>The conflict code of an answer that would supersede the State's current one without the sender's consent.</summary>
    public const string WouldSupersede = "SubmissionWouldBeSuperseded";

    /// <summary>The conflict code of a confirmation given for an answer that is no longer the current one.</summary>
    public const string ChangedSinceConfirmed = "SubmissionChangedSinceConfirmed";

    public async Task<SubmissionSummary> HandleAsync(int roundId, string stateCode, string fileName, byte[] file, string actor, Replacement? replace = null, CancellationToken cancellationToken = default)
    {
        var (round, roundState) = await LoadRoundAsync(roundId, stateCode, cancellationToken);
        if (file.LongLength > WorkbookReader.MaxFileBytes)
        {
            throw new WorkbookRejectedException([new CellError("workbook", null, null, "FileTooLarge", WorkbookReader.MaxFileBytes / (1024 * 1024))]);
        }

        var sheets = WorkbookReader.Read(file, [Questionnaire.CasesSheet, Questionnaire.MeasuresSheet, .. Questionnaire.DetailSheets.Select(d => d.Sheet)], [Questionnaire.LegalFrameworkSheet]);
        return await StoreAsync(round, roundState, stateCode, sheets, SubmissionChannel.Excel, actor, fileName, file, replace, cancellationToken);
    }

    /// <summary>The online form's answer: the same rows, the same checks, the same errors (by sheet, row and column).</summary>
    /// <param name="typedIn">The culture the form's amounts were typed in (see <see cref="LocalizedNumber"/>).</param>
    public async Task<SubmissionSummary> HandleRowsAsync(int roundId, string stateCode, Dictionary<string, List<SheetRow>> sheets, string actor, Replacement? replace = null, CultureInfo? typedIn = null, CancellationToken cancellationToken = default)
    {
        var (round, roundState) = await LoadRoundAsync(roundId, stateCode, cancellationToken);
        return await StoreAsync(round, roundState, stateCode, sheets, SubmissionChannel.Online, actor, null, null, replace, cancellationToken, typedIn);
    }

    /// <summary>The round, and the State's status in it tracked with the version read now, before any parsing.</summary>
    private async Task<(InformationRound Round, RoundState State)> LoadRoundAsync(int roundId, string stateCode, CancellationToken cancellationToken)
    {
        var round = await db.Set<InformationRound>().Include(r => r.States).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundException($"Round {roundId} does not exist.");
        var roundState = round.States.SingleOrDefault(s => s.StateCode == stateCode)
            ?? throw new ValidationFailedException([new ValidationError("state", "NotAskedInRound", stateCode)]);
        return (round, roundState);
    }

    private async Task<SubmissionSummary> StoreAsync(InformationRound round, RoundState roundState, string stateCode, Dictionary<string, List<SheetRow>> sheets, SubmissionChannel channel,
        string actor, string? fileName, byte[]? file, Replacement? replace, CancellationToken cancellationToken, CultureInfo? typedIn = null)
    {
        var roundId = round.Id;
        // A key in the hidden column may only name a case this State reports on: a forged key must not attach figures to another State's case.
        var reportedCaseIds = await db.Cases.ReportedBy(stateCode).Select(c => c.Id).ToHashSetAsync(cancellationToken);
        var submission = new SubmissionParser(db, await challenges.GetAsync(cancellationToken)).Parse(new SubmissionOrigin(round, stateCode, channel, actor, clock.GetUtcNow(), fileName, file), sheets, reportedCaseIds, typedIn);
        if (submission.Cases.Count + submission.Measures.Count + submission.Details.Count + submission.LegalAnswers.Count == 0)
        {
            // An answer without a single row is a mistake (an empty form sent, the blank template uploaded), never an answer
            // to store, let alone one that supersedes the State's earlier answer.
            throw new WorkbookRejectedException([new CellError(channel == SubmissionChannel.Excel ? "workbook" : Questionnaire.CasesSheet, null, null, "NoRows")]);
        }

        // Read after the round status (LoadRoundAsync): if another answer arrives between the two reads, the status's version
        // has moved and the claim below refuses this import, so it never supersedes an answer other than the one checked here.
        var current = (await SubmissionQueries.CurrentAsync(db, roundId, stateCode, cancellationToken)).SingleOrDefault();
        CheckReplacement(current, replace);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // The claim: UPDATE ... WHERE Version = the version read before parsing. Every step that changes this State's
        // answer in the round (an import, a clarification request, a validation) raises it, so a concurrent one makes this
        // a 409 (ConflictException), decided by the database whichever app instance runs the other.
        roundState.Set(RoundStateStatus.Submitted, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException exception)
        {
            throw new ConflictException("state", "RoundAnswerChangedMeanwhile", exception);
        }
        if (current is { Replaceable: true })
        {
            // One statement that loads no old file; the version is raised like any transition's, so a review that read the
            // old answer before this cannot validate it afterwards.
            var superseded = await Translate(() => db.Set<Submission>()
                .Where(s => s.Id == current.Id && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.ClarificationRequested))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Superseded).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken));
            if (superseded != 1)
            {
                throw ConflictException.ConcurrentChange("replace");
            }
        }

        db.Add(submission);
        if (channel == SubmissionChannel.Online)
        {
            // The draft became this answer: it goes in the same transaction, so a failed submission keeps it.
            await Translate(() => db.Set<SubmissionDraft>().Where(d => d.RoundId == roundId && d.StateCode == stateCode).ExecuteDeleteAsync(cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "submit", nameof(Submission), submission.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new
            {
                round = round.Code, state = stateCode, channel = channel.ToString(), fileName, submission.Sha256, cases = submission.Cases.Count, measures = submission.Measures.Count,
                supersedes = current is { Replaceable: true } ? current.Id : (int?)null,
            })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Summarise(submission);
    }

    /// <summary>
    /// A new answer supersedes the State's current one only with the sender's consent; a validated answer is not superseded
    /// at all: it is merged into the case database, and a second answer in the same round would add every new case again.
    /// Corrections after validation go through the Secretariat or the next round's pre-filled template (keyed rows update).
    /// </summary>
    private static void CheckReplacement(CurrentSubmission? current, Replacement? replace)
    {
        if (current is null)
        {
            return;
        }

        if (!current.Replaceable)
        {
            throw new ConflictException("replace", "RoundAnswerAlreadyValidated", current.Id);
        }

        if (replace is null)
        {
            throw new ConflictException("replace", WouldSupersede, current.Id, current.SubmittedAt, new MessageKey("Enum.SubmissionChannel." + current.Channel),
                current.Cases, current.Measures, new MessageKey("Enum.SubmissionStatus." + current.Status));
        }

        if (replace.SubmissionId is { } confirmed && confirmed != current.Id)
        {
            throw new ConflictException("replace", ChangedSinceConfirmed, confirmed, current.Id);
        }
    }

    /// <summary>A bulk statement runs outside SaveChanges, which translates lost races; PostgreSQL may end one of two
    /// transactions waiting on each other's rows (deadlock, serialization failure): that too is a lost race, a 409.</summary>
    private static async Task<int> Translate(Func<Task<int>> statement)
    {
        try
        {
            return await statement();
        }
        catch (DbException exception) when (exception.SqlState is "40P01" or "40001")
        {
            throw new ConflictException("record", "ConcurrentChange", exception);
        }
    }

    public static SubmissionSummary Summarise(Submission s) => new(s.Id, s.RoundId, s.StateCode, s.Status, s.Cases.Count, s.Measures.Count, s.SubmittedAt, s.Sha256);
}
