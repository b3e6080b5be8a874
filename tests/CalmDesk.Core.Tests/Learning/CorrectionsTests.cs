using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Learning;

/// Every correction of the analysis becomes a labelled example, answering only what the person said.
public sealed class CorrectionsTests
{
    private const string Insult = "Sei un incompetente e un idiota, vergognati!";

    [Theory]
    [AllDatabases]
    public async Task CorrectAnger_ShowsTheLevel_KeepsOneExamplePerMessage_AndRefusesWhatItMustNot(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        // Dry sarcasm the analysis may well read as calm.
        var message = (await log.AddAsync(people.Giulia, people.Nino, new InteractionInput("email", "inbound", null, null, "Bravissimi, un altro capolavoro. Complimenti davvero."), cancel)).Value!;
        var reply = (await log.AddAsync(people.Giulia, people.Nino, new InteractionInput("email", "outbound", null, null, "Ci scusiamo, rimediamo subito."), cancel)).Value!;

        var first = await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "annoyed", cancel);
        var second = await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "Angry", cancel);

        Assert.Equal(AngerLevel.Annoyed, first.Value!.AngerCorrected);
        Assert.Equal(AngerLevel.Angry, second.Value!.AngerCorrected);
        var page = await log.TimelineAsync(people.Giulia, people.Nino, 1, 20, cancel);
        Assert.Equal(AngerLevel.Angry, page!.Items.Single(i => i.Id == message.Id).AngerCorrected);
        var example = Assert.Single(await db.AnalysisCorrections.AsNoTracking().ToListAsync(cancel));
        Assert.Equal((CorrectionSource.AngerLevel, message.Id, people.Nino), (example.Source, example.InteractionId, example.CustomerId));
        Assert.Equal(new Dictionary<string, bool> { ["anger:1"] = true, ["anger"] = true, ["anger:3"] = false }, example.LabelMap);
        Assert.Equal("Bravissimi, un altro capolavoro. Complimenti davvero.", example.Text);

        Assert.True((await log.CorrectAngerAsync(people.James, people.Nino, message.Id, "calm", cancel)).NotFound);
        Assert.True((await log.CorrectAngerAsync(people.Giulia, people.Harbour, message.Id, "calm", cancel)).NotFound);
        Assert.Contains("level", (await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "livid", cancel)).Errors.Keys);
        Assert.Contains("level", (await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "7", cancel)).Errors.Keys);
        Assert.Contains("level", (await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "annoyed,angry", cancel)).Errors.Keys);
        Assert.Contains("level", (await log.CorrectAngerAsync(people.Giulia, people.Nino, reply.Id, "calm", cancel)).Errors.Keys);
        Assert.Single(await db.AnalysisCorrections.AsNoTracking().ToListAsync(cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task WronglyDetectedIncident_SaysOnlyThatTheWordsWereNotAimedAtStaff(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var message = (await Books.InteractionLog(db, database.Clock).AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, Insult), cancel)).Value!;
        var book = new IncidentBook(db, database.Clock);
        var incident = await db.AbuseIncidents.SingleAsync(i => i.InteractionId == message.Id, cancel);

        Assert.True((await book.MarkWrongAsync(people.Giulia, incident.Id, null, cancel)).Succeeded);
        Assert.True((await book.MarkWrongAsync(people.Giulia, incident.Id, null, cancel)).Succeeded);

        var example = Assert.Single(await db.AnalysisCorrections.AsNoTracking().ToListAsync(cancel));
        Assert.Equal((CorrectionSource.WronglyDetected, message.Id, Insult), (example.Source, example.InteractionId, example.Text));
        Assert.Equal(new Dictionary<string, bool> { ["abuse:staff"] = false }, example.LabelMap);
    }

    [Theory]
    [AllDatabases]
    public async Task ManualIncident_LabelsTheQuotedWordsAsAbuseAtStaffOfTheNamedKinds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var book = new IncidentBook(db, database.Clock);

        var recorded = await book.RecordAsync(people.Giulia, people.Nino,
            new IncidentInput(null, "high", ["threat_of_violence", "insult"], "He said he would wait for me outside the shop tonight, the useless cow.", null), cancel);

        Assert.True(recorded.Succeeded);
        var example = Assert.Single(await db.AnalysisCorrections.AsNoTracking().ToListAsync(cancel));
        Assert.Equal((CorrectionSource.ManualIncident, (long?)null, people.Nino), (example.Source, example.InteractionId, example.CustomerId));
        Assert.Equal(
            new Dictionary<string, bool> { ["abuse"] = true, ["abuse:staff"] = true, ["kind:threat_of_violence"] = true, ["kind:insult"] = true },
            example.LabelMap);
    }

    [Theory]
    [AllDatabases]
    public async Task CaseRelabel_RemovedSituationIsInNoneThatClaimedIt_AddedOneOnlyWhenTheCaseHasOneMessage(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        const string Wrong = "You delivered the wrong wine again: we ordered forty cases of the red and got white. I want it swapped today.";
        var first = (await log.AddAsync(people.James, people.Harbour, new InteractionInput("email", "inbound", null, null, Wrong), cancel)).Value!;
        Assert.Contains("wrong_delivery", first.Analysis!.Situations.Select(s => s.Kind));
        var caseId = first.CaseId!.Value;
        var cases = Books.CaseBook(database, db);

        Assert.True((await cases.UpdateAsync(people.James, caseId, new CaseChange(Situations: ["billing_dispute"]), cancel)).Succeeded);

        var onFirst = Assert.Single(await db.AnalysisCorrections.AsNoTracking().ToListAsync(cancel)).LabelMap;
        Assert.True(onFirst["situation:billing_dispute"]);
        Assert.False(onFirst["situation:wrong_delivery"]);

        // With a second message in the case, nobody said which message a newly added situation was in.
        database.Clock.Advance(TimeSpan.FromHours(1));
        var later = (await log.AddAsync(people.James, people.Harbour, new InteractionInput("email", "inbound", null, null, "Still waiting for an answer about the pallet."), caseId, cancel)).Value!;
        await cases.UpdateAsync(people.James, caseId, new CaseChange(Situations: ["billing_dispute", "refund_demand"]), cancel);
        var examples = await db.AnalysisCorrections.AsNoTracking().ToListAsync(cancel);
        Assert.DoesNotContain(examples, e => e.LabelMap.GetValueOrDefault("situation:refund_demand"));

        // Saving the same situations again is no correction; removing one teaches only the messages read with it.
        await cases.UpdateAsync(people.James, caseId, new CaseChange(Title: "Pallet", Situations: ["billing_dispute", "refund_demand"]), cancel);
        Assert.Equal(examples.Count, await db.AnalysisCorrections.CountAsync(cancel));
        await cases.UpdateAsync(people.James, caseId, new CaseChange(Situations: ["refund_demand"]), cancel);
        var onLater = await db.AnalysisCorrections.AsNoTracking().Where(c => c.InteractionId == later.Id).ToListAsync(cancel);
        Assert.Equal(later.Analysis!.Situations.Any(s => s.Kind == "billing_dispute"), onLater.Any(c => c.LabelMap.GetValueOrDefault("situation:billing_dispute", true) == false));
        Assert.DoesNotContain(onLater, c => c.LabelMap.Values.Any(v => v));
    }

    [Theory]
    [AllDatabases]
    public async Task DeletingTheCustomer_DeletesTheirExamples(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var message = (await log.AddAsync(people.Giulia, people.Nino, new InteractionInput("email", "inbound", null, null, "Ancora niente consegna."), cancel)).Value!;
        await log.CorrectAngerAsync(people.Giulia, people.Nino, message.Id, "furious", cancel);
        Assert.Equal(1, await db.AnalysisCorrections.CountAsync(cancel));

        await db.Customers.Where(c => c.Id == people.Nino).ExecuteDeleteAsync(cancel);

        Assert.Equal(0, await db.AnalysisCorrections.CountAsync(cancel));
    }
}
