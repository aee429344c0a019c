using System.Globalization;
using System.Text;
using RecoveryWatch.Common;

namespace RecoveryWatch.Meetings;

/// <summary>The special series of a document within a body's year: limited (L.), conference room paper (CRP.) or
/// information (INF/).</summary>
public enum SymbolSeries
{
    Regular,
    Limited,
    ConferenceRoomPaper,
    Information,
}

public enum SymbolSuffixKind
{
    Add,
    Corr,
    Rev,
    Amend,
}

/// <summary>An addendum, corrigendum, revision or amendment of a document, in the order they are applied.</summary>
public readonly record struct SymbolSuffix(SymbolSuffixKind Kind, int Number);

/// <summary>
/// A UN document symbol of the Conference of the States Parties and its subsidiary bodies, e.g. <c>CAC/COSP/WG.2/2020/1</c>,
/// <c>CAC/COSP/IRG/2020/6</c>, <c>CAC/COSP/EG.1/2019/4</c>, with special series (<c>…/2020/L.1</c>, <c>…/2020/CRP.1</c>,
/// <c>…/2020/INF/1</c>) and suffixes (<c>/Add.1</c>, <c>/Corr.1</c>, <c>/Rev.1</c>, <c>/Amend.1</c>). Structure:
/// body parts (series symbol and subsidiary body, <c>WG.2</c> being Working Group 2), year, series and number, suffixes.
/// </summary>
public sealed record DocumentSymbol
{
    public DocumentSymbol(IReadOnlyList<string> bodyParts, int year, SymbolSeries series, int number, IReadOnlyList<SymbolSuffix>? suffixes = null)
    {
        BodyParts = bodyParts;
        Year = year;
        Series = series;
        Number = number;
        Suffixes = suffixes ?? [];
    }

    public IReadOnlyList<string> BodyParts { get; }
    public int Year { get; }
    public SymbolSeries Series { get; }
    public int Number { get; }
    public IReadOnlyList<SymbolSuffix> Suffixes { get; }

    /// <summary>The body's stem, e.g. <c>CAC/COSP/WG.2</c>.</summary>
    public string Stem => string.Join('/', BodyParts);

    /// <summary>The document this one adds to, corrects or revises (its last suffix removed); null for a base document.</summary>
    public DocumentSymbol? Parent => Suffixes.Count == 0 ? null : new DocumentSymbol(BodyParts, Year, Series, Number, [.. Suffixes.Take(Suffixes.Count - 1)]);

    /// <summary>The base document, without any suffix.</summary>
    public DocumentSymbol Base => Suffixes.Count == 0 ? this : new DocumentSymbol(BodyParts, Year, Series, Number);

