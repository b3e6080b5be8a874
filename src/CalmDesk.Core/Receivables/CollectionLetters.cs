using CalmDesk.Customers;
using CalmDesk.Playbooks;

namespace CalmDesk.Receivables;

/// The collection texts for one invoice, in the customer's language: the plan's steps, the payment-plan offer and
/// the "let us fix your complaint first" letter. Always about the account and the invoice, never about the person.
internal static class CollectionLetters
{
    public static Letter Step(PlaybookLibrary library, CollectionStepKind kind, bool offerDiscount, Addressee account, InvoiceState invoice, DateOnly today, ReceivablesOptions options)
    {
        var values = Values(account, invoice, today, options);
        if (kind == CollectionStepKind.Call)
        {
            var seed = invoice.Invoice.Id;
            return new Letter(account.Language, LetterWriter.Section(library, account.Language, "collection-subject", values, seed),
                LetterWriter.Section(library, account.Language, "collection-call", values, seed));
        }

        var main = kind switch
        {
            CollectionStepKind.Friendly => "collection-friendly",
            CollectionStepKind.Notice => "collection-notice",
            _ => "collection-copy",
        };
        List<string> paragraph = [main];
        if (offerDiscount && options.EarlyDiscountPercent > 0)
        {
            paragraph.Add("early-discount");
        }

        return LetterWriter.Write(library, account.Language, "collection-subject", [paragraph], values, invoice.Invoice.Id);
    }

    /// For a customer short of cash: spread the open balance over instalments.
    public static Letter PaymentPlan(PlaybookLibrary library, Addressee account, InvoiceState oldest, decimal balance, DateOnly today, ReceivablesOptions options)
    {
        var values = Values(account, oldest, today, options);
        values["amount"] = Money.Format(balance, oldest.Invoice.Currency, account.Culture);
        return LetterWriter.Write(library, account.Language, "collection-subject", [["payment-plan"]], values, oldest.Invoice.Id);
    }

    /// For a customer holding back payment over a complaint: the complaint comes first.
    public static Letter ResolveFirst(PlaybookLibrary library, Addressee account, InvoiceState oldest, string complaint, DateOnly today, ReceivablesOptions options)
    {
        var values = Values(account, oldest, today, options);
        values["title"] = complaint;
        return LetterWriter.Write(library, account.Language, "collection-subject", [["resolve-first"]], values, oldest.Invoice.Id);
    }

    private static Dictionary<string, string> Values(Addressee account, InvoiceState state, DateOnly today, ReceivablesOptions options)
    {
        var culture = account.Culture;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact"] = account.Contact ?? account.Company,
            [Salutation.GenderKey] = account.Contact is null ? "" : account.ContactGender ?? "",
            ["rep"] = account.RepName ?? "",
            ["company"] = account.Company,
            ["invoice"] = state.Invoice.Number,
            ["amount"] = Money.Format(state.Open, state.Invoice.Currency, culture),
            ["due"] = state.Invoice.DueOn.ToString("d", culture),
            ["days"] = state.DaysOverdue(today).ToString(culture),
            ["discount"] = options.EarlyDiscountPercent.ToString("0.##", culture),
            ["discount_date"] = today.AddDays(options.EarlyDiscountDays).ToString("d", culture),
        };
    }
}
