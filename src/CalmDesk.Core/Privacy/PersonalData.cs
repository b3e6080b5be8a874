using System.Globalization;
using System.Reflection;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CalmDesk.Accounts;
using CalmDesk.Audit;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Health;
using CalmDesk.Localization;
using CalmDesk.Mail;
using CalmDesk.Orders;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CalmDesk.Privacy;

/// What an erasure did: rows deleted per table, and the tables kept (anonymised) for the books.
internal sealed record ErasureReport(int CustomerId, IReadOnlyDictionary<string, int> Deleted, IReadOnlyList<string> Kept);

/// What erasing one contact did: the contact is gone, and their name, address and number were blanked in this many texts.
internal sealed record ContactErasureReport(int CustomerId, int ContactId, int TextsScrubbed, int RawMailsDeleted);

/// <summary>
/// A customer's personal data, for a data-protection request (GDPR articles 15, 17 and 20): everything held about them
/// exported as JSON or as a zip of CSV files with the files they sent, and erasure of a customer or of one contact.
/// Only managers and admins may do either; each one is written to the audit log.
/// </summary>
internal sealed class PersonalData(CalmDeskDbContext db, AuditLog audit, AttachmentStore files, TimeProvider clock)
{
    /// What accounting law makes a business keep after the customer asks to be forgotten: the invoices and payments,
    /// the orders and their lines, and the figures worked out from them. Kept rows carry amounts, dates and numbers;
    /// the customer row they point to is anonymised.
    public static readonly Type[] KeptForTheBooks = [typeof(Invoice), typeof(Payment), typeof(Order), typeof(OrderLine), typeof(HealthScore), typeof(AgingBalance)];

    public const string Blanked = "[erased]";

    private static readonly ConditionalWeakTable<IModel, CustomerTables> Models = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private CustomerTables Tables => Models.GetValue(db.Model, model => new CustomerTables(model));

    /// The tables an export holds: all of the customer's but who of the staff has read which message (the staff's data).
    private IEnumerable<CustomerTables.Table> Exported => Tables.Tables.Where(t => t.Type.ClrType != typeof(ReadMark));

