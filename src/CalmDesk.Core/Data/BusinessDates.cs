using CalmDesk.Localization;

namespace CalmDesk.Data;

/// The dates a business record can carry: from 1900 to 2199. Anything outside is a typing or a tooling mistake
/// (0001-01-01, 9999-12-31), and the arithmetic the product does on dates (a due date thirty days on, a week of
/// replies after a price change, ninety days of aging back) would run off the calendar. Checked where data enters
/// (the API, pages, CSV rows), so a bad record is refused alone and never stored.
internal static class BusinessDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool Allows(DateOnly? date) => date is not { } day || (day >= Earliest && day <= Latest);

    /// Puts "the date must be between 1900 and 2199" on the field when the date is outside (instead of any other
    /// complaint about it: a comparison with such a date means nothing).
    public static void Check(IDictionary<string, string[]> errors, string field, DateOnly? date)
    {
        if (!Allows(date))
        {
            errors[field] = [Message];
        }
    }

    public static void Check(IDictionary<string, string[]> errors, string field, DateTimeOffset? moment) =>
        Check(errors, field, moment is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null);

    /// The refusal, for a query parameter.
    public static string Message => Messages.Format("The date must be between {0} and {1}.", Earliest.Year, Latest.Year);
}
