using CalmDesk.Customers;

namespace CalmDesk.Orders;

/// An order as the customer placed it, the confirmation we sent (its exact words kept), and what was delivered:
/// the record that settles a "that's not what I ordered" dispute without arguing.
internal sealed class Order
{
    public const int MaxNumberLength = 64;

    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// Unique per customer.
    public required string Number { get; set; }

    public DateOnly OrderedOn { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// How the confirmation went out: email, chat, phone, letter.
    public string? ConfirmationChannel { get; set; }

    /// The confirmation exactly as sent, never edited afterwards.
    public string? ConfirmationText { get; set; }

    /// When the customer acknowledged the confirmation (replied, signed), if they did.
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateOnly? DeliveredOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// One item of an order: how many were ordered, confirmed and delivered. Null means "not recorded yet".
internal sealed class OrderLine
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public required string Item { get; set; }

    public decimal Ordered { get; set; }

    public decimal? Confirmed { get; set; }

    public decimal? Delivered { get; set; }

    public decimal UnitPrice { get; set; }
}
