using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Notifications;
using CalmDesk.Playbooks;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Incidents;

public sealed class IncidentTests
{
    private const string Insult = "Sei un incompetente e un idiota, vergognati!";

    [Theory]
    [AllDatabases]
    public async Task TheWearChart_CountsConfirmedIncidentsByRepAndMonth_AtTheMonthsEdges(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        // The clock reads 2 November 2026: six months run from 1 June to November.
        var june = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var tick = TimeSpan.FromTicks(1);
        void Add(int rep, int customer, DateTimeOffset at, IncidentSeverity severity = IncidentSeverity.Low, bool wrong = false) =>
            db.AbuseIncidents.Add(new AbuseIncident
            {
                CustomerId = customer, RepId = rep, Severity = severity, Source = IncidentSource.Manual, OccurredAt = at, RecordedAt = at, WronglyDetected = wrong,
            });
        Add(people.GiuliaRep, people.Nino, june.AddTicks(-1));                          // May: before the chart
        Add(people.GiuliaRep, people.Nino, june);                                       // June's first moment
        Add(people.GiuliaRep, people.Nino, june.AddMonths(1).Add(-tick), IncidentSeverity.High); // June's last
        Add(people.GiuliaRep, people.Harbour, june.AddMonths(1));                       // July
        Add(people.GiuliaRep, people.Nino, new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), IncidentSeverity.High);
        Add(people.GiuliaRep, people.Harbour, new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), wrong: true);
        Add(people.JamesRep, people.Harbour, new DateTimeOffset(2026, 9, 15, 8, 0, 0, TimeSpan.Zero), IncidentSeverity.Medium);
        Add(people.JamesRep, people.Harbour, new DateTimeOffset(2026, 9, 16, 8, 0, 0, TimeSpan.Zero), wrong: true);
        db.AbuseIncidents.Add(new AbuseIncident
        {
            CustomerId = people.Nino, Severity = IncidentSeverity.High, Source = IncidentSource.Manual, OccurredAt = june.AddDays(3), RecordedAt = june.AddDays(3),
        });
        await db.SaveChangesAsync(cancel);

        var wear = await new IncidentBook(db, database.Clock).WearAsync(6, cancel);

        Assert.Equal([people.GiuliaRep, people.JamesRep], wear.Select(w => w.RepId));
        var giulia = wear[0];
        Assert.Equal((4, 2, 2, 1), (giulia.Incidents, giulia.High, giulia.Customers, giulia.Wrong));
        Assert.Equal(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"], giulia.ByMonth.Select(m => m.Month));
        Assert.Equal([2, 1, 0, 0, 0, 1], giulia.ByMonth.Select(m => m.Count));
        var james = wear[1];
        Assert.Equal((1, 0, 1, 1), (james.Incidents, james.High, james.Customers, james.Wrong));
        Assert.Equal([0, 0, 0, 1, 0, 0], james.ByMonth.Select(m => m.Count));
        Assert.False(string.IsNullOrEmpty(james.RepName));
    }

    [Theory]
    [AllDatabases]
    public async Task AbuseAtTheRep_IsRecordedOnlyFromTheInstallationsThreshold(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        // Rude to the rep, but not so clearly that the model is sure.
        var rude = new[] { "Lei non capisce niente.", "Non capite proprio niente voi.", "Mah, lei è proprio lento a capire." }
            .First(t => Analysis.MessageAnalyzer.Default.Analyze(t).Abuse is { Targeted: true, Score: > 0.51 and < 0.99 });
        var abuse = Analysis.MessageAnalyzer.Default.Analyze(rude).Abuse;
        var strict = Books.InteractionLog(db, database.Clock, Options.Create(new AnalysisThresholds { AbuseIncident = abuse.Score + 0.005 }));
        var lenient = Books.InteractionLog(db, database.Clock, Options.Create(new AnalysisThresholds { AbuseIncident = 0.5 }));

        var ignored = await strict.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, rude), cancel);
        var recorded = await lenient.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, rude), cancel);

        var incidents = await db.AbuseIncidents.AsNoTracking().ToListAsync(cancel);
        Assert.Equal(recorded.Value!.Id, Assert.Single(incidents).InteractionId);
        // Below the incident's bar, abuse at staff still opens a case for the rep to look at.
        Assert.NotNull(ignored.Value!.CaseId);
    }

    [Theory]
    [AllDatabases]
    public async Task AbuseAtTheRep_IsRecorded_CrossingTheirLineSuggestsAColleague_AndOnlyAManagerApproves(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("boss@ourco.example", Roles.Manager);
        var manager = new Viewer(managerUser, true);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var book = new IncidentBook(db, database.Clock);
        var handovers = new HandoverDesk(db, database.Clock);
        Assert.True((await book.SaveToleranceAsync(people.Giulia, 1, [], cancel)).Succeeded);

        var first = await log.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, Insult), cancel);
        Assert.Empty(await handovers.ListAsync(manager, pendingOnly: true, cancel));
        database.Clock.Advance(TimeSpan.FromDays(2));
        await log.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, Insult), cancel);

        var giuliaSees = await book.ListAsync(people.Giulia, null, null, cancel);
        Assert.Equal(2, giuliaSees.Count);
        Assert.All(giuliaSees, i => Assert.Equal((people.GiuliaRep, IncidentSource.Detected), (i.RepId!.Value, i.Source)));
        Assert.Contains("idiota", giuliaSees[0].Evidence, StringComparison.Ordinal);
        Assert.Contains(first.Value!.Id, giuliaSees.Select(i => i.InteractionId!.Value));
        Assert.Empty(await book.ListAsync(people.James, null, null, cancel));
        Assert.Empty(await book.ListAsync(people.James, people.GiuliaRep, null, cancel));
        Assert.Null(await book.ToleranceAsync(people.James, people.GiuliaRep, cancel));
        Assert.Equal(1, (await book.ToleranceAsync(manager, people.GiuliaRep, cancel))!.MaxIn30Days);

        var pending = Assert.Single(await handovers.ListAsync(manager, pendingOnly: true, cancel));
        Assert.Equal((HandoverReason.Tolerance, people.GiuliaRep, (int?)people.JamesRep), (pending.Reason, pending.FromRepId, pending.ToRepId));
        Assert.Contains("2", pending.Explanation, StringComparison.Ordinal);
        Assert.Contains("Trattoria Da Nino", pending.Note, StringComparison.Ordinal);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.Handover && n.RecipientUserId == managerUser, cancel));

        Assert.True((await handovers.ApproveAsync(people.James, pending.Id, null, cancel)).NotFound);
        var approved = await handovers.ApproveAsync(manager, pending.Id, null, cancel);
        var twice = await handovers.ApproveAsync(manager, pending.Id, null, cancel);

        Assert.Equal(HandoverStatus.Approved, approved.Value!.Status);
        // Decided: the notice asking for the decision is no longer waiting for any manager.
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.Handover && n.ReadAt == null, cancel));
        Assert.True(twice.Errors.ContainsKey("status"));
        Assert.Equal(people.JamesRep, await db.Customers.Where(c => c.Id == people.Nino).Select(c => c.AssignedRepId).SingleAsync(cancel));
        var introductions = new RepIntroductions(db, database.Clock, new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock), log);
        Assert.NotNull(await introductions.PendingAsync(people.James, people.Nino, cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task MarkWrong_KeepsTheIncidentButStopsItCounting_AndOnlyItsRepOrAManagerMayMarkIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var book = new IncidentBook(db, database.Clock);
        await Books.InteractionLog(db, database.Clock).AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, Insult), cancel);
        var incident = Assert.Single(await book.ListAsync(people.Giulia, null, null, cancel));

        var byJames = await book.MarkWrongAsync(people.James, incident.Id, "not me", cancel);
        var byGiulia = await book.MarkWrongAsync(people.Giulia, incident.Id, "He was quoting a film.", cancel);

        Assert.True(byJames.NotFound);
        Assert.True(byGiulia.Value!.WronglyDetected);
        Assert.Equal(0, (await Tolerance.RecentAsync(db, people.Nino, database.Clock.GetUtcNow(), cancel)).Count);
        Assert.Single(await db.AbuseIncidents.ToListAsync(cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task Reanalyze_GivesOldAbusiveMessagesTheirIncident_OnceAndWithoutAHandover(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using (var setup = database.NewContext())
        {
            // Stored before incidents existed: no analysis, no incident.
            setup.Interactions.AddRange(
                new Interaction { CustomerId = people.Nino, Channel = Channel.Email, Direction = Direction.Inbound, Body = Insult, ExternalId = "old-1", OccurredAt = database.Clock.GetUtcNow().AddDays(-3), CreatedAt = database.Clock.GetUtcNow().AddDays(-3) },
                new Interaction { CustomerId = people.Nino, Channel = Channel.Email, Direction = Direction.Inbound, Body = Insult, ExternalId = "old-2", OccurredAt = database.Clock.GetUtcNow().AddDays(-2), CreatedAt = database.Clock.GetUtcNow().AddDays(-2) },
                new Interaction { CustomerId = people.Nino, Channel = Channel.Email, Direction = Direction.Inbound, Body = "Grazie, tutto bene.", ExternalId = "old-3", OccurredAt = database.Clock.GetUtcNow().AddDays(-1), CreatedAt = database.Clock.GetUtcNow().AddDays(-1) });
            await setup.SaveChangesAsync(cancel);
        }

        await using var db = database.NewContext();
        await new IncidentBook(db, database.Clock).SaveToleranceAsync(people.Giulia, 0, [], cancel);
        var analysis = new InteractionAnalysis(db, database.Clock);

        await analysis.ReanalyzeAsync(all: false, cancellationToken: cancel);
        await analysis.ReanalyzeAsync(all: true, cancellationToken: cancel);

        var incidents = await db.AbuseIncidents.AsNoTracking().ToListAsync(cancel);
        Assert.Equal(2, incidents.Count);
        Assert.All(incidents, i => Assert.Equal(people.GiuliaRep, i.RepId));
        Assert.Empty(await db.Handovers.ToListAsync(cancel));
    }

    /// Storing a message costs a few statements however long the customer's history (issue 18): the fortieth abusive
    /// message of a customer runs as many statements and reads as many rows as the tenth, the incidents of the last 30
    /// days counted by the database rather than read one by one.
    [Theory]
    [AllDatabases]
    public async Task AnAbusiveMessage_CostsAsMuchAfterFortyAsAfterTen_AndAFewStatements(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var cost = new Dictionary<int, (int Statements, int Rows)>();
        for (var n = 1; n <= 40; n++)
        {
            database.Clock.Advance(TimeSpan.FromMinutes(30));
            var counter = new StatementCounter();
            await using var db = database.NewContext(counter);
            var stored = await Books.InteractionLog(db, database.Clock)
                .AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, Insult), cancel);
            Assert.True(stored.Succeeded);
            cost[n] = (counter.Statements, counter.RowsRead);
        }

        await using (var check = database.NewContext())
        {
            // Every message was an incident, and the line crossed long ago: one hand-over waits, not forty.
            Assert.Equal(40, await check.AbuseIncidents.CountAsync(i => i.CustomerId == people.Nino, cancel));
            Assert.Equal(1, await check.Handovers.CountAsync(h => h.CustomerId == people.Nino, cancel));
        }

        Assert.Equal(cost[10], cost[40]);
        Assert.InRange(cost[40].Statements, 1, 10);
    }

    [Fact]
    public void Check_ANeverKindCrossesAtOnce_OtherwiseTheCountMustExceedTheLimit()
    {
        var tolerance = new RepTolerance { RepId = 1, MaxIn30Days = 2, Never = "threat_of_violence" };
        // Incidents as the database counts them: each stored list of kinds with how many incidents had it.
        RecentIncidents Of(params (string Kinds, int Count)[] groups) => RecentIncidents.Of(groups);

        Assert.False(Tolerance.Check(Of(("insult", 1), ("profanity", 1)), tolerance).Crossed);
        Assert.True(Tolerance.Check(Of(("insult", 3)), tolerance).Crossed);
        var threat = Tolerance.Check(Of(("insult,threat_of_violence", 1)), tolerance);
        Assert.True(threat.Crossed);
        Assert.Equal(["threat_of_violence"], threat.NeverKinds);
        Assert.Equal(IncidentSeverity.High, IncidentRecorder.SeverityOf(0.3, ["threat_of_violence"]));
        Assert.Equal(IncidentSeverity.Medium, IncidentRecorder.SeverityOf(0.7, ["insult"]));
        Assert.Equal(IncidentSeverity.Low, IncidentRecorder.SeverityOf(0.7, ["profanity"]));
    }

    /// An incident quotes the sentence its abuse is in, not words scattered over the message.
    [Theory]
    [InlineData("Buongiorno. Siete una banda di idioti! Saluti, Marco", "idioti", "Siete una banda di idioti!")]
    [InlineData("idiots, all of you", "idiots", "idiots, all of you")]
    [InlineData("First line\n  You useless clowns  \nSecond line", "clowns", "You useless clowns")]
    [InlineData("Ok; είστε απατεώνες. Τέλος", "απατεώνες", "είστε απατεώνες.")]
    public void QuoteAround_TheSentenceOfTheAbusiveWord(string body, string word, string quote)
    {
        var (start, length) = IncidentRecorder.QuoteAround(body, body.IndexOf(word, StringComparison.Ordinal), word.Length);
        Assert.Equal(quote, body.Substring(start, length));
    }

    [Fact]
    public void QuoteAround_ASentenceTooLongToQuote_QuotesTheWordAlone()
    {
        var body = "We have waited " + string.Concat(Enumerable.Repeat("and waited ", 40)) + "you morons and nothing came.";
        var (start, length) = IncidentRecorder.QuoteAround(body, body.IndexOf("morons", StringComparison.Ordinal), 6);
        Assert.Equal("morons", body.Substring(start, length));
    }
}
