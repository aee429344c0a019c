namespace RecoveryWatch.Web;

/// <summary>Marker type for the shared resources: Resources/SharedResource.resx (English, the neutral culture) and
/// SharedResource.{ar,zh,fr,ru,es}.resx.</summary>
#pragma warning disable CA1052 // A marker for IStringLocalizer<T> must be usable as a type argument, so it cannot be static.
public sealed class SharedResource
#pragma warning restore CA1052
{
}
