namespace RecoveryWatch.Knowledge;

/// <summary>A row of sheet LegalFramework as a State sent it: kept with the answer until the Secretariat validates it, when
/// the rows become a new validated version of the State's profile (<see cref="LegalFrameworks.AdoptFromSubmissionAsync"/>).</summary>
public sealed class SubmittedLegalAnswer
{
    public SubmittedLegalAnswer(int row, string questionCode, string answer, string? note, string? lawTitle, string? lawArticle, string? lawUrl)
    {
        Row = row;
        QuestionCode = questionCode;
        Answer = answer;
        Note = note;
        LawTitle = lawTitle;
        LawArticle = lawArticle;
        LawUrl = lawUrl;
    }

    private SubmittedLegalAnswer()
    {
        QuestionCode = Answer = string.Empty;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public int Row { get; private set; }
    public string QuestionCode { get; private set; }
    public string Answer { get; private set; }
    public string? Note { get; private set; }
    public string? LawTitle { get; private set; }
    public string? LawArticle { get; private set; }
    public string? LawUrl { get; private set; }

    public LegalFrameworkAnswer ToAnswer() => new(QuestionCode, Answer, Note, LawTitle, LawArticle, LawUrl);
}
