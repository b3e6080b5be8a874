using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Learning;

internal sealed record CorrectionCount(CorrectionSource Source, int Count);

internal sealed record CorrectionView(long Id, int CustomerId, string Company, CorrectionSource Source, string Text, IReadOnlyDictionary<string, bool> Labels, DateTimeOffset CreatedAt);

internal sealed record ModelRunView(
    int Id, ModelRunStatus Status, bool IsActive, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset HeartbeatAt, string? Version, string? ComparedWith,
    int CorrectionsTrained, int CorrectionsHeldOut, double? ActiveDevF1, double? CandidateDevF1, double? ActiveHeldOut, double? CandidateHeldOut, IReadOnlyList<RunReason> Reasons);

internal sealed record LearningView(
    string ActiveVersion, string ShippedVersion, ModelRunView? ActiveRun, IReadOnlyList<CorrectionCount> Corrections, int HeldOut,
    IReadOnlyList<CorrectionView> Recent, IReadOnlyList<ModelRunView> Runs, DateTimeOffset Now)
{
    /// A run is going on: one marked running that has shown a sign of life lately (a killed one no longer counts).
    public bool Running => Runs.Any(r => r.Status == ModelRunStatus.Running && r.HeartbeatAt > Now - ModelRetraining.Abandoned);
}

/// What a manager sees of the installation's model: which one reads the messages, the corrections collected since, and
/// every refit with its scores.
internal sealed class LearningBook(CalmDeskDbContext db, ActiveModel active, TimeProvider clock)
{
    public async Task<LearningView> ViewAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.AnalysisCorrections.GroupBy(c => c.Source).Select(g => new CorrectionCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var heldOut = await db.AnalysisCorrections.CountAsync(c => c.HeldOut, cancellationToken);
        var recent = (await db.AnalysisCorrections.AsNoTracking().OrderByDescending(c => c.Id).Take(20)
            .Select(c => new { c.Id, c.CustomerId, c.Customer!.Company, c.Source, c.Text, c.Labels, c.CreatedAt }).ToListAsync(cancellationToken))
            .Select(c => new CorrectionView(c.Id, c.CustomerId, c.Company, c.Source, Excerpts.Fit(c.Text, 300), AnalysisCorrection.ReadLabels(c.Labels), c.CreatedAt))
            .ToList();
        var runs = (await db.ModelRuns.AsNoTracking().Where(r => r.IsActive || r.Id > db.ModelRuns.Max(m => m.Id) - 20).OrderByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Status, r.IsActive, r.StartedAt, r.FinishedAt, r.HeartbeatAt, r.Version, r.ComparedWith, r.CorrectionsTrained, r.CorrectionsHeldOut,
                r.ActiveDevF1, r.CandidateDevF1, r.ActiveHeldOut, r.CandidateHeldOut, r.Outcome,
            }).ToListAsync(cancellationToken))
            .Select(r => new ModelRunView(r.Id, r.Status, r.IsActive, r.StartedAt, r.FinishedAt, r.HeartbeatAt, r.Version, r.ComparedWith, r.CorrectionsTrained,
                r.CorrectionsHeldOut, r.ActiveDevF1, r.CandidateDevF1, r.ActiveHeldOut, r.CandidateHeldOut, ModelRun.ReadReasons(r.Outcome)))
            .ToList();
        // The active refit as this process reads it: none when its file could not be loaded (the shipped model reads then).
        return new LearningView(active.Version, Analysis.MessageAnalyzer.Default.ModelVersion, runs.FirstOrDefault(r => r.IsActive && r.Id == active.RunId), counts,
            heldOut, recent, runs, clock.GetUtcNow());
    }
}
