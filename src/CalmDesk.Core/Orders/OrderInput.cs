using CalmDesk.Localization;

namespace CalmDesk.Orders;

internal sealed record OrderLineInput(string? Item, decimal? Ordered, decimal? UnitPrice = null, decimal? Confirmed = null, decimal? Delivered = null);

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

        return errors;
    }
}
