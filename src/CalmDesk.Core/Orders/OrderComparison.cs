namespace CalmDesk.Orders;

/// One item side by side; Difference says where it first parts ways: "confirmation" (we confirmed something other
/// than what was ordered), "delivery" (we delivered something other than what we confirmed), or null.
internal sealed record ComparedLine(string Item, decimal Ordered, decimal? Confirmed, decimal? Delivered, string? Difference);

/// An order's three records compared, with what the rep should make of it. Verdicts:
/// "delivery_differs" (our mistake: the delivery did not match the confirmation),
/// "confirmation_differs" (the confirmation did not match the order; acknowledged says whether the customer agreed to it),
/// "as_ordered" (everything matches: ask kindly how the misunderstanding arose, and fix it),
/// "incomplete" (the confirmation or the delivery is not recorded yet).
internal sealed record OrderComparison(
    int OrderId, string Number, DateOnly OrderedOn, DateTimeOffset? ConfirmedAt, string? ConfirmationChannel, string? ConfirmationText,
    DateTimeOffset? AcknowledgedAt, DateOnly? DeliveredOn, IReadOnlyList<ComparedLine> Lines, string Verdict, string? Playbook)
{
    public static OrderComparison Of(Order order)
    {
        var lines = order.Lines.OrderBy(l => l.Id).Select(l =>
        {
            var difference = l.Confirmed is { } confirmed && confirmed != l.Ordered ? "confirmation"
                : l.Delivered is { } delivered && delivered != (l.Confirmed ?? l.Ordered) ? "delivery"
                : null;
            return new ComparedLine(l.Item, l.Ordered, l.Confirmed, l.Delivered, difference);
        }).ToList();
        var verdict = lines.Any(l => l.Difference == "delivery") ? "delivery_differs"
            : lines.Any(l => l.Difference == "confirmation") ? "confirmation_differs"
            : order.ConfirmedAt is null || lines.Any(l => l.Delivered is null) ? "incomplete"
            : "as_ordered";
        // Our mistake when we delivered other than we confirmed, or confirmed other than ordered without the customer agreeing.
        var ours = verdict == "delivery_differs" || (verdict == "confirmation_differs" && order.AcknowledgedAt is null);
        return new OrderComparison(order.Id, order.Number, order.OrderedOn, order.ConfirmedAt, order.ConfirmationChannel, order.ConfirmationText,
            order.AcknowledgedAt, order.DeliveredOn, lines, verdict, ours ? "our-mistake" : "wrong-delivery");
    }
}
