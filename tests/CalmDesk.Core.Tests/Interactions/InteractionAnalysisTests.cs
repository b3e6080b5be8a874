using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

public sealed class InteractionAnalysisTests
{
    [Theory]
    [AllDatabases]
    public async Task Reanalyze_AfterANewModel_ReadsAgainOnlyWhatAnOlderModelRead_AndRecordsTheMissedIncident(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var calm = (await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, "Grazie, tutto a posto."), cancel)).Value!;
        var rude = (await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, "Sei un idiota e un incompetente!"), cancel)).Value!;
        Assert.Equal(MessageAnalyzer.Default.ModelVersion, (await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == calm.Id, cancel)).Analysis!.Model);
        // As an older model would have left them: the rude message read as calm, with no incident.
        await db.AbuseIncidents.ExecuteDeleteAsync(cancel);
        await db.Interactions.Where(i => i.Id == rude.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Analysis!.Model, "000000000000").SetProperty(i => i.Analysis!.AbuseTargeted, false).SetProperty(i => i.Analysis!.AbuseScore, 0.0), cancel);
        db.ChangeTracker.Clear();

        var done = await new InteractionAnalysis(db, database.Clock).ReanalyzeAsync(all: false, cancellationToken: cancel);

        Assert.Equal(1, done);
        var reread = await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == rude.Id, cancel);
        Assert.Equal(MessageAnalyzer.Default.ModelVersion, reread.Analysis!.Model);
        Assert.True(reread.Analysis.AbuseTargeted);
        Assert.Equal(rude.Id, (await db.AbuseIncidents.AsNoTracking().SingleAsync(cancel)).InteractionId);
        Assert.Equal(0, await new InteractionAnalysis(db, database.Clock).ReanalyzeAsync(all: false, cancellationToken: cancel));
    }
}
