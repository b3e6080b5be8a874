using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Imports;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Receivables;

/// Imports invoices (and credit notes) and payments from CSV with the guarantees of every import: a bad row is
/// rejected alone with its reason, a row already stored (same customer and number, or same customer and payment
/// reference) is counted as a duplicate, and each row is saved on its own, so an interrupted import resumes by
/// running it again. Invoices first: a payment naming an invoice not yet imported is rejected, not guessed.
internal sealed class ReceivablesCsvImport(CalmDeskDbContext db, ReceivablesBook book)
{
    public static readonly IReadOnlyList<string> InvoiceColumns =
        ["customer", "number", "kind", "issuedon", "dueon", "amount", "currency", "corrects", "earlydiscountpercent"];

    public static readonly IReadOnlyList<string> PaymentColumns =
        ["customer", "reference", "invoice", "receivedon", "amount", "currency", "discounttaken"];

    public async Task<ImportReport> InvoicesAsync(Stream stream, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var matcher = await CustomerMatcher.LoadAsync(db, cancellationToken);
        var known = (await db.Invoices.AsNoTracking().Select(i => new { i.CustomerId, i.Number }).ToListAsync(cancellationToken))
            .Select(i => (i.CustomerId, i.Number)).ToHashSet();
        var customers = new Dictionary<int, Customer>();
        var termsDays = new Dictionary<int, int>();
        return await CsvRows.ImportEachAsync(stream, ["customer", "number", "issuedon", "amount"], progress, async (row, location, report) =>
        {
            var (customer, problem) = await CustomerAsync(matcher, customers, row, cancellationToken);
            if (customer is null)
            {
                report.Reject(location, problem!);
                return;
            }

            var number = row["number"]!.Trim();
            if (known.Contains((customer.Id, number)))
            {
                report.CountDuplicate();
                return;
            }

            var parse = new List<string>();
            var input = new InvoiceInput(customer.Id, number, row.Date("issuedon", parse), row.Number("amount", parse),
                row.Date("dueon", parse), row["currency"], row["kind"], row["corrects"], row.Number("earlydiscountpercent", parse));
            var errors = input.Validate();
            if (parse.Count > 0 || errors.Count > 0)
            {
                report.Reject(location, string.Join(" ", parse.Concat(errors.SelectMany(e => e.Value))));
                return;
            }

            int? corrects = null;
            if (input.Corrects is { } correctsNumber)
            {
                corrects = await db.Invoices.Where(i => i.CustomerId == customer.Id && i.Number == correctsNumber && i.Kind == InvoiceKind.Invoice)
                    .Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
                if (corrects is null)
                {
                    report.Reject(location, $"corrects '{correctsNumber}': this customer has no such invoice (import it first)");
                    return;
                }
            }

            if (!termsDays.TryGetValue(customer.Id, out var days))
            {
                days = termsDays[customer.Id] = await book.TermsDaysAsync(customer.Id, cancellationToken);
            }

            db.Invoices.Add(book.BuildInvoice(customer, input, input.KindOrDefault, corrects, days));
            known.Add((customer.Id, number));
            await ImportFile.SaveRecordAsync(db, report, cancellationToken);
        }, cancellationToken);
    }

    public async Task<ImportReport> PaymentsAsync(Stream stream, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var matcher = await CustomerMatcher.LoadAsync(db, cancellationToken);
        var known = (await db.Payments.AsNoTracking().Select(p => new { p.CustomerId, p.Reference }).ToListAsync(cancellationToken))
            .Select(p => (p.CustomerId, p.Reference)).ToHashSet();
        var customers = new Dictionary<int, Customer>();
        return await CsvRows.ImportEachAsync(stream, ["customer", "reference", "receivedon", "amount"], progress, async (row, location, report) =>
        {
            var (customer, problem) = await CustomerAsync(matcher, customers, row, cancellationToken);
            if (customer is null)
            {
                report.Reject(location, problem!);
                return;
            }

            var reference = row["reference"]!.Trim();
            if (known.Contains((customer.Id, reference)))
            {
                report.CountDuplicate();
                return;
            }

            var parse = new List<string>();
            var input = new PaymentInput(customer.Id, reference, row.Date("receivedon", parse), row.Number("amount", parse),
                row["invoice"], row["currency"], row.Number("discounttaken", parse));
            var errors = input.Validate();
            if (parse.Count > 0 || errors.Count > 0)
            {
                report.Reject(location, string.Join(" ", parse.Concat(errors.SelectMany(e => e.Value))));
                return;
            }

            var (payment, rule) = await book.BuildPaymentAsync(customer, input, cancellationToken);
            if (payment is null)
            {
                report.Reject(location, rule!.Value.Message);
                return;
            }

            db.Payments.Add(payment);
            known.Add((customer.Id, reference));
            await ImportFile.SaveRecordAsync(db, report, cancellationToken);
        }, cancellationToken);
    }

    private async Task<(Customer? Customer, string? Problem)> CustomerAsync(
        CustomerMatcher matcher, Dictionary<int, Customer> cache, CsvRow row, CancellationToken cancellationToken)
    {
        var (id, problem) = matcher.ByCustomerReference(row["customer"] ?? "");
        if (id is null)
        {
            return (null, problem ?? "the customer column is empty");
        }

        if (!cache.TryGetValue(id.Value, out var customer))
        {
            customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == id.Value, cancellationToken);
            cache[id.Value] = customer;
        }

        return (customer, null);
    }
}
