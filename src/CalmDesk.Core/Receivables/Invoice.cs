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
internal sealed class Invoice : Search.ISearchable, Health.ICustomerRecord
{
    private static readonly string[] Searched = [nameof(Number)];

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

    /// What is still owed on this invoice once every payment and credit note recorded up to today is applied (the
    /// ledger's oldest-first settlement), kept by the account refresh with the customer's health; 0 for a credit note.
    public decimal Open { get; set; }

    /// True while <see cref="Open"/> is above zero: an indexed flag, as SQLite stores decimals as text.
    public bool Outstanding { get; set; }

    /// The day the invoice was paid in full, and how many days after it was issued.
    public DateOnly? SettledOn { get; set; }

    public int? DaysToPay { get; set; }

    /// The document the customer received (usually a PDF), kept in the attachment store; the collection step that
    /// sends a copy of the invoice attaches it.
    public string? DocumentName { get; set; }

    public string? DocumentType { get; set; }

    public long? DocumentSize { get; set; }

    /// Where <see cref="Mail.AttachmentStore"/> keeps its content.
    public string? DocumentSha256 { get; set; }

    /// Lists the kept document as this invoice's, replacing any earlier one.
    public void SetDocument(Mail.Attachment document)
    {
        DocumentName = document.FileName;
        DocumentType = document.ContentType;
        DocumentSize = document.Size;
        DocumentSha256 = document.Sha256;
    }

    /// The document as a file to list on the message that sends it, or null when there is none.
    public Mail.Attachment? DocumentAttachment(DateTimeOffset now) => DocumentSha256 is null ? null : new Mail.Attachment
    {
        FileName = DocumentName!, ContentType = DocumentType ?? "application/octet-stream", Size = DocumentSize ?? 0, Sha256 = DocumentSha256, CreatedAt = now,
    };

    /// The number as <see cref="Customers.SearchText.Key"/> spells it, for the global search.
    public string? SearchKey { get; private set; }

    public IReadOnlyList<string> SearchedProperties => Searched;

    public void RefreshSearchKey() => SearchKey = Customers.SearchText.Key(Number);
}
