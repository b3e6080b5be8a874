using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Imports;
using CalmDesk.Interactions;
using CalmDesk.Mail;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Receivables;

/// Imports invoices (and credit notes) and payments from CSV with the guarantees of every import: a bad row is
/// rejected alone with its reason, a row already stored (same customer and number, or same customer and payment
/// reference) is counted as a duplicate, and each row is saved on its own, so an interrupted import resumes by
/// running it again. Invoices first: a payment naming an invoice not yet imported is rejected, not guessed.
/// The command line also reads each invoice's document (a <c>document</c> column naming a file beside the CSV); the same
/// import over HTTP does not, as a server must not read files a remote caller names.
internal sealed class ReceivablesCsvImport(CalmDeskDbContext db, ReceivablesBook book, AttachmentStore? attachments = null)
{
    public static readonly IReadOnlyList<string> InvoiceColumns =
        ["customer", "number", "kind", "issuedon", "dueon", "amount", "currency", "corrects", "earlydiscountpercent", "document"];

    public Task<ImportReport> InvoicesAsync(Stream stream, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        InvoicesAsync(stream, progress, null, cancellationToken);

    public static readonly IReadOnlyList<string> PaymentColumns =
        ["customer", "reference", "invoice", "receivedon", "amount", "currency", "discounttaken"];

    /// Imports invoices; with a documents folder, the file a row's <c>document</c> column names (relative to that folder,
    /// never outside it) is kept as the invoice's document, also for an invoice imported before without one.
    public async Task<ImportReport> InvoicesAsync(Stream stream, IProgress<ImportProgress>? progress, string? documentsFolder, CancellationToken cancellationToken)
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
            var (document, documentProblem) = await DocumentAsync(row["document"], documentsFolder, cancellationToken);
            if (documentProblem is not null)
            {
                report.Reject(location, documentProblem);
                return;
            }

            if (known.Contains((customer.Id, number)))
            {
                if (document is not null
                    && await db.Invoices.SingleAsync(i => i.CustomerId == customer.Id && i.Number == number, cancellationToken) is { DocumentSha256: null } stored)
                {
                    stored.SetDocument(document);
                    await db.SaveChangesAsync(cancellationToken);
                }

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

            var invoice = book.BuildInvoice(customer, input, input.KindOrDefault, corrects, days);
            if (document is not null)
            {
                invoice.SetDocument(document);
            }

            db.Invoices.Add(invoice);
            known.Add((customer.Id, number));
            await ImportFile.SaveRecordAsync(db, report, cancellationToken);
        }, cancellationToken);
    }

    /// The row's document read and kept, or why not. An empty column is no document.
    private async Task<(Attachment? Document, string? Problem)> DocumentAsync(string? name, string? folder, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        if (folder is null || attachments is null)
        {
            return (null, "document: only `calmdesk import invoices` reads documents; add them on the account page or with PUT /api/v1/receivables/invoices/{id}/document");
        }

        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, name.Trim()));
        if (!path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, $"document '{name}': the file must be in the CSV's folder or below it");
        }

        if (!File.Exists(path))
        {
            return (null, $"document '{name}': there is no such file beside the CSV");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var errors = OutgoingFile.Validate([new OutgoingFile(path, null, bytes)], long.MaxValue);
        return errors.Count > 0
            ? (null, $"document '{name}': {string.Join(" ", errors.SelectMany(e => e.Value))}")
            : (await attachments.KeepAsync(new OutgoingFile(Path.GetFileName(path), MimeKit.MimeTypes.GetMimeType(path), bytes), cancellationToken), null);
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
