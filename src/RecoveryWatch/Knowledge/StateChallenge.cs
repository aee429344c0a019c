namespace RecoveryWatch.Knowledge;

/// <summary>
/// A challenge a State reports meeting in general, not in one case: a row of the questionnaire's Challenges sheet with an
/// empty case reference, stored when the Secretariat validates the State's answer (COSP resolution 8/9 asks States about
/// the most common challenges; the Working Group discusses them under its item on obstacles to asset recovery). Which
/// State reported what is restricted to the Secretariat: the public sees the counts per type of cases only.
/// </summary>
public sealed class StateChallenge
{
    private StateChallenge()
    {
        StateCode = ChallengeCode = SourceCell = string.Empty;
    }

    public StateChallenge(string stateCode, string challengeCode, string? note, int submissionId, int roundId, string sourceCell, DateTimeOffset reportedAt)
    {
        StateCode = stateCode;
        ChallengeCode = challengeCode;
        Note = note;
        SubmissionId = submissionId;
        RoundId = roundId;
        SourceCell = sourceCell;
        ReportedAt = reportedAt;
    }

    public int Id { get; private set; }
    public string StateCode { get; private set; }
    public string ChallengeCode { get; private set; }
    public string? Note { get; private set; }
    public int SubmissionId { get; private set; }
    public int RoundId { get; private set; }

    /// <summary>Sheet and cell of the row in the State's workbook, e.g. "Challenges!B4".</summary>
    public string SourceCell { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }
}
