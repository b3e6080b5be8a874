using CalmDesk.Analysis;
using CalmDesk.Analysis.Training;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Learning;

/// Refits run on a small part of the corpus without calibration, so each takes seconds rather than twenty minutes: what
/// is tested is the run's bookkeeping and the decision, not the shipped model's quality (eval/run.sh measures that).
public sealed class ModelRetrainingTests
{
    private static readonly IOptions<LearningOptions> Quick = Options.Create(new LearningOptions { CorpusLimit = 900, Calibrate = false });

    [Fact]
    public async Task Refit_WorseThanTheShippedModel_IsRejectedWithItsReasons_AndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        await SeedCorrectionAsync(database, db);
        var active = new ActiveModel();
        var retraining = new ModelRetraining(db, database.Clock, active, Quick);

        var run = await retraining.RunAsync((await retraining.StartAsync("manager-1", cancel)).Value!.Id, cancellationToken: cancel);

        Assert.Equal(ModelRunStatus.Rejected, run.Status);
        Assert.False(run.IsActive);
        Assert.Null(run.File);
        Assert.Equal(MessageAnalyzer.Default.ModelVersion, run.ComparedWith);
        Assert.NotEqual(run.ComparedWith, run.Version);
        Assert.True(run.CandidateDevF1 < run.ActiveDevF1 - ModelComparison.DevTolerance, $"{run.CandidateDevF1} against {run.ActiveDevF1}");
        Assert.Contains(run.Reasons, r => r.Kind is "dev_mean" or "dev_question" && r.Candidate < r.Active);
        Assert.Same(MessageAnalyzer.Default, active.Analyzer);
        Assert.Equal(1, run.CorrectionsTrained);
    }

    [Fact]
    public async Task ActiveModel_AnUnreadableStoredModel_FallsBackToTheShippedOne_WithoutRetryingEveryMinute()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        // What an upgrade that changed the questions leaves behind: an active refit this version cannot read.
        db.ModelRuns.Add(new ModelRun
        {
            Status = ModelRunStatus.Activated, IsActive = true, StartedAt = database.Clock.GetUtcNow(), HeartbeatAt = database.Clock.GetUtcNow(),
            Version = "0123456789ab", File = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3],
        });
        await db.SaveChangesAsync(cancel);
        var active = new ActiveModel();

        Assert.False(await active.RefreshAsync(db, cancel));
        Assert.False(await active.RefreshAsync(db, cancel));

        Assert.Same(MessageAnalyzer.Default, active.Analyzer);
        Assert.NotNull(active.Unreadable);
        Assert.Null((await new LearningBook(db, active, database.Clock).ViewAsync(cancel)).ActiveRun);
    }

    [Fact]
    public async Task Start_WithNothingToLearnFrom_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.NewContext();

        var refused = await new ModelRetraining(db, database.Clock, new ActiveModel()).StartAsync("manager-1", TestContext.Current.CancellationToken);

        Assert.Contains("run", refused.Errors.Keys);
        Assert.Equal(0, await db.ModelRuns.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task Refit_NotWorseThanTheActiveModel_IsActivated_AndStoredMessagesAreReadAgain(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        await SeedCorrectionAsync(database, db, people);
        // The installation runs a model whose anger was fitted on 40 messages (the rest as shipped): a refit of anger on
        // 900 and the correction should beat it.
        var weak = new ModelTrainer { Calibrate = false, Keep = MessageAnalyzer.Default, OnlyHeads = [Questions.Annoyed, Questions.Angry, Questions.Furious], Log = _ => { } }.Train(
            [.. CorpusMessage.LoadShipped().Where(m => m.Split == "train").Where((_, i) => i % 180 == 0).Select(m => m.ToSample())], cancel);
        db.ModelRuns.Add(new ModelRun
        {
            Status = ModelRunStatus.Activated, IsActive = true, StartedAt = database.Clock.GetUtcNow(), HeartbeatAt = database.Clock.GetUtcNow(),
            Version = MessageAnalyzer.FromModel(new MemoryStream(weak)).ModelVersion, File = weak,
        });
        await db.SaveChangesAsync(cancel);
        var active = new ActiveModel();
        Assert.True(await active.RefreshAsync(db, cancel));
        var weakVersion = active.Version;
        var log = Books.InteractionLog(db, database.Clock, model: active);
        var stored = (await log.AddAsync(people.Giulia, people.Nino, new InteractionInput("email", "inbound", null, null, "Siete dei ladri, rivoglio i miei soldi!"), cancel)).Value!;
        Assert.Equal(weakVersion, (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == stored.Id, cancel)).Analysis!.Model);
        var retraining = new ModelRetraining(db, database.Clock, active, Quick);

        var run = await retraining.RunAsync((await retraining.StartAsync("manager-1", cancel)).Value!.Id, cancellationToken: cancel);

        Assert.True(run.Status == ModelRunStatus.Activated, string.Join("; ", run.Reasons));
        Assert.Equal(weakVersion, run.ComparedWith);
        Assert.True(run.CandidateDevF1 >= run.ActiveDevF1);
        Assert.Equal(run.Version, active.Version);
        var runs = await db.ModelRuns.AsNoTracking().ToListAsync(cancel);
        Assert.Equal(run.Id, Assert.Single(runs, r => r.IsActive).Id);
        // A new ActiveModel (another instance, or a restart) loads the same model from the database.
        var elsewhere = new ActiveModel();
        await elsewhere.RefreshAsync(db, cancel);
        Assert.Equal(run.Version, elsewhere.Version);

        Assert.Equal(2, await new InteractionAnalysis(db, database.Clock, model: active).ReanalyzeAsync(all: false, cancellationToken: cancel));
        Assert.Equal(run.Version, (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == stored.Id, cancel)).Analysis!.Model);

        await retraining.UseShippedModelAsync(cancel);
        Assert.Same(MessageAnalyzer.Default, active.Analyzer);
        Assert.DoesNotContain(await db.ModelRuns.AsNoTracking().ToListAsync(cancel), r => r.IsActive);
    }

    [Theory]
    [AllDatabases]
    public async Task Start_WhileAnotherRuns_IsRefused_UntilThatOneFallsSilent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        await using var other = database.NewContext();
        await SeedCorrectionAsync(database, db);

        var first = await new ModelRetraining(db, database.Clock, new ActiveModel()).StartAsync("a", cancel);
        var second = await new ModelRetraining(other, database.Clock, new ActiveModel()).StartAsync("b", cancel);

        Assert.True(first.Succeeded);
        Assert.Contains("run", second.Errors.Keys);
        // The process running the first was killed: after a silence it no longer blocks, and is recorded as interrupted.
        database.Clock.Advance(ModelRetraining.Abandoned + TimeSpan.FromMinutes(1));
        var third = await new ModelRetraining(other, database.Clock, new ActiveModel()).StartAsync("b", cancel);
        Assert.True(third.Succeeded);
        var abandoned = await other.ModelRuns.AsNoTracking().SingleAsync(r => r.Id == first.Value!.Id, cancel);
        Assert.Equal(ModelRunStatus.Failed, abandoned.Status);
        Assert.Equal(RunReason.Interrupted, Assert.Single(abandoned.Reasons));
    }

    [Fact]
    public async Task Examples_OnePerMessage_LaterAnswersWin_HeldOutByText()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var texts = Enumerable.Range(1, 30).Select(i => $"Ordine {i}: ancora nessuna risposta, è la terza volta che scrivo.").ToList();
        var ids = new List<long>();
        foreach (var text in texts)
        {
            var added = (await log.AddAsync(people.Giulia, people.Nino, new InteractionInput("email", "inbound", null, null, text), cancel)).Value!;
            ids.Add(added.Id);
            await log.CorrectAngerAsync(people.Giulia, people.Nino, added.Id, "calm", cancel);
        }

        await log.CorrectAngerAsync(people.Giulia, people.Nino, ids[0], "furious", cancel);

        var (trained, heldOut) = await new ModelRetraining(db, database.Clock, new ActiveModel()).ExamplesAsync(cancel);

        Assert.Equal(30, trained.Count + heldOut.Count);
        Assert.Equal(texts.Count(ModelRetraining.IsHeldOut), heldOut.Count);
        Assert.InRange(heldOut.Count, 1, 15);
        Assert.All(trained, s => Assert.Equal(2, s.Weight));
        var first = Assert.Single(trained.Concat(heldOut), s => s.Text == texts[0]);
        var furious = Questions.IndexOf(Questions.Furious);
        Assert.True(first.Labels[furious]);
        Assert.Equal(3, first.Labels.Count(l => l is not null));
    }

    /// One message whose anger a rep corrected, in the part of the corrections a refit learns from.
    private static async Task SeedCorrectionAsync(TestDatabase database, CalmDeskDbContext db, CaseFixture? people = null)
    {
        people ??= await CaseFixture.SeedAsync(database);
        var text = new[] { "Ottimo, un'altra settimana senza risposta.", "Fantastico, di nuovo la merce sbagliata.", "Perfetto, come sempre in ritardo.", "Ancora niente consegna." }
            .First(t => !ModelRetraining.IsHeldOut(t));
        var log = Books.InteractionLog(db, database.Clock);
        var message = (await log.AddAsync(people.Giulia, people.Nino, new InteractionInput("chat", "inbound", null, null, text), TestContext.Current.CancellationToken)).Value!;
        Assert.True((await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "angry", TestContext.Current.CancellationToken)).Succeeded);
    }
}
