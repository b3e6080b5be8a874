using CalmDesk.Data;
using CalmDesk.Imports;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// <summary>
/// Stores imported interactions one at a time, each in its own transaction, skipping ids already stored. An imported
/// message is a message like one posted live: it takes its customer's turn (<see cref="CustomerTurns"/>) beside the
/// messages arriving through the API and the pages, and one that loses the customer's open case to a writer outside this
/// process (another instance, a mailbox fetch, a person changing the case) is read again and stored, as a posted message
/// is. Only after <see cref="Conflicts.Attempts"/> lost races is the row set aside, with the reason, and the import goes on;
/// importing the file again takes it.
/// </summary>
internal sealed class InteractionWriter(CalmDeskDbContext db, HashSet<string> known, ImportReport report, MessageIntake intake)
{
    public static async Task<HashSet<string>> KnownIdsAsync(CalmDeskDbContext db, CancellationToken cancellationToken) =>
        (await db.Interactions.Select(i => i.ExternalId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public bool IsKnown(string externalId) => known.Contains(externalId);

    /// Stores the interaction; <paramref name="readAgain"/> builds it afresh (from the same row or mail) for another
    /// attempt after a lost race.
    public async Task WriteAsync(Interaction interaction, Func<Task<Interaction>> readAgain, string location, CancellationToken cancellationToken)
    {
        if (!known.Add(interaction.ExternalId))
        {
            report.CountDuplicate();
            return;
        }

        using var turn = await CustomerTurns.TakeAsync(interaction.CustomerId, cancellationToken);
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
                // Told apart below: the same message stored by a concurrent or resumed import, or a lost race.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            var externalId = interaction.ExternalId;
            if (await db.Interactions.AnyAsync(i => i.ExternalId == externalId, cancellationToken))
            {
                report.CountDuplicate();
                return;
            }

            if (attempt == Conflicts.Attempts)
            {
                report.Reject(location, $"the customer's records changed at the same moment {attempt} times over; import the file again to take this message");
                return;
            }

            interaction = await readAgain();
        }
    }
}
