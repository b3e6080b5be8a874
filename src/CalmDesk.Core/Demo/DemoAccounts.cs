using CalmDesk.Data;
using CalmDesk.Receivables;

namespace CalmDesk.Demo;

/// A year of monthly invoices and payments for a demo customer. Who pays late follows what the customer wrote:
/// those whose messages show a complaint or a cash-flow problem fall behind (most of them), as do a few who said
/// nothing, so the aged book has every bucket and the late payers show all three kinds.
internal static class DemoAccounts
{
    public static async Task AddAsync(
        CalmDeskDbContext db, int customerId, string currency, int index, Random random, DateOnly today, CancellationToken cancellationToken, Mail.AttachmentStore? documents = null)
    {
        var (cases, messages) = await LatePayers.LoadFactsAsync(db, [customerId], DateTimeOffset.MinValue, cancellationToken);
        var (kind, _) = LatePayers.Diagnose(cases[customerId], messages[customerId]);
        var late = kind switch
        {
            LatePayerKind.Struggling => true,
            LatePayerKind.Protesting => index % 3 == 1,
            _ => index % 9 == 4,
        };
        // Late payers stopped paying 1 to 4 months ago, so their oldest open invoice lands in a different bucket each.
        var unpaidMonths = late ? 1 + (index % 4) : 0;
        var monthly = 300 + (index * 137 % 2700);
        for (var month = 11; month >= 0; month--)
        {
            var issued = today.AddDays(-(month * 30) - 3 - (index % 9));
            var amount = decimal.Round(monthly * (0.8m + (decimal)random.NextDouble() * 0.4m), 2);
            var offersDiscount = month % 2 == 0;
            var invoice = new Invoice
            {
                CustomerId = customerId, Number = $"INV-{26000 + (index * 20) + (11 - month)}", IssuedOn = issued, DueOn = issued.AddDays(30),
                Amount = amount, Currency = currency, CreatedAt = new DateTimeOffset(issued.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                EarlyDiscountPercent = offersDiscount ? 2 : null, EarlyDiscountUntil = offersDiscount ? issued.AddDays(10) : null,
            };
            if (documents is not null)
            {
                invoice.SetDocument(await documents.KeepAsync(
                    new Mail.OutgoingFile(invoice.Number + ".pdf", "application/pdf", DemoInvoiceDocument.Pdf(invoice, "CalmDesk Demo Supplies Ltd")), cancellationToken));
            }

            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(cancellationToken);
            if (month < unpaidMonths + 1 && late)
            {
                continue;
            }

            var takesDiscount = offersDiscount && random.Next(3) == 0;
            var paidOn = takesDiscount ? issued.AddDays(5 + random.Next(5)) : invoice.DueOn.AddDays(random.Next(-10, late ? 20 : 6));
            if (paidOn > today)
            {
                continue;
            }

            var discount = takesDiscount ? decimal.Round(amount * 0.02m, 2) : 0;
            db.Payments.Add(new Payment
            {
                CustomerId = customerId, Reference = $"BANK-{invoice.Number}", InvoiceId = invoice.Id, ReceivedOn = paidOn, Amount = amount - discount,
                Currency = currency, DiscountTaken = discount, CreatedAt = invoice.CreatedAt,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
