using CalmDesk.Data;
using CalmDesk.Imports;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// Stores imported interactions one at a time, each in its own transaction, skipping ids already stored.
internal sealed class InteractionWriter(CalmDeskDbContext db, HashSet<string> known, ImportReport report, MessageIntake intake)
{
    public static async Task<HashSet<string>> KnownIdsAsync(CalmDeskDbContext db, CancellationToken cancellationToken) =>
        (await db.Interactions.Select(i => i.ExternalId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public bool IsKnown(string externalId) => known.Contains(externalId);

    public async Task WriteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!known.Add(interaction.ExternalId))
        {
            report.CountDuplicate();
            return;
        }

        await intake.AcceptAsync(interaction, cancellationToken);
        await ImportFile.SaveRecordAsync(db, report, cancellationToken);
    }
}
