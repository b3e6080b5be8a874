using CalmDesk.Cases;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Receivables;

/// The case that pauses a customer's payment reminders: an open complaint (a wrong delivery, a disputed bill, a
/// refund asked…). A customer who protests an invoice hears about the complaint first, never a friendly reminder;
/// the plan resumes, with the step that fits by then, once the case is resolved.
internal sealed record PausingCase(int CaseId, string Title);

internal static class CollectionPause
{
    public static async Task<Dictionary<int, PausingCase>> ForAsync(CalmDeskDbContext db, IReadOnlyCollection<int> customerIds, CancellationToken cancellationToken)
    {
        var open = await db.Cases.AsNoTracking()
            .Where(Case.Active).Where(c => customerIds.Contains(c.CustomerId))
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.CustomerId, c.Title, c.Situations })
            .ToListAsync(cancellationToken);
        var paused = new Dictionary<int, PausingCase>();
        foreach (var item in open.Where(c => Case.Split(c.Situations).Any(LatePayers.Complaints.Contains)))
        {
            paused.TryAdd(item.CustomerId, new PausingCase(item.Id, item.Title));
        }

        return paused;
    }
}
