namespace CalmDesk.Receivables;

/// An invoice's position on a given day: what is still open, and when it was settled in full.
internal sealed record InvoiceState(Invoice Invoice, decimal Open, DateOnly? SettledOn)
{
    public int DaysOverdue(DateOnly asOf) => Math.Max(0, asOf.DayNumber - Invoice.DueOn.DayNumber);

    public bool IsOverdue(DateOnly asOf) => Open > 0 && asOf > Invoice.DueOn;
}

/// Every invoice's position on a day, plus the credit (payments and credit notes) not matched to any invoice yet.
internal sealed record LedgerPosition(DateOnly AsOf, IReadOnlyList<InvoiceState> Invoices, IReadOnlyDictionary<(int CustomerId, string Currency), decimal> Unapplied);

/// Matches payments and credit notes to invoices, day by day, as an accountant would: a payment naming an invoice
/// settles it first; anything else settles the oldest open invoice of that customer in that currency; credit that
/// finds nothing open waits for the next invoice. Currencies are never mixed.
internal static class Ledger
{
    public static LedgerPosition Settle(IEnumerable<Invoice> documents, IEnumerable<Payment> payments, DateOnly asOf)
    {
        var events = new List<(DateOnly Day, int Order, int Id, Invoice? Document, Payment? Payment)>();
        foreach (var document in documents.Where(d => d.IssuedOn <= asOf))
        {
            // On one day, invoices are booked before the money that pays them.
            events.Add((document.IssuedOn, document.Kind == InvoiceKind.Invoice ? 0 : 1, document.Id, document, null));
        }

        foreach (var payment in payments.Where(p => p.ReceivedOn <= asOf))
        {
            events.Add((payment.ReceivedOn, 2, payment.Id, null, payment));
        }

        var open = new Dictionary<int, decimal>();
        var settled = new Dictionary<int, DateOnly?>();
        var byAccount = new Dictionary<(int, string), List<Invoice>>();
        var unapplied = new Dictionary<(int CustomerId, string Currency), decimal>();
        var invoices = new Dictionary<int, Invoice>();

        foreach (var item in events.OrderBy(e => e.Day).ThenBy(e => e.Order).ThenBy(e => e.Id))
        {
            if (item.Document is { Kind: InvoiceKind.Invoice } invoice)
            {
                var account = (invoice.CustomerId, invoice.Currency.ToUpperInvariant());
                invoices[invoice.Id] = invoice;
                open[invoice.Id] = invoice.Amount;
                settled[invoice.Id] = null;
                (byAccount.TryGetValue(account, out var list) ? list : byAccount[account] = []).Add(invoice);
                if (unapplied.GetValueOrDefault(account) is > 0 and var waiting)
                {
                    unapplied[account] = Apply(invoice.Id, waiting, item.Day);
                }

                continue;
            }

            var (customerId, currency, amount, target) = item.Document is { } credit
                ? (credit.CustomerId, credit.Currency, credit.Amount, credit.CorrectsInvoiceId)
                : (item.Payment!.CustomerId, item.Payment.Currency, item.Payment.Amount + item.Payment.DiscountTaken, item.Payment.InvoiceId);
            var key = (customerId, currency.ToUpperInvariant());
            var left = amount;
            if (target is { } targetId && invoices.TryGetValue(targetId, out var named) && (named.CustomerId, named.Currency.ToUpperInvariant()) == key)
            {
                left = Apply(targetId, left, item.Day);
            }

            foreach (var oldest in (byAccount.GetValueOrDefault(key) ?? []).OrderBy(i => i.DueOn).ThenBy(i => i.IssuedOn).ThenBy(i => i.Id))
            {
                if (left <= 0)
                {
                    break;
                }

                left = Apply(oldest.Id, left, item.Day);
            }

            unapplied[key] = unapplied.GetValueOrDefault(key) + left;
        }

        return new LedgerPosition(
            asOf,
            [.. invoices.Values.Select(i => new InvoiceState(i, open[i.Id], settled[i.Id]))],
            unapplied.Where(u => u.Value != 0).ToDictionary());

        decimal Apply(int invoiceId, decimal amount, DateOnly day)
        {
            var due = open[invoiceId];
            if (due <= 0 || amount <= 0)
            {
                return amount;
            }

            var used = Math.Min(due, amount);
            open[invoiceId] = due - used;
            if (open[invoiceId] == 0)
            {
                settled[invoiceId] = day;
            }

            return amount - used;
        }
    }
}
