using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Incidents;

/// Whether a customer's incidents cross a rep's line, and why, in words.
internal sealed record Crossing(bool Crossed, int Count, int Max, IReadOnlyList<string> NeverKinds)
{
    public string Explain() =>
        NeverKinds.Count > 0
            ? Localization.StoredText.Write("{0} in the last 30 days, including {1}, which this rep never accepts.", Count, string.Join(", ", NeverKinds.Select(k => k.Replace('_', ' '))))
            : Localization.StoredText.Write("{0} incidents in the last 30 days, above this rep's limit of {1}.", Count, Max);
}

internal static class Tolerance
{
    public const int WindowDays = 30;

    public static async Task<RepTolerance> ForAsync(CalmDeskDbContext db, int repId, CancellationToken cancellationToken) =>
        db.RepTolerances.Local.FirstOrDefault(t => t.RepId == repId)
        ?? await db.RepTolerances.AsNoTracking().FirstOrDefaultAsync(t => t.RepId == repId, cancellationToken)
        ?? new RepTolerance { RepId = repId };

    /// The incidents (not marked wrong) from a customer in the `days` (30 unless said) before `now`, stored and pending.
    public static async Task<IReadOnlyList<AbuseIncident>> RecentAsync(
        CalmDeskDbContext db, int customerId, DateTimeOffset now, CancellationToken cancellationToken, int days = WindowDays)
    {
        var since = now.AddDays(-days);
        var stored = await db.AbuseIncidents.AsNoTracking()
            .Where(i => i.CustomerId == customerId && !i.WronglyDetected && i.OccurredAt >= since)
            .ToListAsync(cancellationToken);
        var pending = db.ChangeTracker.Entries<AbuseIncident>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(i => i.CustomerId == customerId && !i.WronglyDetected && i.OccurredAt >= since);
        return [.. stored, .. pending];
    }

    /// Pure: the incidents against a tolerance.
    public static Crossing Check(IReadOnlyCollection<AbuseIncident> incidents, RepTolerance tolerance)
    {
        var never = incidents.SelectMany(i => i.KindList).Intersect(tolerance.NeverList, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Crossing(never.Count > 0 || incidents.Count > tolerance.MaxIn30Days, incidents.Count, tolerance.MaxIn30Days, never);
    }
}
