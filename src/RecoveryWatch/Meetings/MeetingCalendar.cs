using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace RecoveryWatch.Meetings;

/// <summary>
/// The organization of work as an iCalendar feed (RFC 5545): one event per slot, in the meeting's time zone, with a UID
/// that never changes and a SEQUENCE that goes up when the slot changes, so calendar programs update the event in place.
/// </summary>
public static class MeetingCalendar
{
    public static string Write(Meeting meeting, string language, DateTimeOffset now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//UNODC//RecoveryWatch//EN" };
        calendar.AddTimeZone(meeting.TimeZone);
        var items = meeting.Items.ToList();
        var location = meeting.Room.Get(language) + ", " + meeting.Venue.Get(language);
        foreach (var slot in meeting.Slots.OrderBy(s => s.StartsAt))
        {
            var labels = slot.Items.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var titles = labels.Select(l => l + " " + (items.FirstOrDefault(i => i.Label == l)?.Title.Get(language) ?? string.Empty));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = slot.Uid,
                Sequence = slot.Sequence,
                Summary = $"{meeting.Body!.SymbolStem} — {meeting.Title.Get(language)}: {string.Join(", ", labels)}",
                Description = string.Join("\n", titles),
                Location = location,
                Start = new CalDateTime(meeting.Local(slot.StartsAt).DateTime, meeting.TimeZone),
                End = new CalDateTime(meeting.Local(slot.EndsAt).DateTime, meeting.TimeZone),
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public static string FileName(Meeting meeting) =>
        meeting.Body!.SymbolStem.Replace('/', '-') + "-" + meeting.Ordinal.ToString(CultureInfo.InvariantCulture) + ".ics";
}
