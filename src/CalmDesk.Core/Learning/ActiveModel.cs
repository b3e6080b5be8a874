using CalmDesk.Analysis;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Learning;

/// The analyzer this installation reads messages with: the shipped model, or the model a refit on its reps'
/// corrections activated. One per process; <see cref="RefreshAsync"/> follows the database, so every instance
/// picks up a model that another one activated (the background re-analysis checks every minute).
internal sealed class ActiveModel
{
    private volatile Loaded _current = new(null, MessageAnalyzer.Default);

    private sealed record Loaded(int? RunId, MessageAnalyzer Analyzer);

    public MessageAnalyzer Analyzer => _current.Analyzer;

    public string Version => _current.Analyzer.ModelVersion;

    /// The refit that is active, or null for the shipped model.
    public int? RunId => _current.RunId;

    /// The analyzer of an optional service: the shipped one where no installation model is registered (tests, tools).
    public static MessageAnalyzer Of(ActiveModel? model) => model?.Analyzer ?? MessageAnalyzer.Default;

    /// Loads the model the database marks active, if it is not the one in use; true when the model changed.
    public async Task<bool> RefreshAsync(CalmDeskDbContext db, CancellationToken cancellationToken = default)
    {
        var active = await db.ModelRuns.AsNoTracking().Where(r => r.IsActive).Select(r => new { r.Id, r.Version }).FirstOrDefaultAsync(cancellationToken);
        if (active?.Id == RunId && (active is not null || RunId is null))
        {
            return false;
        }

        if (active is null)
        {
            _current = new(null, MessageAnalyzer.Default);
            return true;
        }

        var file = await db.ModelRuns.AsNoTracking().Where(r => r.Id == active.Id).Select(r => r.File).SingleAsync(cancellationToken)
            ?? throw new InvalidDataException($"Model run {active.Id} is active but has no model file.");
        _current = new(active.Id, MessageAnalyzer.FromModel(new MemoryStream(file)));
        return true;
    }
}
