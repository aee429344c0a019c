using System.Collections.Concurrent;

namespace RecoveryWatch.Common;

/// <summary>
/// Reads a code of an enumeration as people and programs send it: only one of its defined names, case-insensitive.
/// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also accepts numbers ("7") and comma-joined names
/// ("Frozen, Seized", read as another stage), which would store values the application does not know. Every input path
/// (JSON, forms, query strings, workbooks, the online answer, the command line) parses codes here.
/// </summary>
public static class EnumCodes
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, object>> Names = new();

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (TryParse(typeof(TEnum), text, out var boxed))
        {
            value = (TEnum)boxed!;
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryParse(Type enumType, string? text, out object? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var names = Names.GetOrAdd(enumType, type => Enum.GetNames(type).ToDictionary(n => n, n => Enum.Parse(type, n), StringComparer.OrdinalIgnoreCase));
        return names.TryGetValue(text.Trim(), out value);
    }

    /// <summary>The defined names of <typeparamref name="TEnum"/>, for messages that list what is accepted.</summary>
    public static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());
}
