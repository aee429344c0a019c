using Microsoft.EntityFrameworkCore.Metadata;
using RecoveryWatch.Common;

namespace RecoveryWatch.Knowledge;

/// <summary>One answer as the form, the API or a workbook row gives it: codes and texts as typed.</summary>
public sealed record FrameworkAnswerInput(string? Question, string? Answer, string? Note = null, string? LawTitle = null, string? LawArticle = null, string? LawUrl = null);

/// <summary>
/// The rules of a legal framework answer, in one place for the profile form, the API and sheet LegalFramework of the
/// workbook: the question is one of the profile's, the answer one its kind allows, texts within what the database stores
/// (<see cref="FieldRules"/>), and the law's link a web address. Errors are reported under the input's own keys
/// (<c>question</c>, <c>answer</c>, <c>note</c>, <c>law_title</c>, <c>law_article</c>, <c>law_url</c>), which the API turns
/// into JSON fields and the workbook into cells.
/// </summary>
public sealed class LegalFrameworkRules(IModel model)
{
    public const string QuestionKey = "question";
    public const string AnswerKey = "answer";
    public const string NoteKey = "note";
    public const string LawTitleKey = "law_title";
    public const string LawArticleKey = "law_article";
    public const string LawUrlKey = "law_url";

    private readonly FieldRules _fields = FieldRules.For(model);

    /// <summary>The longest source the database stores.</summary>
    public int SourceLength => _fields.MaxLength<LegalFrameworkVersion>(nameof(LegalFrameworkVersion.Source)) ?? 400;

    /// <summary>A row with nothing in it: not an answer, and not an error (the workbook lists every question; some stay blank).</summary>
    public static bool IsBlank(FrameworkAnswerInput input) =>
        TextInput.IsBlank(input.Answer) && TextInput.IsBlank(input.Note) && TextInput.IsBlank(input.LawTitle) && TextInput.IsBlank(input.LawArticle) && TextInput.IsBlank(input.LawUrl);

    /// <summary>Checks one answer; returns it, or null with every error added under <paramref name="key"/>(input key).</summary>
    public LegalFrameworkAnswer? Answer(ValidationCollector errors, Func<string, string> key, FrameworkAnswerInput input)
    {
        var before = errors.Errors.Count;
        var questionCode = _fields.Text<LegalFrameworkAnswer>(errors, key(QuestionKey), input.Question, nameof(LegalFrameworkAnswer.QuestionCode));
        var question = questionCode is null ? null : LegalFrameworkQuestions.Find(questionCode);
        if (questionCode is null && errors.Errors.Count == before)
        {
            errors.Add(key(QuestionKey), "Required");
        }
        else if (questionCode is not null && question is null)
        {
            errors.Add(key(QuestionKey), "UnknownCode", questionCode);
        }

        var answerCode = _fields.Text<LegalFrameworkAnswer>(errors, key(AnswerKey), input.Answer, nameof(LegalFrameworkAnswer.Answer));
        if (answerCode is null && !errors.Errors.Any(e => e.Field == key(AnswerKey)))
        {
            // A note or a law without an answer says nothing a comparison could show.
            errors.Add(key(AnswerKey), "Required");
        }
        else if (answerCode is not null && question is not null && LegalFrameworkQuestions.Answer(question, answerCode) is null)
        {
            errors.Add(key(AnswerKey), "AnswerNotForQuestion", answerCode, string.Join(", ", LegalFrameworkQuestions.AnswersOf(question.AnswerKind).Select(a => a.Code)));
        }

        var note = _fields.Text<LegalFrameworkAnswer>(errors, key(NoteKey), input.Note, nameof(LegalFrameworkAnswer.Note), multiline: true);
        var lawTitle = _fields.Text<LegalFrameworkAnswer>(errors, key(LawTitleKey), input.LawTitle, nameof(LegalFrameworkAnswer.LawTitle));
        var lawArticle = _fields.Text<LegalFrameworkAnswer>(errors, key(LawArticleKey), input.LawArticle, nameof(LegalFrameworkAnswer.LawArticle));
        var lawUrl = _fields.Text<LegalFrameworkAnswer>(errors, key(LawUrlKey), input.LawUrl, nameof(LegalFrameworkAnswer.LawUrl));
        if (lawUrl is not null && !IsWebAddress(lawUrl))
        {
            errors.Add(key(LawUrlKey), "InvalidUrl");
        }

        return errors.Errors.Count == before ? new LegalFrameworkAnswer(question!.Code, answerCode!, note, lawTitle, lawArticle, lawUrl) : null;
    }

    /// <summary>Every answer of a profile: each question at most once.</summary>
    public List<LegalFrameworkAnswer> Answers(ValidationCollector errors, IReadOnlyList<FrameworkAnswerInput?> inputs, Func<int, string, string> key)
    {
        var answers = new List<LegalFrameworkAnswer>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var index = i;
            if (inputs[i] is not { } input)
            {
                errors.Add(key(index, AnswerKey), "NullItem");
                continue;
            }

            var answer = Answer(errors, k => key(index, k), input);
            if (IsRepeated(seen, input, i) is { } question)
            {
                errors.Add(key(index, QuestionKey), "DuplicateQuestion", question, seen[question]);
            }
            else if (answer is not null)
            {
                answers.Add(answer);
            }
        }

        return answers;
    }

    /// <summary>The question of <paramref name="input"/> when an earlier row (kept in <paramref name="seen"/>) already
    /// answers it, whether or not either answer is valid: a repeated question is its own error.</summary>
    public static string? IsRepeated(Dictionary<string, int> seen, FrameworkAnswerInput input, int row)
    {
        var code = input.Question?.Trim();
        return code is not null && LegalFrameworkQuestions.Find(code) is not null && !seen.TryAdd(code, row) ? code : null;
    }

    /// <summary>The dated source of a version: when the answers describe the law (not in the future) and where they come from.</summary>
    public (DateOnly AsOf, string Source)? Dating(ValidationCollector errors, string? asOf, string? source, DateOnly today, string asOfField = "asOf", string sourceField = "source")
    {
        DateOnly? date = null;
        if (string.IsNullOrWhiteSpace(asOf))
        {
            errors.Add(asOfField, "Required");
        }
        else if (!DateOnly.TryParseExact(asOf.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
        {
            errors.Add(asOfField, "InvalidDate", asOf);
        }
        else if (d > today)
        {
            errors.Add(asOfField, "DateInFuture", asOf);
        }
        else
        {
            date = d;
        }

        var before = errors.Errors.Count;
        var text = _fields.Text<LegalFrameworkVersion>(errors, sourceField, source, nameof(LegalFrameworkVersion.Source));
        if (text is null && errors.Errors.Count == before)
        {
            errors.Add(sourceField, "Required");
        }

        return date is { } day && text is not null ? (day, text) : null;
    }

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
