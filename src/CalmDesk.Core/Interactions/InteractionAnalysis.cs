using CalmDesk.Analysis;
using CalmDesk.Data;
using CalmDesk.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Interactions;

/// <summary>Analyses interactions as they are stored, and re-analyses stored ones when the model changes.</summary>
internal sealed class InteractionAnalysis(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null)
{
    public static void Apply(Interaction interaction, DateTimeOffset now) =>
        interaction.Analysis = MessageAnalysis.From(MessageAnalyzer.Default.Analyze(interaction.Body), now);

    /// <summary>Re-analyses every interaction (all, or only those analysed by an older version), in batches.</summary>
    public async Task<int> ReanalyzeAsync(bool all, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var model = MessageAnalysis.CurrentModel;
        var stale = db.Interactions.Where(i => all || i.Analysis == null || i.Analysis.Version < MessageAnalysis.CurrentVersion || i.Analysis.Model != model);
        var total = await stale.CountAsync(cancellationToken);
        var done = 0;
        long lastId = 0;
        while (true)
        {
            var batch = await stale.Where(i => i.Id > lastId).OrderBy(i => i.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var now = clock.GetUtcNow();
            var ids = batch.Select(i => i.Id).ToList();
            var recorded = (await db.AbuseIncidents.Where(i => i.InteractionId != null && ids.Contains(i.InteractionId.Value))
                .Select(i => i.InteractionId!.Value).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var interaction in batch)
            {
                Apply(interaction, now);
                if (!recorded.Contains(interaction.Id))
                {
                    // Messages stored before incidents were recorded get theirs now.
                    await IncidentRecorder.RecordAsync(db, interaction, AnalysisThresholds.Of(thresholds), cancellationToken, suggestHandover: false);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            lastId = batch[^1].Id;
            done += batch.Count;
            progress?.Report((done, total));
        }

        return done;
    }
}
