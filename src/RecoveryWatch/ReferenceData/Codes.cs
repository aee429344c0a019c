namespace RecoveryWatch.ReferenceData;

/// <summary>Stages of a measure on assets. Amounts at each stage are reported separately and never summed across stages.</summary>
public enum Stage
{
    Frozen = 1,
    Seized = 2,
    Confiscated = 3,
    Returned = 4,
}

public enum AssetType
{
    BankFunds,
    RealEstate,
    Securities,
    Vehicles,
    VesselsAircraft,
    ArtValuables,
    VirtualAssets,
    Other,
}

/// <summary>The part a State plays in a case: the requesting State is the State of origin of the assets (victim State),
/// the requested State is where the assets are located (UNCAC arts. 54–55).</summary>
public enum StateRole
{
    Requesting,
    Requested,
    Transit,
}

public enum RegionalGroup
{
    African,
    AsiaPacific,
    EasternEuropean,
    LatinAmericanCaribbean,
    WesternEuropeanOther,
}

/// <summary>Who may see a case or one of its details. Ordered from widest to narrowest audience.</summary>
public enum Visibility
{
    /// <summary>Anyone, including anonymous visitors of the open-data portal.</summary>
    Public = 0,

    /// <summary>Signed-in representatives of States parties (focal points, delegates) and the Secretariat.</summary>
    StatesParties = 1,

    /// <summary>The Secretariat only (and, from the accounts issue on, the reporting State).</summary>
    Secretariat = 2,
}

public static class VisibilityExtensions
{
    /// <summary>Every visibility a reader with <paramref name="clearance"/> may see; used in queries as an IN list because
    /// enums are stored as strings and cannot be compared with &lt;= in SQL.</summary>
    public static Visibility[] VisibleLevels(this Visibility clearance) =>
        [.. Enum.GetValues<Visibility>().Where(v => v <= clearance)];
}
