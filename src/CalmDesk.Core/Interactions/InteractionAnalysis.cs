using CalmDesk.Analysis;
using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Interactions;

/// <summary>Analyses interactions as they are stored, and re-analyses stored ones when the model changes.</summary>
internal sealed class InteractionAnalysis(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null)
{
    /// Analyses with the given analyzer: the installation's active model; the shipped one where none is given (demo data,
    /// which the background re-analysis re-reads if the installation has another model).
    public static void Apply(Interaction interaction, DateTimeOffset now, MessageAnalyzer? analyzer = null)
    {
        analyzer ??= MessageAnalyzer.Default;
        interaction.Analysis = MessageAnalysis.From(analyzer.Analyze(interaction.Body), analyzer.ModelVersion, now);
    }

    /// <summary>Re-analyses every interaction (all, or only those analysed by an older version), in batches.</summary>
    public async Task<int> ReanalyzeAsync(bool all, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var analyzer = ActiveModel.Of(model);
        var version = analyzer.ModelVersion;
        // A message whose text was erased (retention) keeps the reading it had: there is nothing left to read.
        var stale = db.Interactions.Where(i => i.BodyErasedAt == null).Where(i => all || i.Analysis == null || i.Analysis.Version < MessageAnalysis.CurrentVersion || i.Analysis.Model != version);
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
                Apply(interaction, now, analyzer);
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
