using CalmDesk.Analysis;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Learning;

/// The analyzer this installation reads messages with: the shipped model, or the model a refit on its reps'
/// corrections activated. One per process; <see cref="RefreshAsync"/> follows the database, so every instance
/// picks up a model that another one activated (the background re-analysis checks every minute).
internal sealed class ActiveModel : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Loaded _current = new(null, MessageAnalyzer.Default);

    private sealed record Loaded(int? RunId, MessageAnalyzer Analyzer);

    public MessageAnalyzer Analyzer => _current.Analyzer;

    public string Version => _current.Analyzer.ModelVersion;

    /// The refit that is active, or null for the shipped model.
    public int? RunId => _current.RunId;

    /// The active refit this version of the program cannot read (its questions changed in an upgrade), if any: the
    /// shipped model reads the messages instead, until a new refit.
    public int? Unreadable { get; private set; }

    public void Dispose() => _loading.Dispose();

    /// The analyzer of an optional service: the shipped one where no installation model is registered (tests, tools).
    public static MessageAnalyzer Of(ActiveModel? model) => model?.Analyzer ?? MessageAnalyzer.Default;

    /// Loads the model the database marks active, if it is not the one in use; true when the model changed. One load at a
    /// time, so an older answer never overwrites a newer one.
    public async Task<bool> RefreshAsync(CalmDeskDbContext db, CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var active = await db.ModelRuns.AsNoTracking().Where(r => r.IsActive).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (active == RunId || (active is not null && active == Unreadable))
            {
                return false;
            }

            Unreadable = null;
            if (active is not { } runId)
            {
                _current = new(null, MessageAnalyzer.Default);
                return true;
            }

            var file = await db.ModelRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.File).SingleAsync(cancellationToken);
            try
            {
                _current = new(runId, MessageAnalyzer.FromModel(new MemoryStream(file ?? [])));
            }
            catch (InvalidDataException)
            {
                Unreadable = runId;
                var changed = RunId is not null;
                _current = new(null, MessageAnalyzer.Default);
                return changed;
            }

            return true;
        }
        finally
        {
            _loading.Release();
        }
    }
}
