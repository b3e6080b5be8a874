using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Learning;
using CalmDesk.Localization;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Incidents;

internal sealed record IncidentView(
    int Id, int CustomerId, string Company, int? RepId, string? RepName, IncidentSeverity Severity, IReadOnlyList<string> Kinds, string Evidence,
    IncidentSource Source, DateTimeOffset OccurredAt, long? InteractionId, bool WronglyDetected, string? Note);

internal sealed record ToleranceView(int RepId, string RepName, int MaxIn30Days, IReadOnlyList<string> Never, bool IsDefault);

internal sealed record IncidentInput(DateTimeOffset? OccurredAt, string? Severity, IReadOnlyList<string>? Kinds, string? Evidence, string? Note);

internal sealed record MonthCount(string Month, int Count);

internal sealed record RepWear(int RepId, string RepName, int Incidents, int High, int Customers, int Wrong, IReadOnlyList<MonthCount> ByMonth);

/// Abuse incidents and tolerances, with their privacy: a rep reads their own incidents and tolerance; managers read
/// everyone's. A customer's incidents are shown to whoever may see the customer.
internal sealed class IncidentBook(CalmDeskDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<IncidentView>> ListAsync(Viewer viewer, int? repId, int? customerId, CancellationToken cancellationToken = default)
    {
        var own = await db.Reps.IdOfAsync(viewer, cancellationToken);
        var visibleCustomers = db.Customers.VisibleTo(viewer);
        var query = db.AbuseIncidents.AsNoTracking().AsQueryable();
        if (customerId is { } customer)
        {
            query = query.Where(i => i.CustomerId == customer && visibleCustomers.Any(c => c.Id == customer));
        }
        else if (viewer.SeesAll)
        {
            query = repId is null ? query : query.Where(i => i.RepId == repId);
        }
        else
        {
            // A rep's list is their own; another rep's is not theirs to read.
            query = repId is not null && repId != own ? query.Where(_ => false) : query.Where(i => i.RepId == own);
        }

        return await Views(query.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(500)).ToListAsync(cancellationToken);
    }

    /// A call with abuse nobody wrote down word for word: the rep records it by hand, as the one who took it.
    public async Task<Outcome<IncidentView>> RecordAsync(Viewer viewer, int customerId, IncidentInput input, CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Outcome<IncidentView>.Missing();
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var kinds = (input.Kinds ?? []).Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0).Distinct().ToList();
        if (kinds.Count == 0 || kinds.Any(k => !RepTolerance.Kinds.Contains(k)))
        {
            errors["kinds"] = [Messages.Format("Name at least one kind, from {0}.", string.Join(", ", RepTolerance.Kinds.Select(k => Messages.Get(k.Replace('_', ' ')))))];
        }

        if (!Enum.TryParse<IncidentSeverity>(input.Severity, ignoreCase: true, out var severity) || !Enum.IsDefined(severity))
        {
            errors["severity"] = [Messages.Get("Severity is low, medium or high.")];
        }

        if (string.IsNullOrWhiteSpace(input.Evidence) || input.Evidence.Length > AbuseIncident.MaxEvidenceLength)
        {
            errors["evidence"] = [Messages.Format("Write what was said (at most {0} characters).", AbuseIncident.MaxEvidenceLength)];
        }

        if (input.OccurredAt > now)
        {
            errors["occurredAt"] = [Messages.Get("The time cannot be in the future.")];
        }

        var rep = await db.Reps.IdOfAsync(viewer, cancellationToken);
        if (rep is null)
        {
            errors["rep"] = [Messages.Get("Only a rep can record an incident they took.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<IncidentView>.Invalid(errors);
        }

        var incident = new AbuseIncident
        {
            CustomerId = customerId, RepId = rep, Severity = severity, Kinds = string.Join(',', kinds), Evidence = input.Evidence!.Trim(),
            Source = IncidentSource.Manual, OccurredAt = input.OccurredAt ?? now, RecordedAt = now, Note = input.Note?.Trim(),
        };
        db.AbuseIncidents.Add(incident);
        Corrections.ManualIncident(db, incident, viewer.UserId, now);
        await Reps.HandoverDesk.SuggestIfCrossedAsync(db, customerId, rep!.Value, incident, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IncidentView>.Done(await Views(db.AbuseIncidents.AsNoTracking().Where(i => i.Id == incident.Id)).SingleAsync(cancellationToken));
    }

    /// The rep who took it (or a manager) says the analysis got it wrong; the incident stays, no longer counted.
    public async Task<Outcome<IncidentView>> MarkWrongAsync(Viewer viewer, int id, string? note, CancellationToken cancellationToken = default)
    {
        var own = await db.Reps.IdOfAsync(viewer, cancellationToken);
        var incident = await db.AbuseIncidents.Include(i => i.Interaction).FirstOrDefaultAsync(i => i.Id == id && (viewer.SeesAll || i.RepId == own), cancellationToken);
        if (incident is null)
        {
            return Outcome<IncidentView>.Missing();
        }

        if (incident.Source != IncidentSource.Detected)
        {
            return Outcome<IncidentView>.Invalid("source", Messages.Get("Only a detected incident can be marked as wrongly detected."));
        }

        if (!incident.WronglyDetected && incident.Interaction is { } message)
        {
            Corrections.WronglyDetected(db, message, viewer.UserId, clock.GetUtcNow());
        }

        incident.WronglyDetected = true;
        incident.MarkedAt = clock.GetUtcNow();
        incident.MarkedByUserId = viewer.UserId;
        incident.Note = string.IsNullOrWhiteSpace(note) ? incident.Note : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IncidentView>.Done(await Views(db.AbuseIncidents.AsNoTracking().Where(i => i.Id == id)).SingleAsync(cancellationToken));
    }

    private static IQueryable<IncidentView> Views(IQueryable<AbuseIncident> incidents) =>
        incidents.Select(i => new IncidentView(i.Id, i.CustomerId, i.Customer!.Company, i.RepId, i.Rep == null ? null : i.Rep.DisplayName, i.Severity,
            i.Kinds.Length == 0 ? Array.Empty<string>() : i.Kinds.Split(',', StringSplitOptions.None), i.Evidence, i.Source, i.OccurredAt, i.InteractionId,
            i.WronglyDetected, i.Note));

    /// A rep's tolerance: their own, or anyone's for a manager; null when not theirs to read.
    public async Task<ToleranceView?> ToleranceAsync(Viewer viewer, int? repId, CancellationToken cancellationToken = default)
    {
        var own = await db.Reps.IdOfAsync(viewer, cancellationToken);
        var id = repId ?? own;
        if (id is null || (!viewer.SeesAll && id != own))
        {
            return null;
        }

        var rep = await db.Reps.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Id, r.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (rep is null)
        {
            return null;
        }

        var stored = await db.RepTolerances.AsNoTracking().FirstOrDefaultAsync(t => t.RepId == id, cancellationToken);
        var tolerance = stored ?? new RepTolerance { RepId = rep.Id };
        return new ToleranceView(rep.Id, rep.DisplayName, tolerance.MaxIn30Days, tolerance.NeverList, stored is null);
    }

    /// Only the rep sets their own line (a manager reads it, and can talk about it, but it is the rep's to say).
    public async Task<Outcome<ToleranceView>> SaveToleranceAsync(Viewer viewer, int? maxIn30Days, IReadOnlyList<string>? never, CancellationToken cancellationToken = default)
    {
        var own = await db.Reps.IdOfAsync(viewer, cancellationToken);
        if (own is null)
        {
            return Outcome<ToleranceView>.Missing();
        }

        var kinds = (never ?? []).Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (maxIn30Days is not (>= 0 and <= 50))
        {
            errors["maxIn30Days"] = [Messages.Get("The limit is a number of incidents from 0 to 50.")];
        }

        if (kinds.Any(k => !RepTolerance.Kinds.Contains(k)))
        {
            errors["never"] = [Messages.Format("Kinds are {0}.", string.Join(", ", RepTolerance.Kinds))];
        }

        if (errors.Count > 0)
        {
            return Outcome<ToleranceView>.Invalid(errors);
        }

        var tolerance = await db.RepTolerances.FirstOrDefaultAsync(t => t.RepId == own, cancellationToken);
        if (tolerance is null)
        {
            tolerance = new RepTolerance { RepId = own.Value };
            db.RepTolerances.Add(tolerance);
        }

        tolerance.MaxIn30Days = maxIn30Days!.Value;
        tolerance.Never = string.Join(',', kinds);
        tolerance.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<ToleranceView>.Done((await ToleranceAsync(viewer, own, cancellationToken))!);
    }

    /// How many months the wear chart shows.
    public const int WearMonths = 6;

    /// The wear chart of the last <see cref="WearMonths"/> months as the pages show it: kept until the stored health next
    /// changes (<see cref="Health.HealthBook.MemoAsync"/>), then read again.
    public Task<IReadOnlyList<RepWear>> KeptWearAsync(Health.HealthBook health, Viewer viewer, CancellationToken cancellationToken = default) =>
        health.MemoAsync($"wear|{WearMonths}", viewer, () => WearAsync(WearMonths, cancellationToken), cancellationToken);

    /// For managers: who is being worn down — confirmed incidents per rep over the last months, by month. One narrow read
    /// (from the index on time that holds every column it needs), counted with comparisons of times, not of formatted
    /// dates: a big book has hundreds of thousands of incidents in six months.
    public async Task<IReadOnlyList<RepWear>> WearAsync(int months, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var since = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-(months - 1));
        var starts = Enumerable.Range(0, months).Select(m => since.AddMonths(m)).ToArray();
        // No condition on the rep here: one would lead SQLite to the index on reps and a look-up of every row.
        var rows = await db.AbuseIncidents.AsNoTracking().Where(i => i.OccurredAt >= since)
            .Select(i => new { i.RepId, i.CustomerId, i.OccurredAt, i.WronglyDetected, i.Severity })
            .ToListAsync(cancellationToken);
        var tallies = new Dictionary<int, Tally>();
        foreach (var row in rows)
        {
            if (row.RepId is not { } repId)
            {
                continue;
            }

            if (!tallies.TryGetValue(repId, out var tally))
            {
                tallies[repId] = tally = new Tally(months);
            }

            tally.Add(row.CustomerId, Month(starts, row.OccurredAt), row.WronglyDetected, row.Severity == IncidentSeverity.High);
        }

        var repIds = tallies.Keys.ToList();
        var names = await db.Reps.AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.DisplayName, cancellationToken);
        var monthKeys = starts.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return [.. tallies.Select(t => new RepWear(t.Key, names.GetValueOrDefault(t.Key, ""), t.Value.Confirmed, t.Value.High, t.Value.Customers.Count, t.Value.Wrong,
                [.. monthKeys.Select((m, index) => new MonthCount(m, t.Value.ByMonth[index]))]))
            .OrderByDescending(w => w.Incidents).ThenBy(w => w.RepName, StringComparer.Ordinal).ThenBy(w => w.RepId)];
    }

    /// The place of a time among the months whose first moments are given (the last one it is not before).
    private static int Month(DateTimeOffset[] starts, DateTimeOffset at)
    {
        var month = 0;
        while (month + 1 < starts.Length && at >= starts[month + 1])
        {
            month++;
        }

        return month;
    }

    /// One rep's counts while the incidents are read.
    private sealed class Tally(int months)
    {
        public int[] ByMonth { get; } = new int[months];

        public HashSet<int> Customers { get; } = [];

        public int Confirmed { get; private set; }

        public int High { get; private set; }

        public int Wrong { get; private set; }

        public void Add(int customerId, int month, bool wrong, bool high)
        {
            if (wrong)
            {
                Wrong++;
                return;
            }

            Confirmed++;
            High += high ? 1 : 0;
            ByMonth[month]++;
            Customers.Add(customerId);
        }
    }
}
