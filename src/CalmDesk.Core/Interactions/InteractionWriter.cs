using CalmDesk.Data;
using CalmDesk.Imports;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// <summary>
/// Stores imported interactions one at a time, each in its own transaction, skipping ids already stored. An import
/// (`calmdesk import interactions`) runs in its own process beside the server, so an imported message can lose its
/// customer's open case to a message arriving live (or to another instance, a mailbox fetch, a person changing the
/// case): it is then read again and stored, as a posted message is. Only after <see cref="Conflicts.Attempts"/> lost
/// races is it set aside, with the reason, and the import goes on; importing the file again takes it.
/// </summary>
internal sealed class InteractionWriter(CalmDeskDbContext db, HashSet<string> known, ImportReport report, MessageIntake intake)
{
    public static async Task<HashSet<string>> KnownIdsAsync(CalmDeskDbContext db, CancellationToken cancellationToken) =>
        (await db.Interactions.Select(i => i.ExternalId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public bool IsKnown(string externalId) => known.Contains(externalId);

    /// Stores the interaction; <paramref name="readAgain"/> builds it afresh (from the same row or mail) for another
    /// attempt after a lost race, or answers null when it no longer reads as a new message.
    public async Task WriteAsync(Interaction interaction, Func<Task<Interaction?>> readAgain, string location, CancellationToken cancellationToken)
    {
        var externalId = interaction.ExternalId;
        if (!known.Add(externalId))
        {
            // What reading it prepared (a case the reply reopens) is not saved with the next message.
            db.ChangeTracker.Clear();
            report.CountDuplicate();
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await intake.AcceptAsync(interaction, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                report.CountImported();
                return;
            }
            catch (Exception exception) when (Conflicts.LostRace(exception))
            {
                // Told apart below: the same message stored by another writer, or a lost race.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            if (await StoredAsync())
            {
                report.CountDuplicate();
                return;
            }

            var again = attempt < Conflicts.Attempts ? await readAgain() : null;
            if (again is null)
            {
                // Read again, it no longer reads as new: a mailbox fetch may have stored it since the look above.
                db.ChangeTracker.Clear();
                if (attempt < Conflicts.Attempts && await StoredAsync())
                {
                    report.CountDuplicate();
                    return;
                }

                // Not stored: a later copy in the same file, or the file imported again, may take it.
                known.Remove(externalId);
                report.Reject(location, $"the customer's records changed at the same moment {attempt} times over; import the file again to take this message");
                return;
            }

            interaction = again;
        }

        Task<bool> StoredAsync() => db.Interactions.AnyAsync(i => i.ExternalId == externalId, cancellationToken);
    }
}
