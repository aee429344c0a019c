using System.Globalization;
using System.Text;

namespace RecoveryWatch.Common;

/// <summary>
/// How typed text is taken in, on every input path: composed to Unicode NFC (so "é" typed two ways is one text), trimmed of
/// spaces and invisible characters at both ends (zero-width spaces, byte-order marks, direction marks, fillers), with tabs
/// and line breaks folded to spaces where one line is expected. Control characters (NUL and the like) are refused: no
/// database stores NUL in text the same way (PostgreSQL refuses it), and no person types one.
/// </summary>
public static class TextInput
{
    /// <summary>Why a text was refused, or null; <paramref name="normalized"/> is what to store.</summary>
    public static string? Normalize(string? value, bool multiline, out string? normalized)
    {
        normalized = null;
        if (value is null)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return "ControlCharacter";
            }
        }

        string composed;
        try
        {
            composed = value.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate: not text at all.
            return "InvalidText";
        }

        if (!multiline)
        {
            composed = composed.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');
        }
        else
        {
            composed = composed.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        var start = 0;
        var end = composed.Length;
        while (start < end && IsInvisible(composed[start]))
        {
            start++;
        }

        while (end > start && IsInvisible(composed[end - 1]))
        {
            end--;
        }

        normalized = composed[start..end];
        return null;
    }

    /// <summary>Blank once spaces and invisible characters are set aside: a title of zero-width spaces is no title.</summary>
    public static bool IsBlank(string? value) => value is null || value.All(IsInvisible);

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u034F';
}
