using System.Globalization;

namespace CalmDesk.Boundaries;

/// The terms that apply to one customer: their contract's fields where filled, the organisation's otherwise.
internal sealed record EffectiveTerms(
    int? DepositPercent, string? DepositMethods, IReadOnlyList<DayOfWeek>? OpenDays, TimeOnly? OpensAt, TimeOnly? ClosesAt,
    IReadOnlyList<DayOfWeek>? DeliveryDays, int? PaymentTermsDays, decimal? MaxDiscountPercent, int? ResponseHours, IReadOnlyList<string> Clauses)
{
    public static readonly string[] DayCodes = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static EffectiveTerms Merge(Terms? organisation, Terms? customer) => new(
        customer?.DepositPercent ?? organisation?.DepositPercent,
        customer?.DepositMethods ?? organisation?.DepositMethods,
        ParseDays(customer?.OpenDays ?? organisation?.OpenDays),
        customer?.OpensAt ?? organisation?.OpensAt,
        customer?.ClosesAt ?? organisation?.ClosesAt,
        ParseDays(customer?.DeliveryDays ?? organisation?.DeliveryDays),
        customer?.PaymentTermsDays ?? organisation?.PaymentTermsDays,
        customer?.MaxDiscountPercent ?? organisation?.MaxDiscountPercent,
        customer?.ResponseHours ?? organisation?.ResponseHours,
        [.. Lines(customer?.Clauses), .. Lines(organisation?.Clauses)]);

    /// The written clause for a rule ("delivery: Deliveries run Monday to Friday." for "delivery"), customer's first.
    public string? ClauseFor(string rule) => Clauses
        .Where(c => c.StartsWith(rule + ":", StringComparison.OrdinalIgnoreCase))
        .Select(c => c[(rule.Length + 1)..].Trim())
        .FirstOrDefault();

    public static IReadOnlyList<DayOfWeek>? ParseDays(string? codes) =>
        string.IsNullOrWhiteSpace(codes) ? null
        : [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => Array.IndexOf(DayCodes, code.ToLowerInvariant()))
            .Where(index => index >= 0).Distinct().Order().Select(index => (DayOfWeek)index)];

    /// Null when every code is a day; otherwise the first one that is not.
    public static string? BadDay(string? codes) =>
        codes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(code => !DayCodes.Contains(code.ToLowerInvariant()));

    /// "lunedì, martedì e sabato" in the reader's language.
    public static string DayNames(IEnumerable<DayOfWeek> days, CultureInfo culture, string and)
    {
        var names = days.Select(d => culture.DateTimeFormat.GetDayName(d)).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " " + and + " " + names[^1];
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
