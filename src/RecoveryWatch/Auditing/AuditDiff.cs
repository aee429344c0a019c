using System.Globalization;
using System.Text.Json;

namespace RecoveryWatch.Auditing;

/// <summary>One field of an audit entry: its path (<c>measures[0].amount</c>), the value before and after, and whether it changed.</summary>
public sealed record AuditFieldChange(string Path, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// Turns an entry's before and after JSON into a field-by-field list, so a reader sees what changed without reading JSON.
/// Nested objects and arrays are flattened into paths. Text that is not JSON is shown whole under an empty path.
/// </summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditFieldChange> Compare(string? oldValues, string? newValues)
    {
        var before = Flatten(oldValues);
        var after = Flatten(newValues);
        var paths = new List<string>(before.Keys);
        paths.AddRange(after.Keys.Where(k => !before.ContainsKey(k)));
        return [.. paths.Select(p => new AuditFieldChange(p, before.GetValueOrDefault(p), after.GetValueOrDefault(p)))];
    }

    public static IReadOnlyDictionary<string, string?> Flatten(string? json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            Add(fields, string.Empty, document.RootElement);
        }
        catch (JsonException)
        {
            fields[string.Empty] = json;
        }

        return fields;
    }

    private static void Add(Dictionary<string, string?> fields, string path, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    Add(fields, path.Length == 0 ? property.Name : path + "." + property.Name, property.Value);
                }

                if (!any)
                {
                    fields[path] = "{}";
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Add(fields, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", item);
                    index++;
                }

                if (index == 0)
                {
                    fields[path] = "[]";
                }

                break;
            case JsonValueKind.String:
                fields[path] = element.GetString();
                break;
            case JsonValueKind.Null:
                fields[path] = null;
                break;
            default:
                fields[path] = element.GetRawText();
                break;
        }
    }
}
