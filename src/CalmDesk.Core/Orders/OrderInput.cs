using CalmDesk.Localization;

namespace CalmDesk.Orders;

internal sealed record OrderLineInput(string? Item, decimal? Ordered, decimal? UnitPrice = null, decimal? Confirmed = null, decimal? Delivered = null);

/// Lines typed on a page, one per line: "item | quantity | unit price" (a tab or ';' also separates; the price may be
/// left out). Numbers read as the reader types them (TypedNumber): "1.200" is twelve hundred to an Italian reader. Returns the lines, or the first line that cannot be read.
internal static class OrderLinesText
{
    public static (IReadOnlyList<(string Item, decimal Quantity, decimal? Price)> Lines, string? Problem) Parse(string? text)
    {
        var result = new List<(string, decimal, decimal?)>();
        var number = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            number++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            var parts = raw.Split(['|', '\t', ';']).Select(p => p.Trim()).ToArray();
            decimal? price = null;
            if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || Number(parts[1]) is not { } quantity
                || (parts.Length == 3 && parts[2].Length > 0 && (price = Number(parts[2])) is null))
            {
                return ([], Messages.Format("Line {0} should read 'item | quantity | unit price', e.g. 'Chianti 750ml | 40 | 9.50'.", number));
            }

            result.Add((parts[0], quantity, price));
        }

        return (result, null);
    }

    /// Quantities and prices are never negative: "-5" delivered would be stored as a delivery of minus five.
    private static decimal? Number(string text) =>
        TypedNumber.Read(text, System.Globalization.CultureInfo.CurrentCulture) is { } value && value >= 0 ? value : null;
}

/// An order as the API or an import gives it: number, day, and at least one line.
internal sealed record OrderInput(int? CustomerId, string? Number, DateOnly? OrderedOn, IReadOnlyList<OrderLineInput>? Lines)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (CustomerId is null)
        {
            errors["customerId"] = [Messages.Get("The customer is required.")];
        }

        if (string.IsNullOrWhiteSpace(Number) || Number.Trim().Length > Order.MaxNumberLength)
        {
            errors["number"] = [Messages.Format("The order number is required, at most {0} characters.", Order.MaxNumberLength)];
        }

        if (OrderedOn is null)
        {
            errors["orderedOn"] = [Messages.Get("The order date is required.")];
        }

        if (Lines is not { Count: > 0 })
        {
            errors["lines"] = [Messages.Get("An order needs at least one line.")];
        }
        else if (Lines.Any(l => string.IsNullOrWhiteSpace(l.Item) || l.Item.Trim().Length > 200 || l.Ordered is not >= 0 || l.UnitPrice is < 0 || l.Confirmed is < 0 || l.Delivered is < 0))
        {
            errors["lines"] = [Messages.Get("Every line needs an item (at most 200 characters) and quantities that are not negative.")];
        }
        else if (Lines.Select(l => l.Item!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Lines.Count)
        {
            errors["lines"] = [Messages.Get("Each item may appear on one line only.")];
        }

        Data.BusinessDates.Check(errors, "orderedOn", OrderedOn);
        return errors;
    }
}
