using System.Data.Common;
using CalmDesk.Analysis;
using CalmDesk.Analysis.Training;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Learning;

/// Refits the analysis model on the shipped corpus's train split plus this installation's corrections (the questions the
/// corrections answer; the others are kept from the active model), compares it with the active model on the shipped dev
/// split and on the corrections held out of every refit, and activates it only if it is not worse
/// (<see cref="ModelComparison"/>). Every run is kept, with its scores and its reasons.
internal sealed class ModelRetraining(CalmDeskDbContext db, TimeProvider clock, ActiveModel active, IOptions<LearningOptions>? options = null)
{
    /// A run that has not fitted a question for this long was cut short (the process died under it, kill -9 included):
    /// it no longer blocks a new one. Fitting one question takes well under two minutes.
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(10);

    // A correction comes from this installation's own customers, the messages the model is there to read.
    private const float CorrectionWeight = 2;

    private LearningOptions Options => options?.Value ?? new LearningOptions();

    /// Whether a corrected message is held out of every refit, to compare models on: a fifth of them, by their text.
    public static bool IsHeldOut(string text) => TextHash.Of(text) % 5 == 0;

    /// Records a new run, or refuses while another is running (one at a time, whatever the number of instances) or while
    /// there is nothing to learn from.
    public async Task<Outcome<ModelRun>> StartAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (!await db.AnalysisCorrections.AnyAsync(c => !c.HeldOut, cancellationToken))
        {
            return Outcome<ModelRun>.Invalid("run", Messages.Get("There is nothing to learn from yet: no corrections, or only those kept aside to check refits."));
        }

        var now = clock.GetUtcNow();
        var cutoff = now - Abandoned;
        await db.ModelRuns.Where(r => r.Status == ModelRunStatus.Running && r.HeartbeatAt < cutoff).ExecuteUpdateAsync(
            set => set.SetProperty(r => r.Status, ModelRunStatus.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Outcome, ModelRun.InterruptedOutcome),
            cancellationToken);
        var refused = Outcome<ModelRun>.Invalid("run", Messages.Get("A refit is already running; wait for it to finish."));
        if (await db.ModelRuns.AnyAsync(r => r.Status == ModelRunStatus.Running, cancellationToken))
        {
            return refused;
        }

