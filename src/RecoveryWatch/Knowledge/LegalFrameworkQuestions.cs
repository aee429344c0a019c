using System.Collections.Frozen;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>The parts of a legal framework profile, in the order the profile and the comparison show them.</summary>
public enum FrameworkSection
{
    General,

    /// <summary>The chapter V mechanisms a requesting State asks about first (arts. 20, 31, 53 and 54).</summary>
    Mechanisms,

    /// <summary>Standards of proof per kind of proceeding: the difference agenda item 4(b) of the 14th meeting turns on.</summary>
    StandardsOfProof,

    /// <summary>What a foreign request must meet (arts. 46 and 55).</summary>
    ForeignRequests,

    /// <summary>Bona fide third parties and victims (arts. 31(9), 35 and 57(3)(c)).</summary>
    Protection,

    /// <summary>Asset management and return (arts. 31(3) and 57).</summary>
    ManagementAndReturn,
}

/// <summary>A question of the legal framework profile: its code, section, the kind of answer it takes and the UNCAC article behind it.</summary>
public sealed record FrameworkQuestion(string Code, FrameworkSection Section, string AnswerKind, string? Article, IReadOnlyDictionary<string, string> Names)
{
    public string Name(string language) =>
        Names.TryGetValue(Languages.Normalize(language), out var name) && name.Length > 0 ? name : Names[Languages.Default];
}

/// <summary>
/// The questions a legal framework profile answers and the answers each kind of question allows, read from
/// <c>legal-framework-questions.csv</c> and <c>legal-framework-answers.csv</c> (labels in the six languages). A question
/// takes only the answers of its kind: "Available" answers whether NCB confiscation exists, never a standard of proof.
/// </summary>
public static class LegalFrameworkQuestions
{
    private static readonly Lazy<(IReadOnlyList<FrameworkQuestion> Ordered, FrozenDictionary<string, FrameworkQuestion> Questions, FrozenDictionary<string, IReadOnlyList<LabelledCode>> Answers)> Data = new(Load);

    /// <summary>Every question, section by section, in the order of the file within a section.</summary>
    public static IReadOnlyList<FrameworkQuestion> All => Data.Value.Ordered;

    public static FrameworkQuestion? Find(string code) => Data.Value.Questions.GetValueOrDefault(code);

    /// <summary>The answers a question of <paramref name="kind"/> takes, in the order of the file.</summary>
    public static IReadOnlyList<LabelledCode> AnswersOf(string kind) => Data.Value.Answers.TryGetValue(kind, out var answers) ? answers : [];

    public static LabelledCode? Answer(FrameworkQuestion question, string code) => AnswersOf(question.AnswerKind).FirstOrDefault(a => a.Code == code);

    /// <summary>Every answer code of every kind, for the workbook's drop-down (the import checks each row against its question).</summary>
    public static IReadOnlyList<string> AllAnswerCodes => [.. Data.Value.Answers.Values.SelectMany(a => a).Select(a => a.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static (IReadOnlyList<FrameworkQuestion>, FrozenDictionary<string, FrameworkQuestion>, FrozenDictionary<string, IReadOnlyList<LabelledCode>>) Load()
    {
        List<FrameworkQuestion> ordered = [.. ReferenceCatalog.ReadRows("legal-framework-questions.csv")
            .Select(r => new FrameworkQuestion(r["code"], Enum.Parse<FrameworkSection>(r["section"]), r["answer_kind"], r["article"].Length > 0 ? r["article"] : null, ReferenceCatalog.Names(r)))
            .OrderBy(q => q.Section)];
        var questions = ordered.ToFrozenDictionary(q => q.Code, StringComparer.Ordinal);
        var answers = ReferenceCatalog.ReadRows("legal-framework-answers.csv")
            .GroupBy(r => r["kind"], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<LabelledCode>)[.. g.Select(r => new LabelledCode(r["code"], null, ReferenceCatalog.Names(r)))], StringComparer.Ordinal);
        var unknownKind = questions.Values.FirstOrDefault(q => !answers.ContainsKey(q.AnswerKind));
        return unknownKind is null ? (ordered, questions, answers) : throw new InvalidOperationException($"Question {unknownKind.Code} takes answers of kind {unknownKind.AnswerKind}, which legal-framework-answers.csv does not list.");
    }
}
