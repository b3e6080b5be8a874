using System.Globalization;
using System.Text.Json;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Audit;

/// What an admin asks the audit log: one customer's entries, one kind of record, one actor's (part of an e-mail), a
/// span of days; newest first, a page at a time from the entry before <see cref="Before"/> (keyset paging).
internal sealed record AuditQuery(int? CustomerId = null, string? Subject = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, long? Before = null, int? Size = null)
{
    public const int DefaultSize = 50;
}

internal sealed record AuditRow(
    long Id, DateTimeOffset At, string Actor, string? ActorUserId, string Action, string Subject, string SubjectId, int? CustomerId,
    IReadOnlyDictionary<string, string?[]>? Changes);

/// One page of entries; <see cref="Next"/> is the <c>before</c> of the following page, null on the last.
internal sealed record AuditLogPage(IReadOnlyList<AuditRow> Items, long? Next);

/// <summary>Reads the audit log (admins), writes the entries no tracked change stands for (an export, an erasure), and
/// exports it as CSV. The entries of tracked changes are written by the database context itself (<see cref="AuditTrail"/>).</summary>
internal sealed class AuditLog(CalmDeskDbContext db, AuditActor actor, TimeProvider clock)
{
    public async Task<AuditLogPage> PageAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(query.Size ?? AuditQuery.DefaultSize, 1, Page<AuditRow>.MaxSize);
        var rows = await Filtered(query).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(ToRow).ToList();
        return new AuditLogPage(items, rows.Count > size ? items[^1].Id : null);
    }

    /// Every matching entry, newest first, read in pages so a long log is never held whole.
    public async IAsyncEnumerable<AuditRow> AllAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long? before = query.Before;
        while (true)
        {
            var page = await PageAsync(query with { Before = before, Size = Page<AuditRow>.MaxSize }, cancellationToken);
            foreach (var row in page.Items)
            {
                yield return row;
            }

            if (page.Next is null)
            {
                yield break;
            }

            before = page.Next;
            db.ChangeTracker.Clear();
        }
    }

    public static readonly string[] CsvColumns = ["id", "at", "actor", "action", "subject", "subject_id", "customer_id", "changes"];

    /// The entries as CSV (UTF-8, comma, a header row); a cell that a spreadsheet would run as a formula is escaped.
    public async Task WriteCsvAsync(AuditQuery query, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var csv = SafeCsv.Writer(output);
        foreach (var column in CsvColumns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var row in AllAsync(query, cancellationToken))
        {
            csv.WriteField(row.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(row.Actor);
            csv.WriteField(row.Action);
            csv.WriteField(row.Subject);
            csv.WriteField(row.SubjectId);
            csv.WriteField(row.CustomerId?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(row.Changes is null ? "" : JsonSerializer.Serialize(row.Changes));
            await csv.NextRecordAsync();
        }
    }

    /// Adds an entry for something done that no tracked change stands for; saved with the caller's next save.
    public void Record(string action, string subject, string subjectId, int? customerId, IReadOnlyDictionary<string, string?[]>? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = actor.UserId,
            Actor = actor.Name,
            Action = action,
            Subject = subject,
            SubjectId = subjectId,
            CustomerId = customerId,
            Changes = details is null ? null : JsonSerializer.Serialize(details),
        });

    private IQueryable<AuditEntry> Filtered(AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.CustomerId is { } customerId)
        {
            entries = entries.Where(e => e.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            entries = entries.Where(e => e.Subject == query.Subject);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actorText = query.Actor.Trim().ToLowerInvariant();
            // LOWER() on both databases: the overload taking a StringComparison has no SQL translation.
#pragma warning disable CA1862
            entries = entries.Where(e => e.Actor.ToLower().Contains(actorText));
#pragma warning restore CA1862
        }

        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        return entries.OrderByDescending(e => e.Id);
    }

    private static AuditRow ToRow(AuditEntry e) => new(
        e.Id, e.At, e.Actor, e.ActorUserId, e.Action, e.Subject, e.SubjectId, e.CustomerId,
        e.Changes is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?[]>>(e.Changes));
}
