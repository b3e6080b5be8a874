namespace CalmDesk.Customers;

/// IANA time zones ("Europe/Rome", "Europe/London") for users and customers.
internal static class TimeZones
{
    private static readonly string[] Areas = ["Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/"];

    /// The zones a person picks from: every named place the system knows, plus UTC, sorted by name.
    public static IReadOnlyList<string> Choices { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => Areas.Any(a => id.StartsWith(a, StringComparison.Ordinal))).Append("UTC").Distinct().Order(StringComparer.Ordinal)];

    public static bool IsKnown(string id) => id.Trim().Length is > 0 and <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _);

    /// The zone with this id, or the fallback when the id is empty or unknown here.
    public static TimeZoneInfo Or(string? id, TimeZoneInfo fallback) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : fallback;
}