    /// The customer, when the viewer may act on their personal data (managers and admins; the customer exists).
    private async Task<Customer?> FindAsync(Viewer viewer, int customerId, CancellationToken cancellationToken) =>
        viewer.SeesAll ? await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken) : null;

    /// Everything held about the customer as one JSON document (false when the customer is not found).
    public async Task<bool> WriteJsonAsync(Viewer viewer, int customerId, Stream output, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(viewer, customerId, cancellationToken) is not { } customer)
        {
            return false;
        }

        await using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("customerId", customerId);
            json.WriteString("exportedAt", clock.GetUtcNow());
            json.WritePropertyName("customer");
            WriteRow(json, Fields(db.Model.FindEntityType(typeof(Customer))!), customer);
            json.WriteStartObject("tables");
            foreach (var table in Exported)
            {
                json.WriteStartArray(table.Name);
                var fields = Fields(table.Type);
                await foreach (var row in RowsAsync(table, customerId, cancellationToken))
                {
                    WriteRow(json, fields, row);
                }

                json.WriteEndArray();
                await json.FlushAsync(cancellationToken);
            }

            json.WriteStartArray(Unmatched);
            var mailFields = Fields(db.Model.FindEntityType(typeof(InboundMail))!);
            await foreach (var row in UnmatchedAsync(customerId, cancellationToken))
            {
                WriteRow(json, mailFields, row);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await RecordAsync(AuditTrail.Exported, customerId, "json", cancellationToken);
        return true;
    }

    /// Everything held about the customer as a zip: one CSV per table (formula cells escaped) and the files they sent or
    /// were sent, under files/. False when the customer is not found.
    public async Task<bool> WriteZipAsync(Viewer viewer, int customerId, Stream output, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(viewer, customerId, cancellationToken) is not { } customer)
        {
            return false;
        }

        await using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteCsvAsync(zip, "customer.csv", Fields(db.Model.FindEntityType(typeof(Customer))!), Once(customer), cancellationToken);
            foreach (var table in Exported)
            {
                await WriteCsvAsync(zip, table.Name + ".csv", Fields(table.Type), RowsAsync(table, customerId, cancellationToken), cancellationToken);
            }

            await WriteCsvAsync(zip, Unmatched + ".csv", Fields(db.Model.FindEntityType(typeof(InboundMail))!), UnmatchedAsync(customerId, cancellationToken), cancellationToken);

            var attachments = Tables.Tables.FirstOrDefault(t => t.Type.ClrType == typeof(Attachment));
            var documents = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.DocumentSha256 != null)
                .Select(i => new { Name = i.DocumentName!, Sha = i.DocumentSha256! }).ToListAsync(cancellationToken);
            var sent = attachments is null ? [] : await CustomerTables.Rows(db, attachments, customerId).Cast<Attachment>()
                .Select(a => new { Name = a.FileName, Sha = a.Sha256 }).ToListAsync(cancellationToken);
            foreach (var file in sent.Concat(documents).DistinctBy(f => f.Sha))
            {
                if (await files.OpenAsync(file.Sha, cancellationToken) is { } content)
                {
                    await using (content)
                    {
                        var entry = zip.CreateEntry($"files/{file.Sha[..12]}-{AttachmentStore.CleanName(file.Name, "application/octet-stream")}");
                        await using var target = await entry.OpenAsync(cancellationToken);
                        await content.CopyToAsync(target, cancellationToken);
                    }
                }
            }
        }

        await RecordAsync(AuditTrail.Exported, customerId, "csv", cancellationToken);
        return true;
    }

    /// <summary>Forgets a customer: every record of them is deleted except what the books must keep (invoices, payments,
    /// orders), the customer row is anonymised (company, address, zone, search key) and marked erased, and the audit log's
    /// values about them are blanked. <paramref name="confirmation"/> must repeat the company's name as stored.</summary>
    public async Task<Outcome<ErasureReport>> EraseCustomerAsync(Viewer viewer, int customerId, string? confirmation, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(viewer, customerId, cancellationToken) is not { } customer)
        {
            return Outcome<ErasureReport>.Missing();
        }

        if (customer.ErasedAt is not null)
        {
            return Outcome<ErasureReport>.Invalid("customer", Messages.Get("This customer has been erased already."));
        }

        if (!string.Equals(confirmation?.Trim(), customer.Company, StringComparison.CurrentCultureIgnoreCase))
        {
            return Outcome<ErasureReport>.Invalid("confirmation", Messages.Get("Type the company's name exactly as shown to confirm the erasure."));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var report = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var shas = await FileShasAsync(customerId, cancellationToken);
            // Mail from their addresses that was never matched to a message (the unmatched queue) goes too.
            var unmatched = await MailFrom(await AddressesAsync(customerId, cancellationToken)).ExecuteDeleteAsync(cancellationToken);
            var deleted = new Dictionary<string, int>();
            if (unmatched > 0)
            {
                deleted["InboundMail"] = unmatched;
            }

            // Deepest first: a row is deleted before the row it hangs off, so the IN (SELECT …) that finds it still can.
            // A merged case points at the case it went into, and that key refuses a delete (RESTRICT) even in one statement.
            await db.Cases.Where(c => c.CustomerId == customerId && c.MergedIntoId != null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, (int?)null), cancellationToken);
            foreach (var table in Tables.Tables.Where(t => !Kept(t)).OrderByDescending(t => t.Depth))
            {
                var count = await CustomerTables.DeleteAsync(db, table, customerId, cancellationToken);
                if (count > 0)
                {
                    deleted[table.Name] = deleted.GetValueOrDefault(table.Name) + count;
                }
            }

            db.ChangeTracker.Clear();
            var row = await db.Customers.SingleAsync(c => c.Id == customerId, cancellationToken);
            row.Company = "#" + customerId.ToString(CultureInfo.InvariantCulture);
            row.PostalAddress = null;
            row.TimeZone = null;
            row.Status = CustomerStatus.Former;
            row.ErasedAt = clock.GetUtcNow();
            // Its contacts are gone: the key is the anonymised name alone.
            row.RefreshSearchKey();
            await db.SaveChangesAsync(cancellationToken);
            // Every entry about them, the anonymising save's own included, keeps who and when and loses the values.
            await db.AuditEntries.Where(e => e.CustomerId == customerId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, (string?)null), cancellationToken);
            // The entry that says so is written after the blanking, and names no one.
            audit.Record(AuditTrail.Erased, AuditTrail.CustomerSubject, customerId.ToString(CultureInfo.InvariantCulture), customerId,
                deleted.ToDictionary(d => d.Key, d => new string?[] { d.Value.ToString(CultureInfo.InvariantCulture), null }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await files.ForgetUnusedAsync(shas, cancellationToken);
            return new ErasureReport(customerId, deleted, [.. Tables.Tables.Where(Kept).Select(t => t.Name)]);
        });
        return Outcome<ErasureReport>.Done(report);
    }

    /// <summary>Forgets one person at a customer that stays: the contact is deleted, and their name, e-mail address and
    /// phone number (<see cref="PersonMarks"/>) are replaced by <see cref="Blanked"/> in every text of every record of the
    /// customer (messages and their analysis' quotes, outgoing mail, letters, notes, incidents' evidence, corrections,
    /// order confirmations) and in the audit log's values about the customer; the raw copies of mail from their address
    /// are deleted (the stored messages stay, blanked).</summary>
    public async Task<Outcome<ContactErasureReport>> EraseContactAsync(Viewer viewer, int customerId, int contactId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(viewer, customerId, cancellationToken) is not { } customer
            || await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.CustomerId == customerId, cancellationToken) is not { } contact)
        {
            return Outcome<ContactErasureReport>.Missing();
        }

        var marks = new PersonMarks(contact);
        // Read before the scrub below, which blanks the contact's own row too.
        var address = contact.Email?.Trim().ToLowerInvariant();
        var strategy = db.Database.CreateExecutionStrategy();
        var report = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The raw copies of their mail go first, so that the scrub below does not change rows about to be deleted.
            var raw = await MailFrom(string.IsNullOrEmpty(address) ? [] : [address]).ExecuteDeleteAsync(cancellationToken);
            var scrubbed = 0;
            foreach (var table in Tables.Tables)
            {
                var texts = Texts(table.Type);
                if (texts.Count == 0)
                {
                    continue;
                }

                await foreach (var row in ((IAsyncEnumerable<object>)CustomerTables.Rows(db, table, customerId, tracked: true)).WithCancellation(cancellationToken))
                {
                    var changed = false;
                    foreach (var (owner, property) in texts)
                    {
                        var target = owner is null ? row : owner.GetValue(row);
                        if (target is not null && property.GetValue(target) is string { Length: > 0 } text && marks.Scrub(text) is var blanked && blanked != text)
                        {
                            property.SetValue(target, blanked);
                            changed = true;
                        }
                    }

                    scrubbed += changed ? 1 : 0;
                }
            }

            await db.Entry(customer).Collection(c => c.Contacts).LoadAsync(cancellationToken);
            customer.Contacts.Remove(contact);
            db.Contacts.Remove(contact);
            // The customer is found by its contacts' names: not by this one's any more.
            customer.RefreshSearchKey();
            await db.SaveChangesAsync(cancellationToken);
            // What the log kept of the customer's records (this save's entries included) is blanked the same way; the
            // contact's own entries lose their values.
            await db.AuditEntries.Where(e => e.Subject == AuditTrail.ContactSubject && e.SubjectId == contactId.ToString(CultureInfo.InvariantCulture))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, (string?)null), cancellationToken);
            foreach (var entry in await db.AuditEntries.Where(e => e.CustomerId == customerId && e.Changes != null).ToListAsync(cancellationToken))
            {
                entry.Changes = marks.Scrub(entry.Changes!);
            }

            audit.Record(AuditTrail.Erased, AuditTrail.ContactSubject, contactId.ToString(CultureInfo.InvariantCulture), customerId,
                new Dictionary<string, string?[]> { ["texts"] = [scrubbed.ToString(CultureInfo.InvariantCulture), null], ["rawMail"] = [raw.ToString(CultureInfo.InvariantCulture), null] });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ContactErasureReport(customerId, contactId, scrubbed, raw);
        });
        return Outcome<ContactErasureReport>.Done(report);
    }

    /// The text columns of a table a person's name may be written in, with the owned part (a message's analysis) that
    /// holds them; keys and foreign keys are left out.
    private static List<(PropertyInfo? Owner, PropertyInfo Property)> Texts(IEntityType type) =>
        [.. Columns(type).Where(c => c.Property.ClrType == typeof(string) && c.Info.CanWrite && !c.Property.IsKey() && !c.Property.IsForeignKey())
            .Select(c => (c.Owner, c.Info))];

    /// A table's columns as stored, an owned part such as a message's analysis flattened ("Analysis_AngerScore"), with
    /// the property that reaches the part; the derived search keys are left out.
    private static IEnumerable<(string Name, IProperty Property, PropertyInfo? Owner, PropertyInfo Info)> Columns(IEntityType type)
    {
        foreach (var property in type.GetProperties().Where(p => p.PropertyInfo is not null && p.Name != "SearchKey"))
        {
            yield return (property.Name, property, null, property.PropertyInfo!);
        }

        foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.PropertyInfo is not null))
        {
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                yield return (navigation.Name + "_" + property.Name, property, navigation.PropertyInfo, property.PropertyInfo!);
            }
        }
    }

    private static bool Kept(CustomerTables.Table table) =>
        KeptForTheBooks.Contains(table.Type.ClrType) || (table.Parent is { } parent && Kept(parent));

    /// The files of the customer's messages, looked up before they are deleted so their content can be forgotten after.
    private async Task<List<string>> FileShasAsync(int customerId, CancellationToken cancellationToken) =>
        Tables.Tables.FirstOrDefault(t => t.Type.ClrType == typeof(Attachment)) is { } attachments
            ? await CustomerTables.Rows(db, attachments, customerId).Cast<Attachment>().Select(a => a.Sha256).Distinct().ToListAsync(cancellationToken)
            : [];

    private async Task RecordAsync(string action, int customerId, string format, CancellationToken cancellationToken)
    {
        audit.Record(action, AuditTrail.CustomerSubject, customerId.ToString(CultureInfo.InvariantCulture), customerId,
            new Dictionary<string, string?[]> { ["format"] = [null, format] });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async IAsyncEnumerable<object> RowsAsync(CustomerTables.Table table, int customerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in ((IAsyncEnumerable<object>)CustomerTables.Rows(db, table, customerId)).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// What the export calls mail from the customer's contacts' addresses that was never matched to a message.
    public const string Unmatched = "UnmatchedMail";

    private async IAsyncEnumerable<object> UnmatchedAsync(int customerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mail = MailFrom(await AddressesAsync(customerId, cancellationToken)).AsNoTracking().Where(m => m.InteractionId == null).OrderBy(m => m.Id);
        await foreach (var row in mail.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// The customer's contacts' e-mail addresses, in lower case.
    private Task<List<string>> AddressesAsync(int customerId, CancellationToken cancellationToken) =>
        db.Contacts.Where(c => c.CustomerId == customerId && c.Email != null).Select(c => c.Email!.ToLower()).ToListAsync(cancellationToken);

    /// Raw mail fetched from any of these (lower-case) addresses, however the sender wrote theirs.
    private IQueryable<InboundMail> MailFrom(IReadOnlyCollection<string> addresses) =>
        // LOWER() on both databases: the overload taking a StringComparison has no SQL translation.
#pragma warning disable CA1862
        db.InboundMail.Where(m => m.FromAddress != null && addresses.Contains(m.FromAddress.ToLower()));
#pragma warning restore CA1862

    private static async IAsyncEnumerable<object> Once(object row)
    {
        await Task.CompletedTask;
        yield return row;
    }

    /// What the export writes of each column: its value read from a row (through the owned part), raw mail as text.
    private static List<(string Name, Func<object, object?> Read)> Fields(IEntityType type) =>
        [.. Columns(type).Select(c => (c.Name, (Func<object, object?>)(row =>
            (c.Owner is null ? row : c.Owner.GetValue(row)) is { } target ? (c.Info.GetValue(target) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : c.Info.GetValue(target)) : null)))];

    private static void WriteRow(Utf8JsonWriter json, List<(string Name, Func<object, object?> Read)> fields, object row)
    {
        json.WriteStartObject();
        foreach (var (name, read) in fields)
        {
            json.WritePropertyName(name);
            JsonSerializer.Serialize(json, read(row), Json);
        }

        json.WriteEndObject();
    }

    private static async Task WriteCsvAsync(
        ZipArchive zip, string name, List<(string Name, Func<object, object?> Read)> fields, IAsyncEnumerable<object> rows, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = SafeCsv.Writer(writer);
        foreach (var (field, _) in fields)
        {
            csv.WriteField(field);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var (_, read) in fields)
            {
                csv.WriteField(read(row) switch
                {
                    null => "",
                    DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
                    IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                    var value => value.ToString(),
                });
            }

            await csv.NextRecordAsync();
        }
    }
}
