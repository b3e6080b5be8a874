using CalmDesk.Customers;
using CalmDesk.Localization;

namespace CalmDesk.Receivables;

/// An invoice or credit note as the API, the page and the CSV import give it. Without a due date, the customer's
/// payment terms apply; without a currency, the customer's.
internal sealed record InvoiceInput(
    int? CustomerId, string? Number, DateOnly? IssuedOn, decimal? Amount,
    DateOnly? DueOn = null, string? Currency = null, string? Kind = null, string? Corrects = null, decimal? EarlyDiscountPercent = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (CustomerId is null)
        {
            errors["customerId"] = [Messages.Get("The customer is required.")];
        }

        if (string.IsNullOrWhiteSpace(Number))
        {
            errors["number"] = [Messages.Get("The invoice number is required.")];
        }
        else if (Number.Trim().Length > Invoice.MaxNumberLength)
        {
            errors["number"] = [Messages.Format("The invoice number must be at most {0} characters.", Invoice.MaxNumberLength)];
        }

        if (IssuedOn is null)
        {
            errors["issuedOn"] = [Messages.Get("The issue date is required.")];
        }
        else if (DueOn is { } due && due < IssuedOn)
        {
            errors["dueOn"] = [Messages.Get("The due date cannot be before the issue date.")];
        }

        Data.BusinessDates.Check(errors, "issuedOn", IssuedOn);
        Data.BusinessDates.Check(errors, "dueOn", DueOn);

        if (Amount is not > 0)
        {
            errors["amount"] = [Messages.Get("The amount must be more than zero (a credit note is a kind, not a negative amount).")];
        }
        else if (Amount > 1_000_000_000_000m || decimal.Round(Amount.Value, 2) != Amount)
        {
            errors["amount"] = [Messages.Get("The amount must have at most two decimals and be below a trillion.")];
        }

        if (Currency is not null && !Currencies.IsKnown(Currency))
        {
            errors["currency"] = [Messages.Format("'{0}' is not an ISO 4217 currency code such as EUR or USD.", Currency)];
        }

        if (Kind is not null && ParseKind(Kind) is null)
        {
            errors["kind"] = [Messages.Format("Unknown kind '{0}'; use invoice or creditNote.", Kind)];
        }

        if (EarlyDiscountPercent is < 0 or >= 100)
        {
            errors["earlyDiscountPercent"] = [Messages.Get("The early-payment discount must be between 0 and 100 percent.")];
        }

        return errors;
    }

    public InvoiceKind KindOrDefault => Kind is null ? InvoiceKind.Invoice : ParseKind(Kind) ?? InvoiceKind.Invoice;

    public static InvoiceKind? ParseKind(string text) =>
        text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "invoice" => InvoiceKind.Invoice,
            "creditnote" or "credit" => InvoiceKind.CreditNote,
            _ => null,
        };
}

/// Money received: a reference unique per customer, the day, the amount, and optionally the invoice it pays.
internal sealed record PaymentInput(
    int? CustomerId, string? Reference, DateOnly? ReceivedOn, decimal? Amount, string? Invoice = null, string? Currency = null, decimal? DiscountTaken = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (CustomerId is null)
        {
            errors["customerId"] = [Messages.Get("The customer is required.")];
        }

        if (string.IsNullOrWhiteSpace(Reference))
        {
            errors["reference"] = [Messages.Get("The payment reference is required.")];
        }
        else if (Reference.Trim().Length > Payment.MaxReferenceLength)
        {
            errors["reference"] = [Messages.Format("The payment reference must be at most {0} characters.", Payment.MaxReferenceLength)];
        }

        if (ReceivedOn is null)
        {
            errors["receivedOn"] = [Messages.Get("The date the payment was received is required.")];
        }

        Data.BusinessDates.Check(errors, "receivedOn", ReceivedOn);

        if (Amount is not > 0 || decimal.Round(Amount.Value, 2) != Amount || Amount > 1_000_000_000_000m)
        {
            errors["amount"] = [Messages.Get("The amount must be more than zero, with at most two decimals.")];
        }

        if (Currency is not null && !Currencies.IsKnown(Currency))
        {
            errors["currency"] = [Messages.Format("'{0}' is not an ISO 4217 currency code such as EUR or USD.", Currency)];
        }

        if (DiscountTaken is < 0)
        {
            errors["discountTaken"] = [Messages.Get("The discount taken cannot be negative.")];
        }

        return errors;
    }
}
