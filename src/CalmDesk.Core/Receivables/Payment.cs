using CalmDesk.Customers;

namespace CalmDesk.Receivables;

/// Money received from a customer. With an invoice it settles that invoice first; the rest (or all of it, without
/// one) settles the customer's oldest open invoices in the same currency.
internal sealed class Payment : Health.ICustomerRecord
{
    public const int MaxReferenceLength = 64;

    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// Unique per customer (a bank reference, a receipt number); the key CSV imports match on.
    public required string Reference { get; set; }

    public int? InvoiceId { get; set; }

    public Invoice? Invoice { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    /// The early-payment discount the customer deducted; it settles the invoice as if paid.
    public decimal DiscountTaken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
