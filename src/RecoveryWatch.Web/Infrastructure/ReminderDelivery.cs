using System.Globalization;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>The default <see cref="IReminderSender"/>: the application sends no e-mail itself, so each reminder is written to
/// the server log for the operators to pass on (as account links are). A host with a mail service registers its own.</summary>
public sealed partial class LoggedReminderSender(ILogger<LoggedReminderSender> logger) : IReminderSender
{
    public Task SendAsync(ReminderView reminder, CancellationToken cancellationToken)
    {
        ReminderRecorded(logger, reminder.State, reminder.RoundId, string.Join("; ", reminder.Recipients), reminder.Subject);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder to {State} for round {RoundId} recorded; pass it on to {Recipients}: {Subject}")]
    private static partial void ReminderRecorded(ILogger logger, string state, int roundId, string recipients, string subject);
}

/// <summary>Writes a reminder from the resources, in the recipient's language (not the sender's): the culture is switched
/// for the composition only, so the dates and the State's name read as that language writes them.</summary>
public sealed class ResourceReminderText(IStringLocalizer<SharedResource> localizer) : IReminderText
{
    public ReminderMessage Compose(string language, string stateCode, string roundCode, string roundTitle, DateTimeOffset deadline, int roundId)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            var culture = CultureInfo.GetCultureInfo(Languages.Normalize(language));
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            // The UN writes English dates day first ("31 January 2021", United Nations Editorial Manual), not as the
            // neutral English culture's month-first pattern does; the other languages' own long dates are UN style already.
            var pattern = culture.TwoLetterISOLanguageName == "en" ? "d MMMM yyyy" : PartialDate.LongDateWithoutWeekday(culture);
            var day = deadline.ToString(pattern, culture);
            var state = ReferenceCatalog.Default.StateName(stateCode, culture.TwoLetterISOLanguageName);
            return new ReminderMessage(
                Languages.Normalize(language),
                localizer["Reminder.Subject", roundCode, roundTitle].Value,
                localizer["Reminder.Body", state, roundTitle, roundCode, day].Value);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
