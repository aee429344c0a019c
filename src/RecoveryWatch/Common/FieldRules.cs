using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Common;

/// <summary>
/// The rules of a field that the database model already states — its length, its precision and scale, the reference
/// table it points to — read from the EF model itself, so that a check in a form, the API, a workbook or the online
/// answer can never drift from what the database accepts. Every handler that takes input checks text and amounts here,
/// naming the model property the input is stored in; a generated test walks the model to prove no stored property escapes.
/// </summary>
public sealed class FieldRules
{
    private static readonly ConditionalWeakTable<IModel, FieldRules> Cache = [];

    private readonly IModel _model;

    private FieldRules(IModel model) => _model = model;

    public static FieldRules For(IModel model) => Cache.GetValue(model, m => new FieldRules(m));

    /// <summary>The longest text the database stores in the property, or null when unbounded.</summary>
    public int? MaxLength<TEntity>(string property) => Property<TEntity>(property).GetMaxLength();

    /// <summary>Digits and decimals of a decimal property.</summary>
    public (int Precision, int Scale) Precision<TEntity>(string property)
    {
        var p = Property<TEntity>(property);
        return (p.GetPrecision() ?? 18, p.GetScale() ?? 2);
    }

    /// <summary>The reference table (States, currencies) the property points to, if any.</summary>
    public Type? References<TEntity>(string property) =>
        Property<TEntity>(property).GetContainingForeignKeys().Select(fk => fk.PrincipalEntityType.ClrType).FirstOrDefault();

    /// <summary>
    /// Takes in a text for <typeparamref name="TEntity"/>.<paramref name="property"/>: normalised (<see cref="TextInput"/>),
    /// within the stored length, and, for a column that points to the States or currencies, a known code. Returns what to
    /// store (null for blank) or null with the error added under <paramref name="field"/>.
    /// </summary>
    public string? Text<TEntity>(ValidationCollector errors, string field, string? value, string property, bool multiline = false)
    {
        var refusal = TextInput.Normalize(value, multiline, out var normalized);
        if (refusal is not null)
        {
            errors.Add(field, refusal);
            return null;
        }

        if (string.IsNullOrEmpty(normalized))
        {
            return null;
        }

        if (MaxLength<TEntity>(property) is { } max && normalized.Length > max)
        {
            errors.Add(field, "TooLong", max);
            return null;
        }

        var references = References<TEntity>(property);
        if (references == typeof(StateRecord) && !StateCode.IsKnown(normalized.ToUpperInvariant()))
        {
            errors.Add(field, "UnknownState", normalized);
            return null;
        }

        if (references == typeof(CurrencyRecord) && !ReferenceCatalog.Default.Currencies.ContainsKey(normalized.ToUpperInvariant()))
        {
            errors.Add(field, "UnknownCurrency", normalized);
            return null;
        }

        // ISO codes are upper case whatever the input; other codes (challenge types) are matched exactly, as written.
        return references == typeof(StateRecord) || references == typeof(CurrencyRecord) ? normalized.ToUpperInvariant() : normalized;
    }

    /// <summary>
    /// Checks an amount for a decimal property: positive (a reduction is a new measure, such as a partial release, not a
    /// negative one), within the stored precision, and with no more decimals than <paramref name="currency"/> has minor
    /// units (ISO 4217: none for the yen, three for the Kuwaiti dinar) — or than the column keeps.
    /// </summary>
    public bool Amount<TEntity>(ValidationCollector errors, string field, decimal amount, string property, string? currency)
    {
        if (amount <= 0)
        {
            errors.Add(field, "AmountNotPositive");
            return false;
        }

        var (precision, scale) = Precision<TEntity>(property);
        var normalized = Amounts.Normalize(amount);
        var decimals = (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
        if (decimal.Truncate(normalized) > Cases.CaseLimits.MaxAmount || decimal.Truncate(normalized).ToString(System.Globalization.CultureInfo.InvariantCulture).Length > precision - scale)
        {
            errors.Add(field, "AmountTooLarge");
            return false;
        }

        var allowed = currency is not null && ReferenceCatalog.Default.Currencies.TryGetValue(currency, out var info) ? Math.Min(info.MinorUnits, scale) : scale;
        if (decimals > allowed)
        {
            errors.Add(field, "TooManyDecimals", allowed, currency ?? string.Empty);
            return false;
        }

        return true;
    }

    private IProperty Property<TEntity>(string property) =>
        _model.FindEntityType(typeof(TEntity))?.FindProperty(property)
        ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not a stored property of the model.");
}
