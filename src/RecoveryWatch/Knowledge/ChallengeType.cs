using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// One type of the taxonomy of challenges met in asset recovery (COSP resolution 8/9 asks for "the most common challenges
/// in judicial proceedings", notably enforcing confiscation orders in foreign jurisdictions and differing evidentiary
/// requirements and standards of proof; item 4(b) of the 14th meeting of the Working Group). The built-in types come from
/// <c>ReferenceData/Data/challenges.csv</c>; the Secretariat adds others. A type is retired, never deleted: cases and State
/// reports that name it keep it, but no new link may.
/// </summary>
public sealed class ChallengeType
{
    public const int CodeLength = 60;
    public const int NameLength = 200;
    public const int DescriptionLength = 2000;

    private ChallengeType()
    {
        Code = NameEn = NameFr = NameEs = NameRu = NameZh = NameAr = AddedBy = string.Empty;
    }

    public ChallengeType(string code, IReadOnlyDictionary<string, string> names, string? description, bool isBuiltIn, string addedBy, DateTimeOffset addedAt)
        : this()
    {
        Code = code;
        SetNames(names);
        Description = description;
        IsBuiltIn = isBuiltIn;
        AddedBy = addedBy;
        AddedAt = addedAt;
        Version = 1;
    }

    /// <summary>The code, as the codebook, the workbook's drop-down list and the API write it (matched exactly).</summary>
    public string Code { get; private set; }

    public string NameEn { get; private set; }
    public string NameFr { get; private set; }
    public string NameEs { get; private set; }
    public string NameRu { get; private set; }
    public string NameZh { get; private set; }
    public string NameAr { get; private set; }
    public string? Description { get; private set; }

    /// <summary>From the codebook's CSV (seeded by the migrations), as opposed to added by the Secretariat.</summary>
    public bool IsBuiltIn { get; private set; }

    /// <summary>No longer offered for new input nor accepted for a new link; still shown on the data that has it.</summary>
    public bool IsRetired { get; private set; }

    public string AddedBy { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so an edit based on a stale read is refused (409).</summary>
    public int Version { get; private set; }

    public IReadOnlyDictionary<string, string> Names => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ar"] = NameAr,
        ["zh"] = NameZh,
        ["en"] = NameEn,
        ["fr"] = NameFr,
        ["ru"] = NameRu,
        ["es"] = NameEs,
    };

    /// <summary>The label in the reader's language (English when that one is empty, as for the CSV reference data).</summary>
    public string Name(string language) =>
        Names.TryGetValue(Languages.Normalize(language), out var name) && name.Length > 0 ? name : NameEn;

    /// <summary>The rule of every code of the reference data (<c>ForeignConfiscationOrderEnforcement</c>, <c>Art54_1c</c>):
    /// a Latin letter, then Latin letters, digits or underscores. Codes travel in URLs, workbook lists and CSV headers,
    /// so they carry no spaces, punctuation or non-ASCII letters.</summary>
    public static bool IsWellFormedCode(string? code) =>
        code is { Length: > 0 and <= CodeLength } && char.IsAsciiLetter(code[0]) && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Applies an edit; returns whether anything changed (an unchanged PUT writes nothing).</summary>
    public bool Revise(IReadOnlyDictionary<string, string> names, string? description, bool retired)
    {
        var before = (NameEn, NameFr, NameEs, NameRu, NameZh, NameAr, Description, IsRetired);
        SetNames(names);
        Description = description;
        IsRetired = retired;
        if (before == (NameEn, NameFr, NameEs, NameRu, NameZh, NameAr, Description, IsRetired))
        {
            return false;
        }

        Version++;
        return true;
    }

    private void SetNames(IReadOnlyDictionary<string, string> names)
    {
        NameEn = names["en"];
        NameFr = names["fr"];
        NameEs = names["es"];
        NameRu = names["ru"];
        NameZh = names["zh"];
        NameAr = names["ar"];
    }

    /// <summary>The property holding the label in <paramref name="language"/>, for length rules read from the model.</summary>
    public static string NameProperty(string language) => language switch
    {
        "en" => nameof(NameEn),
        "fr" => nameof(NameFr),
        "es" => nameof(NameEs),
        "ru" => nameof(NameRu),
        "zh" => nameof(NameZh),
        "ar" => nameof(NameAr),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not one of the six languages."),
    };
}
