using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Cases;

public enum CaseSort
{
    Latest,
    Oldest,
    Title,
    TitleDescending,
    Newest,
}

/// <summary>The filters of case search, shared by the search page, <c>/api/v1/cases</c> and the exports.</summary>
public sealed record CaseFilter
{
    /// <summary>Free text over title and (where the reader may see it) summary.</summary>
    public string? Q { get; init; }

    /// <summary>ISO 3166-1 alpha-3 code of a State involved in the case.</summary>
    public string? State { get; init; }

    /// <summary>Role of that State (or of any State when <see cref="State"/> is empty).</summary>
    public StateRole? Role { get; init; }

    /// <summary>UN regional group of a State involved.</summary>
    public RegionalGroup? Region { get; init; }

    /// <summary>A stage the case reached (it has a counted figure for it). With <see cref="YearFrom"/>/<see cref="YearTo"/>,
    /// the case reached that stage in those years — the meaning of a statistic's "frozen in 2016".</summary>
    public Stage? Stage { get; init; }

    /// <summary>An asset type of the counted figures (of <see cref="Stage"/> when given).</summary>
    public AssetType? AssetType { get; init; }

    /// <summary>A challenge met in the case (code of the challenge taxonomy).</summary>
    public string? Challenge { get; init; }

    /// <summary>A requesting State of the case, with <see cref="Requested"/> the two ends of a flow.</summary>
    public string? Requesting { get; init; }

    public string? Requested { get; init; }

    /// <summary>Legal route code (e.g. Art54_1c).</summary>
    public string? Route { get; init; }

    /// <summary>Offence code (e.g. Art17).</summary>
    public string? Offence { get; init; }

    /// <summary>Years of the case's measures, or, with <see cref="Stage"/>, the year the case reached that stage.</summary>
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }

    /// <summary>Smallest US-dollar equivalent of a single measure.</summary>
    public decimal? MinUsd { get; init; }

    public decimal? MaxUsd { get; init; }

    public CaseSort Sort { get; init; }

    /// <summary>No filter at all (the order aside): every case the reader may see.</summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Q) && string.IsNullOrWhiteSpace(State) && Role is null && Region is null && Stage is null && AssetType is null
        && string.IsNullOrWhiteSpace(Challenge) && string.IsNullOrWhiteSpace(Requesting) && string.IsNullOrWhiteSpace(Requested)
        && string.IsNullOrWhiteSpace(Route) && string.IsNullOrWhiteSpace(Offence) && YearFrom is null && YearTo is null && MinUsd is null && MaxUsd is null;
}
