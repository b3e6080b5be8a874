using CalmDesk.Customers;

namespace CalmDesk.Receivables;

internal enum InvoiceKind
{
    Invoice,

    /// Reduces what the customer has to pay; its amount is stored positive.
    CreditNote,
}

/// A bill sent to a customer (or a credit note against one). What is still open is worked out from the payments
/// and credit notes by <see cref="Ledger"/>, never stored, so a late-imported payment corrects every report at once.
internal sealed class Invoice
{
    public const int MaxNumberLength = 64;

    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// Unique per customer; the key CSV imports match on.
    public required string Number { get; set; }

    public InvoiceKind Kind { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateOnly DueOn { get; set; }

    /// Always positive; a credit note counts against the balance.
    public decimal Amount { get; set; }

    /// ISO 4217; amounts in different currencies are never added together.
    public required string Currency { get; set; }

    /// For a credit note: the invoice it corrects, if one.
    public int? CorrectsInvoiceId { get; set; }

    /// The early-payment discount offered on this invoice: this percentage off when paid by <see cref="EarlyDiscountUntil"/>.
    public decimal? EarlyDiscountPercent { get; set; }

    public DateOnly? EarlyDiscountUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
