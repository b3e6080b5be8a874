using CalmDesk.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

internal static class RepLookup
{
    /// The rep profile of whoever is asking, or null (a user without one, or the command line's system viewer).
    public static Task<int?> IdOfAsync(this IQueryable<Rep> reps, Viewer viewer, CancellationToken cancellationToken) =>
        reps.Where(r => r.UserId == viewer.UserId).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
}
