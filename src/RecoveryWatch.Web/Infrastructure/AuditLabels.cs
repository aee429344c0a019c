using Microsoft.Extensions.Localization;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Audit actions and entity types in the reader's language (<c>Audit.Action.*</c>, <c>Audit.Entity.*</c>), or the raw code if a label is missing.</summary>
public static class AuditLabels
{
    public static string AuditAction(this IStringLocalizer localizer, string code) => Label(localizer, "Audit.Action." + code, code);

    public static string AuditEntity(this IStringLocalizer localizer, string code) => Label(localizer, "Audit.Entity." + code, code);

    private static string Label(IStringLocalizer localizer, string key, string code)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? code : text.Value;
    }
}
