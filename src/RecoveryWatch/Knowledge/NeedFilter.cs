using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// The filters of the needs list, the same for the page and the API: State, UN regional group, area, type, priority,
/// status, or only the unmet ones (open or in progress). Every code is read strictly (<see cref="EnumCodes"/>, the
/// reference lists) and a bad one is an error naming its parameter, never a silently ignored filter.
/// </summary>
public sealed record NeedFilter
{
    public string? State { get; init; }
    public RegionalGroup? Region { get; init; }
    public string? Area { get; init; }
    public AssistanceType? Type { get; init; }
    public NeedPriority? Priority { get; init; }
    public NeedStatus? Status { get; init; }

    /// <summary>Open or in progress: the needs the unmet table counts.</summary>
    public bool Unmet { get; init; }

    /// <summary>Reads the filters from query parameters; throws <see cref="ValidationFailedException"/> naming each bad one.</summary>
    public static NeedFilter Parse(Func<string, string?> get)
    {
        var errors = new ValidationCollector();
        string? state = null;
        if (get("state") is { } s && !string.IsNullOrWhiteSpace(s))
        {
            state = s.Trim().ToUpperInvariant();
            if (!StateCode.IsKnown(state))
            {
                errors.Add("state", "UnknownState", s);
            }
        }

        string? area = null;
        if (get("area") is { } a && !string.IsNullOrWhiteSpace(a))
        {
            area = a.Trim();
            if (!ReferenceCatalog.Default.AssistanceAreas.ContainsKey(area))
            {
                errors.Add("area", "UnknownCode", a);
            }
        }

        var unmet = false;
        if (get("unmet") is { } u && !string.IsNullOrWhiteSpace(u) && !bool.TryParse(u.Trim(), out unmet))
        {
            errors.Add("unmet", "Invalid");
        }

        var filter = new NeedFilter
        {
            State = state,
            Area = area,
            Region = Code<RegionalGroup>(get, "region", errors),
            Type = Code<AssistanceType>(get, "type", errors),
            Priority = Code<NeedPriority>(get, "priority", errors),
            Status = Code<NeedStatus>(get, "status", errors),
            Unmet = unmet,
        };
        errors.ThrowIfAny();
        return filter;
    }

    /// <summary>The query string of these filters (without '?'), for links to the list.</summary>
    public string Query()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("state", State);
        Add("region", Region?.ToString());
        Add("area", Area);
        Add("type", Type?.ToString());
        Add("priority", Priority?.ToString());
        Add("status", Status?.ToString());
        Add("unmet", Unmet ? "true" : null);
        return string.Join('&', parts);
    }

    private static TEnum? Code<TEnum>(Func<string, string?> get, string name, ValidationCollector errors)
        where TEnum : struct, Enum
    {
        var text = get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (EnumCodes.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        errors.Add(name, "UnknownCode", text);
        return null;
    }
}
