using System.Globalization;

namespace CalmDesk.Infrastructure;

/// Query-string values read by hand: pages bind them as text, so a mistyped address (`?page=abc`) is a readable 400
/// page instead of the framework's binding exception.
internal static class QueryValue
{
    public static int? Number(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new BadHttpRequestException($"The query value '{name}' must be a whole number.");

    public static long? Long(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new BadHttpRequestException($"The query value '{name}' must be a whole number.");

    /// A day in the address, written yyyy-MM-dd (what a date field sends).
    public static DateOnly? Day(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value
        : throw new BadHttpRequestException($"The query value '{name}' must be a date written yyyy-MM-dd.");

    /// A switch in the address: 1, true or on (any case); anything else, or nothing, is off.
    public static bool Flag(string? text) =>
        text is not null && (text == "1" || text.Equals("on", StringComparison.OrdinalIgnoreCase) || (bool.TryParse(text, out var value) && value));

    /// A list's order (`sort=-renewal`); a column the list does not sort by is a readable 400.
    public static Data.Sorting? Sort(string? text, IReadOnlyCollection<string> columns) =>
        Data.Sorting.TryParse(text, columns, out var sorting, out var error) ? sorting : throw new BadHttpRequestException(error!);
}
