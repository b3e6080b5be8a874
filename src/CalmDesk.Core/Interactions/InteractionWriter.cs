using CalmDesk.Data;
using CalmDesk.Imports;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// Stores imported interactions one at a time, each in its own transaction, skipping ids already stored.
internal sealed class InteractionWriter(CalmDeskDbContext db, HashSet<string> known, ImportReport report)
{
    public static async Task<InteractionWriter> CreateAsync(CalmDeskDbContext db, ImportReport report, CancellationToken cancellationToken)
    {
        var known = (await db.Interactions.Select(i => i.ExternalId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return new InteractionWriter(db, known, report);
    }

    public bool IsKnown(string externalId) => known.Contains(externalId);

    public async Task WriteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!known.Add(interaction.ExternalId))
        {
            report.CountDuplicate();
            return;
        }

        db.Interactions.Add(interaction);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            report.CountImported();
        }
        catch (DbUpdateException exception) when (ImportFile.IsUniqueViolation(exception))
        {
            report.CountDuplicate();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
