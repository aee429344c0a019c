using System.Globalization;
using Microsoft.Extensions.Primitives;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Reads the case filters the README documents from a query string, reporting each bad value by its parameter name.
/// The search page, <c>/api/v1/cases</c> and the exports all bind through here.</summary>
public static class CaseFilterBinder
{
    public sealed record Bound(CaseFilter Filter, int Page, int PageSize, IReadOnlyList<ValidationError> Errors)
    {
        /// <summary>The keyset position of <c>cursor</c> (the <c>nextCursor</c> of a previous answer), if given.</summary>
        public CaseCursor? Cursor { get; init; }
    }

    public static Bound Bind(IQueryCollection query, int defaultPageSize = 25)
    {
        var errors = new List<ValidationError>();
        var catalog = ReferenceCatalog.Default;

        // Every parameter is taken in as stored text is (NFC, trimmed of invisible characters), so "Cafe\u0301" finds
        // "Café"; a control character (NUL, which PostgreSQL refuses in a query) is a 400 naming the parameter, not a 500.
        string? Text(string key)
        {
            if (!query.TryGetValue(key, out var v) || StringValues.IsNullOrEmpty(v))
            {
                return null;
            }

            if (TextInput.Normalize(v.ToString(), multiline: false, out var text) is { } refusal)
            {
                if (!errors.Any(e => e.Field == key))
                {
                    errors.Add(new ValidationError(key, refusal));
                }

                return null;
            }

            return string.IsNullOrEmpty(text) ? null : text;
        }

        TEnum? Enum<TEnum>(string key)
            where TEnum : struct, System.Enum
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (EnumCodes.TryParse<TEnum>(text, out var value))
            {
                return value;
            }

            errors.Add(new ValidationError(key, "UnknownCode", text));
            return null;
        }

        int? Int(string key, int min, int max)
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add(new ValidationError(key, "OutOfRange", min, max));
            return null;
        }

        decimal? Decimal(string key)
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return value;
            }

            errors.Add(new ValidationError(key, "NotANonNegativeNumber", text));
            return null;
        }

        string? Code(string key, Func<string, bool> known)
        {
            var text = Text(key);
            if (text is null || known(text))
            {
                return text;
            }

            errors.Add(new ValidationError(key, "UnknownCode", text));
            return null;
        }

        var state = Code("state", s => StateCode.IsKnown(s.ToUpperInvariant()));
        var filter = new CaseFilter
        {
            Q = Text("q") is { } q && q.Length > 200 ? q[..200] : Text("q"),
            State = state?.ToUpperInvariant(),
            Role = Enum<StateRole>("role"),
            Region = Enum<RegionalGroup>("region"),
            Stage = Enum<Stage>("stage"),
            AssetType = Enum<AssetType>("assetType"),
            // The taxonomy is in the database and grows (the Secretariat adds types); the binder checks the code's form only,
            // and a code no case has simply lists no case.
            Challenge = Code("challenge", Knowledge.ChallengeType.IsWellFormedCode),
            Requesting = Code("requesting", s => StateCode.IsKnown(s.ToUpperInvariant()))?.ToUpperInvariant(),
            Requested = Code("requested", s => StateCode.IsKnown(s.ToUpperInvariant()))?.ToUpperInvariant(),
            Route = Code("route", catalog.LegalRoutes.ContainsKey),
            Offence = Code("offence", catalog.Offences.ContainsKey),
            YearFrom = Int("yearFrom", 1900, 9999),
            YearTo = Int("yearTo", 1900, 9999),
            MinUsd = Decimal("minUsd"),
            MaxUsd = Decimal("maxUsd"),
            Sort = Enum<CaseSort>("sort") ?? CaseSort.Latest,
        };
        var pageText = Text("page");
        var page = Int("page", 1, 1_000_000) ?? 1;
        var pageSize = Int("pageSize", 1, SearchCases.MaxPageSize) ?? defaultPageSize;
        CaseCursor? cursor = null;
        if (Text("cursor") is { } cursorText)
        {
            // A cursor says where the next page starts in one order: with another sort, or with a page number, it means nothing.
            if (!CaseCursor.TryParse(cursorText, out cursor) || cursor!.Sort != filter.Sort || pageText is not null)
            {
                cursor = null;
                errors.Add(new ValidationError("cursor", "InvalidCursor"));
            }
        }

        return new Bound(filter, page, pageSize, errors) { Cursor = cursor };
    }
}
