namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Delivers a password reset link to the owner of an account. The application sends no e-mail itself: the default writes
/// the link to the server log for the operators to pass on, as invitation links are passed on by administrators. A host
/// with a mail service registers its own implementation instead.
/// </summary>
public interface IAccountLinkSender
{
    Task SendPasswordResetAsync(string email, Uri link, CancellationToken cancellationToken);
}

public sealed partial class LoggedAccountLinkSender(ILogger<LoggedAccountLinkSender> logger) : IAccountLinkSender
{
    public Task SendPasswordResetAsync(string email, Uri link, CancellationToken cancellationToken)
    {
        PasswordResetRequested(logger, email, link);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset requested for {Email}; pass this link on to its owner: {Link}")]
    private static partial void PasswordResetRequested(ILogger logger, string email, Uri link);
}

public static class AccountLinks
{
    /// <summary>The page where an invited user chooses a password, or a user sets a new one (both use a reset token).</summary>
    public static string Setup(HttpRequest request, string userId, string token, bool reset = false) =>
        $"{request.Scheme}://{request.Host}/account/setup?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}{(reset ? "&reset=true" : string.Empty)}";
}
