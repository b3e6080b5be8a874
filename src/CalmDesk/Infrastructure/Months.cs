using System.Globalization;

namespace CalmDesk.Infrastructure;

/// Months as the read models key them ("2026-11"), shown as the reader writes a month with its year ("Nov 26",
/// "nov 26", "Νοε 26"). What is not such a key shows as it is.
internal static class Months
{
    public static string Label(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMM yy", CultureInfo.CurrentCulture)
            : month;
}
