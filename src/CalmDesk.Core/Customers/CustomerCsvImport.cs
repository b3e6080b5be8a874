using System.Globalization;
using CalmDesk.Data;
using CalmDesk.Imports;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

/// Imports customers (and one contact each) from CSV. Each row is stored in its own transaction and keyed
/// by its external id (or folded company name), so a re-run, even after a kill, stores every row exactly once.
internal sealed class CustomerCsvImport(CalmDeskDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "externalid", "company", "segment", "status", "language", "currency", "repemail", "renewaldate",
        "contactname", "contactemail", "contactphone", "contactlanguage", "contactgender", "country", "timezone", "postaladdress",
    ];

    public async Task<ImportReport> RunAsync(Stream stream, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var known = (await db.Customers.Where(c => c.ExternalId != null).Select(c => c.ExternalId!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var reps = await db.Reps.Select(r => new { r.Id, r.User!.NormalizedEmail }).ToListAsync(cancellationToken);
        var repByEmail = reps.Where(r => r.NormalizedEmail != null).ToDictionary(r => r.NormalizedEmail!, r => r.Id);

        return await CsvRows.ImportEachAsync(
            stream, ["company"], progress, (row, location, report) => ImportRowAsync(row, location, known, repByEmail, report, cancellationToken), cancellationToken);
    }

    private async Task ImportRowAsync(
        CsvRow row, string location, HashSet<string> known, Dictionary<string, int> repByEmail, ImportReport report, CancellationToken cancellationToken)
    {
        var key = row["externalid"] ?? (row["company"] is { } company ? "company:" + SearchText.Fold(company) : null);
        if (key is not null && known.Contains(key))
        {
            report.CountDuplicate();
            return;
        }

        var errors = new Dictionary<string, string[]>();
        int? repId = null;
        if (row["repemail"] is { } repEmail)
        {
            if (repByEmail.TryGetValue(repEmail.Trim().ToUpperInvariant(), out var id))
            {
                repId = id;
            }
            else
            {
                errors["repEmail"] = [$"no rep has the email {repEmail}"];
            }
        }

        DateOnly? renewal = null;
        if (row["renewaldate"] is { } renewalText)
        {
            if (DateOnly.TryParseExact(renewalText, ["yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                renewal = date;
            }
            else
            {
                errors["renewalDate"] = [$"renewal date '{renewalText}' is not a date like 2027-03-31"];
            }
        }

        var input = new CustomerInput(row["company"], row["segment"], row["status"], row["language"], row["currency"], repId, renewal, key, row["country"], row["timezone"],
            // An address's lines, in a quoted cell with line breaks or separated by "|".
            row["postaladdress"]?.Replace('|', '\n'));
        var contact = row["contactname"] is null && row["contactemail"] is null
            ? null
            : new ContactInput(row["contactname"] ?? row["contactemail"], row["contactemail"], row["contactphone"], row["contactlanguage"], row["contactgender"]);
        foreach (var (field, messages) in input.Validate().Concat(contact?.Validate("contact.") ?? []))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            report.Reject(location, errors);
            return;
        }

        var customer = new Customer { Company = "", CreatedAt = clock.GetUtcNow() };
        if (contact is not null)
        {
            customer.Contacts.Add(contact.ToContact());
        }

        input.ApplyTo(customer);
        db.Customers.Add(customer);
        // Customer and contact go in one SaveChanges: one transaction, never half a row.
        await ImportFile.SaveRecordAsync(db, report, cancellationToken);
        known.Add(key!);
    }
}
