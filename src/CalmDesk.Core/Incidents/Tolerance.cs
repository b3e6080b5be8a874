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

    /// The incidents (not marked wrong) from a customer in the `days` (30 unless said) before `now`, stored and pending:
    /// how many and of which kinds. The database answers with one row per distinct list of kinds, so a customer with a
    /// long history costs no more to check than one with a short one.
    public static async Task<RecentIncidents> RecentAsync(
        CalmDeskDbContext db, int customerId, DateTimeOffset now, CancellationToken cancellationToken, int days = WindowDays)
    {
        var since = now.AddDays(-days);
        var stored = await db.AbuseIncidents
            .Where(i => i.CustomerId == customerId && !i.WronglyDetected && i.OccurredAt >= since)
            .GroupBy(i => i.Kinds).Select(g => new { Kinds = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var pending = db.ChangeTracker.Entries<AbuseIncident>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(i => i.CustomerId == customerId && !i.WronglyDetected && i.OccurredAt >= since)
            .Select(i => new { i.Kinds, Count = 1 });
        return RecentIncidents.Of([.. stored.Concat(pending).Select(k => (k.Kinds, k.Count))]);
    }

    /// Pure: a customer's recent incidents against a tolerance.
    public static Crossing Check(RecentIncidents recent, RepTolerance tolerance)
    {
        var never = recent.Kinds.Intersect(tolerance.NeverList, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Crossing(never.Count > 0 || recent.Count > tolerance.MaxIn30Days, recent.Count, tolerance.MaxIn30Days, never);
    }
}

/// How many incidents a customer gave in a window, and every kind of abuse among them.
internal sealed record RecentIncidents(int Count, IReadOnlySet<string> Kinds)
{
    /// From lists of kinds as stored (comma-separated), each with how many incidents had it.
    public static RecentIncidents Of(IReadOnlyCollection<(string Kinds, int Count)> groups) =>
        new(groups.Sum(g => g.Count), groups.SelectMany(g => AbuseIncident.ListOf(g.Kinds)).ToHashSet(StringComparer.Ordinal));
}