    public bool Equals(DocumentSymbol? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString()
    {
        var text = new StringBuilder(Stem).Append('/').Append(Year.ToString(CultureInfo.InvariantCulture)).Append('/');
        text.Append(Series switch
        {
            SymbolSeries.Limited => "L.",
            SymbolSeries.ConferenceRoomPaper => "CRP.",
            SymbolSeries.Information => "INF/",
            _ => string.Empty,
        }).Append(Number.ToString(CultureInfo.InvariantCulture));
        foreach (var suffix in Suffixes)
        {
            text.Append('/').Append(suffix.Kind.ToString()).Append('.').Append(suffix.Number.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static DocumentSymbol Parse(string text) =>
        TryParse(text, out var symbol, out string error) ? symbol : throw new FormatException(error);

    /// <summary>Parses a symbol; on failure <paramref name="error"/> says what is wrong and where, in English for logs
    /// (<see cref="TryParseDetailed"/> gives a code for translated messages).</summary>
    public static bool TryParse(string? text, out DocumentSymbol symbol, out string error)
    {
        var ok = TryParseDetailed(text, out symbol, out var code);
        error = ok ? string.Empty : $"'{text}' is not a UN document symbol: {code.Message}";
        return ok;
    }

    public static bool TryParseDetailed(string? text, out DocumentSymbol symbol, out SymbolError error)
    {
        symbol = null!;
        error = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new SymbolError("Empty", "it is empty.");
            return false;
        }

        if (text != text.Trim() || text.Contains(' ', StringComparison.Ordinal))
        {
            error = new SymbolError("Spaces", "it contains spaces.");
            return false;
        }

        var parts = text.Split('/');
        if (parts.Any(p => p.Length == 0))
        {
            error = new SymbolError("EmptyPart", "it has an empty part (a leading, trailing or double slash).");
            return false;
        }

        var yearIndex = Array.FindIndex(parts, p => p.Length == 4 && p.All(char.IsAsciiDigit));
        if (yearIndex < 0)
        {
            error = new SymbolError("NoYear", "it has no four-digit year.");
            return false;
        }

        if (yearIndex == 0)
        {
            error = new SymbolError("NoBody", "it has no series or body before the year.");
            return false;
        }

        var bodyParts = parts[..yearIndex];
        foreach (var part in bodyParts)
        {
            if (!IsBodyPart(part))
            {
                error = new SymbolError("BadBodyPart", $"'{part}' is not a series or body part (capital letters, optionally '.' and a number, as in WG.2).");
                return false;
            }
        }

        var year = int.Parse(parts[yearIndex], CultureInfo.InvariantCulture);
        if (year is < 1946 or > 2100)
        {
            error = new SymbolError("BadYear", $"{year} is not a plausible year.");
            return false;
        }

        var rest = parts[(yearIndex + 1)..];
        if (rest.Length == 0)
        {
            error = new SymbolError("NoNumber", "it has no document number after the year.");
            return false;
        }

        var series = SymbolSeries.Regular;
        var index = 0;
        var numberText = rest[0];
        if (rest[0] == "INF")
        {
            series = SymbolSeries.Information;
            if (rest.Length < 2)
            {
                error = new SymbolError("NoNumber", "INF/ must be followed by a number.");
                return false;
            }

            index = 1;
            numberText = rest[1];
        }
        else if (rest[0].StartsWith("L.", StringComparison.Ordinal))
        {
            series = SymbolSeries.Limited;
            numberText = rest[0][2..];
        }
        else if (rest[0].StartsWith("CRP.", StringComparison.Ordinal))
        {
            series = SymbolSeries.ConferenceRoomPaper;
            numberText = rest[0][4..];
        }

        if (!TryNumber(numberText, out var number))
        {
            error = new SymbolError("BadNumber", $"'{rest[index]}' is not a document number.");
            return false;
        }

        var suffixes = new List<SymbolSuffix>();
        foreach (var part in rest[(index + 1)..])
        {
            var dot = part.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || !Enum.TryParse<SymbolSuffixKind>(part[..dot], ignoreCase: false, out var kind) || !Enum.IsDefined(kind)
                || part[..dot] != kind.ToString() || !TryNumber(part[(dot + 1)..], out var suffixNumber))
            {
                error = new SymbolError("BadSuffix", $"'{part}' is not a suffix (Add.n, Corr.n, Rev.n or Amend.n).");
                return false;
            }

            suffixes.Add(new SymbolSuffix(kind, suffixNumber));
        }

        symbol = new DocumentSymbol(bodyParts, year, series, number, suffixes);
        return true;
    }

    private static bool IsBodyPart(string part)
    {
        var dot = part.IndexOf('.', StringComparison.Ordinal);
        var letters = dot < 0 ? part : part[..dot];
        if (letters.Length == 0 || !letters.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        return dot < 0 || TryNumber(part[(dot + 1)..], out _);
    }

    /// <summary>A positive number without leading zeros.</summary>
    private static bool TryNumber(string text, out int number)
    {
        number = 0;
        return text.Length is > 0 and < 6 && text[0] != '0' && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}

/// <summary>Why a text is not a document symbol: a code for the six-language message and an English explanation.</summary>
public readonly record struct SymbolError(string Code, string Message)
{
    /// <summary>The reason as a resource key, for messages shown in the reader's language.</summary>
    public MessageKey Reason => new("SymbolError." + Code);
}
