namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Where the app finds its wwwroot and appsettings.json. ASP.NET takes the working folder as the content root, which is
/// right for <c>dotnet run --project</c> (started in the project folder; static files come from the project through the
/// static web assets manifest) and for the tests (their factory sets its own), but wrong for a published app started
/// from elsewhere (<c>dotnet /srv/rw/RecoveryWatch.Web.dll</c>): it would serve pages without styles or scripts and
/// ignore its own settings. The published folder is recognised by the wwwroot that publishing copies beside the dll.
/// </summary>
public static class ContentRoot
{
    /// <summary>The folder to use as content root, or null to keep ASP.NET's default (the working folder).</summary>
    public static string? Choose(string currentDirectory, string baseDirectory)
    {
        if (Directory.Exists(Path.Combine(currentDirectory, "wwwroot")) || !Directory.Exists(Path.Combine(baseDirectory, "wwwroot")))
        {
            return null;
        }

        return Path.GetFullPath(baseDirectory);
    }
}
