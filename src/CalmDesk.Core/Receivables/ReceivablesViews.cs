namespace CalmDesk.Receivables;

internal sealed record InvoiceView(
    int Id, int CustomerId, string Company, string Number, InvoiceKind Kind, DateOnly IssuedOn, DateOnly DueOn, decimal Amount, string Currency,
    decimal Open, DateOnly? SettledOn, int DaysOverdue, decimal? EarlyDiscountPercent, DateOnly? EarlyDiscountUntil)
{
    /// The file name of the invoice's document, when one is on file.
    public string? Document { get; init; }

    public long? DocumentSize { get; init; }
}

/// An invoice's document as a download: where its content is kept and the name to give it.
internal sealed record InvoiceDocument(int InvoiceId, string Number, string FileName, string ContentType, long Size, string Sha256);

internal sealed record PaymentView(
    int Id, int CustomerId, string Reference, string? InvoiceNumber, DateOnly ReceivedOn, decimal Amount, string Currency, decimal DiscountTaken);

/// One customer's money: balances by age, the invoices and payments, and how they have paid month by month.
internal sealed record CustomerAccount(
    int CustomerId, string Company, string Language, DateOnly AsOf, IReadOnlyList<AgingRow> Aging,
    IReadOnlyList<InvoiceView> Invoices, IReadOnlyList<PaymentView> Payments, IReadOnlyList<PaymentMonth> Behaviour);

/// What the early-payment discount did, in one currency: invoices that carried the offer against those that did not.
internal sealed record DiscountEffect(
    string Currency, int Offered, int TakenUp, decimal DiscountGiven, double? DaysToPayWithOffer, int WithoutOffer, double? DaysToPayWithoutOffer);
