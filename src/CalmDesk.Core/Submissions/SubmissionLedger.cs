using CalmDesk.Data;
using CalmDesk.Imports;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Submissions;

/// Claims posted forms once. A claim is kept with where it led when the post succeeded, and released when the post
/// was refused (the user corrects the form and posts the same token again). Kept a day, long enough for any reload.
internal sealed class SubmissionLedger(CalmDeskDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// True when this post is the first with this key; false when another post claimed it first.
    public async Task<bool> ClaimAsync(string key, CancellationToken cancellationToken = default)
    {
        if (await db.FormSubmissions.AnyAsync(s => s.Key == key, cancellationToken))
        {
            return false;
        }

        // Two posts at the same instant both get here; the key lets one insert win.
        db.FormSubmissions.Add(new FormSubmission { Key = key, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (ImportFile.IsUniqueViolation(exception))
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task CompleteAsync(string key, string location, CancellationToken cancellationToken = default) =>
        db.FormSubmissions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Location, location), cancellationToken);

    public Task ReleaseAsync(string key, CancellationToken cancellationToken = default) =>
        db.FormSubmissions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// Waits for the first post of this key to finish: where it led, or null when it was refused (and released) or
    /// is still running after the wait. The wait is real time, whatever the business clock says.
    public async Task<(bool Finished, string? Location)> AwaitFirstAsync(string key, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var poll = TimeSpan.FromMilliseconds(100);
        for (var waited = TimeSpan.Zero; ; waited += poll)
        {
            var claim = await db.FormSubmissions.AsNoTracking().Where(s => s.Key == key).Select(s => new { s.Location }).SingleOrDefaultAsync(cancellationToken);
            if (claim is null || claim.Location is not null)
            {
                return (true, claim?.Location);
            }

            if (waited >= wait)
            {
                return (false, null);
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    /// Forgets claims older than a day.
    public Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - KeptFor;
        return db.FormSubmissions.Where(s => s.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