        // Two requests that both got past the check above: the unique index lets one in.
        var run = new ModelRun { Status = ModelRunStatus.Running, RequestedByUserId = userId, StartedAt = now, HeartbeatAt = now };
        db.ModelRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(run).State = EntityState.Detached;
            return refused;
        }

        return Outcome<ModelRun>.Done(run);
    }

    /// Trains, compares and (if not worse) activates; the run records what happened, whatever happens.
    public async Task<ModelRun> RunAsync(int runId, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var run = await db.ModelRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        try
        {
            await TrainAndCompareAsync(run, log ?? (_ => { }), cancellationToken);
        }
        catch (Exception exception)
        {
            db.ChangeTracker.Clear();
            run = await db.ModelRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
            run.Status = ModelRunStatus.Failed;
            run.IsActive = false;
            run.File = null;
            run.FinishedAt = clock.GetUtcNow();
            run.Reasons = [exception is OperationCanceledException ? RunReason.Interrupted : new RunReason("error", Detail: Excerpts.Cut(exception.Message, 2000))];
            await db.SaveChangesAsync(CancellationToken.None);
            if (exception is not OperationCanceledException and not InvalidDataException and not DbUpdateException)
            {
                throw;
            }
        }

        return run;
    }

    /// Goes back to the model shipped with the program.
    public async Task UseShippedModelAsync(CancellationToken cancellationToken = default)
    {
        await db.ModelRuns.Where(r => r.IsActive).ExecuteUpdateAsync(set => set.SetProperty(r => r.IsActive, false), cancellationToken);
        await active.RefreshAsync(db, cancellationToken);
    }

    /// The corrections as training samples, one per message (later corrections of the same question win over earlier
    /// ones): those to fit on, weighted up, and those held out to compare models on.
    public async Task<(List<Sample> Trained, List<Sample> HeldOut)> ExamplesAsync(CancellationToken cancellationToken = default)
    {
        var corrections = await db.AnalysisCorrections.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.InteractionId, c.Text, c.Labels, c.HeldOut }).ToListAsync(cancellationToken);
        var examples = corrections
            .GroupBy(c => c.InteractionId is { } id ? "message:" + id : "text:" + c.Text)
            .Select(g => (g.Last().HeldOut, Sample: Questions.ToSample("correction:" + g.Key, g.Last().Text, g.Aggregate(new Dictionary<string, bool>(), (merged, c) =>
            {
                foreach (var (question, answer) in AnalysisCorrection.ReadLabels(c.Labels))
                {
                    merged[question] = answer;
                }

                return merged;
            }))))
            .ToList();
        return ([.. examples.Where(e => !e.HeldOut).Select(e => e.Sample with { Weight = CorrectionWeight })], [.. examples.Where(e => e.HeldOut).Select(e => e.Sample)]);
    }

    private async Task TrainAndCompareAsync(ModelRun run, Action<string> log, CancellationToken cancellationToken)
    {
        var (trained, heldOut) = await ExamplesAsync(cancellationToken);
        var corpus = CorpusMessage.LoadShipped().ToList();
        var train = corpus.Where(m => m.Split == "train").ToList();
        if (Options.CorpusLimit is { } limit and > 0 && limit < train.Count)
        {
            var step = (double)train.Count / limit;
            train = [.. Enumerable.Range(0, limit).Select(i => train[(int)(i * step)])];
        }

        var dev = corpus.Where(m => m.Split == "dev").Select(m => m.ToSample()).ToList();
        // Only the questions the corrections answer are refitted; the others stay as the active model has them (the
        // shipped model's anger and abuse also learnt from public data, which does not ship with the program).
        var questions = Questions.AnsweredBy(trained);
        // Compare with the model the database says is active now, whichever instance activated it.
        await active.RefreshAsync(db, cancellationToken);
        var current = active.Analyzer;
        var comparedRun = active.RunId;
        log($"Refitting {string.Join(", ", questions)} on {train.Count} corpus messages and {trained.Count} corrected messages; {heldOut.Count} corrected messages held out.");
        var trainer = new ModelTrainer
        {
            OnlyHeads = questions,
            Keep = current,
            Calibrate = Options.Calibrate,
            Log = line =>
            {
                log(line);
                // The context is idle while the trainer runs: the awaiting code touches it again only afterwards.
                var now = clock.GetUtcNow();
                db.ModelRuns.Where(r => r.Id == run.Id).ExecuteUpdate(set => set.SetProperty(r => r.HeartbeatAt, now));
            },
        };
        var bytes = await Task.Run(() => trainer.Train([.. train.Select(m => m.ToSample()), .. trained], cancellationToken), cancellationToken);
        var candidate = MessageAnalyzer.FromModel(new MemoryStream(bytes));
        var comparison = new ModelComparison(ModelScore.Of(current, dev), ModelScore.Of(candidate, dev), ModelScore.Of(current, heldOut), ModelScore.Of(candidate, heldOut));
        var objections = comparison.Objections();
        log($"Active model {current.ModelVersion}: dev {comparison.ActiveDev}; held-out corrections {comparison.ActiveHeldOut}.");
        log($"Candidate {candidate.ModelVersion}: dev {comparison.CandidateDev}; held-out corrections {comparison.CandidateHeldOut}.");

        run.Version = candidate.ModelVersion;
        run.ComparedWith = current.ModelVersion;
        run.File = bytes;
        run.CorrectionsTrained = trained.Count;
        run.CorrectionsHeldOut = heldOut.Count;
        run.ActiveDevF1 = comparison.ActiveDev.MacroF1;
        run.CandidateDevF1 = comparison.CandidateDev.MacroF1;
        run.ActiveHeldOut = heldOut.Count > 0 ? comparison.ActiveHeldOut.Agreement : null;
        run.CandidateHeldOut = heldOut.Count > 0 ? comparison.CandidateHeldOut.Agreement : null;
        run.FinishedAt = clock.GetUtcNow();
        run.Reasons = [.. objections.Select(RunReason.From)];
        run.Status = objections.Count == 0 ? ModelRunStatus.Activated : ModelRunStatus.Rejected;
        if (objections.Count > 0)
        {
            run.File = null; // a rejected model is never used: its scores are the record
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ModelRuns.Where(r => r.IsActive).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken) != comparedRun)
        {
            // A manager went back to the shipped model, or another refit was activated, while this one trained: it was
            // compared with, and kept the questions of, a model no longer in use.
            run.Status = ModelRunStatus.Rejected;
            run.File = null;
            run.Reasons = [new RunReason("active_changed")];
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await db.ModelRuns.Where(r => r.IsActive).ExecuteUpdateAsync(set => set.SetProperty(r => r.IsActive, false), cancellationToken);
        run.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        try
        {
            await active.RefreshAsync(db, CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // Activated and stored: the background re-analysis loads it within a minute.
        }
    }
}
