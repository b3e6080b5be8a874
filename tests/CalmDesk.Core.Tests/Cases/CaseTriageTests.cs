using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Cases;

public sealed class CaseTriageTests
{
    private const string WrongDelivery = "Questa è una vergogna. Avevamo ordinato 40 cartoni da 750ml e ci avete consegnato quelli da 330ml. DI NUOVO!!!";
    private const string Furious = "Siete degli incompetenti, vergognatevi! Chiamo il mio avvocato.";

    // Angry and threatening, naming no situation at all, so what anger alone does is tested apart from whether the model
    // also reads "incompetenti" as a credibility challenge (docs/analysis-labels.md), a reaction to us.
    private const string Outraged = "Vergognatevi! Chiamo subito il mio avvocato.";
    private const string PriceObjection = "Un aumento del 12% con due settimane di preavviso? Il vostro concorrente ha ancora i prezzi dell'anno scorso.";

    [Theory]
    [AllDatabases]
    public async Task AddAsync_AngryMessage_OpensCaseWithSituation_AndFollowUpJoinsIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);

        var first = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, "Re: CONSEGNA SBAGLIATA", WrongDelivery), TestContext.Current.CancellationToken);
        var second = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, Outraged), TestContext.Current.CancellationToken);
        var calm = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, "Grazie mille, a presto."), TestContext.Current.CancellationToken);

        var cases = await db.Cases.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var only = Assert.Single(cases);
        Assert.Equal("CONSEGNA SBAGLIATA", only.Title);
        Assert.Contains("wrong_delivery", only.SituationList);
        Assert.Equal(only.Id, first.Value!.CaseId);
        Assert.Equal(only.Id, second.Value!.CaseId);
        Assert.Null(calm.Value!.CaseId);
    }

    /// "You are incompetent", "nobody answers me": how the customer sees us, not a new problem. Such a message joins the
    /// problem already open and adds the reaction to it; alone, it opens a case of its own.
    [Theory]
    [AllDatabases]
    public async Task AddAsync_ReactionToUs_JoinsTheOpenProblem_AndOpensOneOnlyWhenNoneIsOpen(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        const string Reaction = "Ho scritto tre volte e nessuno mi risponde. Ma sapete fare il vostro lavoro?";

        var delivery = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, WrongDelivery), cancel);
        var reaction = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, Reaction), cancel);
        var alone = await log.AddAsync(Viewer.System, fixture.Harbour, new InteractionInput("email", "inbound", null, null, Reaction), cancel);

        var joined = await db.Cases.AsNoTracking().SingleAsync(c => c.CustomerId == fixture.Nino, cancel);
        Assert.Equal(joined.Id, delivery.Value!.CaseId);
        Assert.Equal(joined.Id, reaction.Value!.CaseId);
        Assert.Contains("wrong_delivery", joined.SituationList);
        Assert.Contains(joined.SituationList, s => s is "credibility_challenge" or "late_response_complaint");
        var own = await db.Cases.AsNoTracking().SingleAsync(c => c.CustomerId == fixture.Harbour, cancel);
        Assert.Equal(own.Id, alone.Value!.CaseId);
        Assert.DoesNotContain("wrong_delivery", own.SituationList);
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_DifferentProblem_OpensSecondCase_ResolvedCaseIsNotJoined(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var delivery = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, WrongDelivery), TestContext.Current.CancellationToken);
        var price = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, PriceObjection), TestContext.Current.CancellationToken);
        await Books.CaseBook(database, db).UpdateAsync(Viewer.System, delivery.Value!.CaseId!.Value, new CaseChange(Status: "resolved"), TestContext.Current.CancellationToken);

        var again = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, WrongDelivery), TestContext.Current.CancellationToken);

        Assert.NotEqual(delivery.Value.CaseId, price.Value!.CaseId);
        Assert.NotEqual(delivery.Value.CaseId, again.Value!.CaseId);
        Assert.Equal(3, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_OurOwnReply_NeverOpensCase(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();

        var reply = await Books.InteractionLog(db, database.Clock).AddAsync(
            Viewer.System, fixture.Nino, new InteractionInput("email", "outbound", null, null, WrongDelivery), TestContext.Current.CancellationToken);

        Assert.Null(reply.Value!.CaseId);
        Assert.Equal(0, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_OpenCaseThreshold_IsTheInstallationsChoice(string provider)
    {
        // A mildly cross message with no situation, threat or abuse: whether it opens a case depends on the threshold alone.
        var text = new[] { "Mah, non sono contento per niente.", "Sinceramente mi aspettavo di meglio da voi.", "Uffa, che pazienza ci vuole." }
            .First(t => Analysis.MessageAnalyzer.Default.Analyze(t) is { Anger.Score: > 0.05 and < 0.95, Abuse.Targeted: false, Situations.Count: 0, Threats.Count: 0 });
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var anger = Analysis.MessageAnalyzer.Default.Analyze(text).Anger.Score;
        var strict = Books.InteractionLog(db, database.Clock, Options.Create(new AnalysisThresholds { OpenCase = Math.Min(0.99, anger + 0.01) }));
        var lenient = Books.InteractionLog(db, database.Clock, Options.Create(new AnalysisThresholds { OpenCase = Math.Max(0.01, anger - 0.01) }));

        var ignored = await strict.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("chat", "inbound", null, null, text), TestContext.Current.CancellationToken);
        var opened = await lenient.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("chat", "inbound", null, null, text), TestContext.Current.CancellationToken);

        Assert.Empty(ignored.Value!.Analysis!.Situations);
        Assert.Empty(ignored.Value.Analysis.Threats);
        Assert.Null(ignored.Value.CaseId);
        Assert.NotNull(opened.Value!.CaseId);
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_AFindingBelowTheCaseBar_IsListedButOpensNoCase(string provider)
    {
        // A calm question the analysis lists a problem situation for, below 0.5 (the situations' own thresholds sit
        // lower): the message shows it, and whether it opens a case is the installation's Analysis:OpenCaseFinding.
        var text = new[] { "Buongiorno, quando arriva l'ordine di martedì?", "Ciao, a che punto è la consegna dei cartoni?", "Hello, is Tuesday's delivery still on track?" }
            .First(t => Analysis.MessageAnalyzer.Default.Analyze(t) is { Anger.Score: < 0.3, Abuse.Targeted: false, Threats.Count: 0, Situations: [{ Score: > 0.05 and < 0.5 }] });
        var score = Analysis.MessageAnalyzer.Default.Analyze(text).Situations[0].Score;
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var byDefault = Books.InteractionLog(db, database.Clock);
        var lenient = Books.InteractionLog(db, database.Clock, Options.Create(new AnalysisThresholds { OpenCaseFinding = score - 0.01 }));

        var listed = await byDefault.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, text), TestContext.Current.CancellationToken);
        var opened = await lenient.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, text), TestContext.Current.CancellationToken);

        Assert.NotEmpty(listed.Value!.Analysis!.Situations);
        Assert.Null(listed.Value.CaseId);
        Assert.NotNull(opened.Value!.CaseId);
    }

    [Theory]
    [InlineData(0.4, 1.0)]
    [InlineData(0, 0.7)]
    [InlineData(1, 0.7)]
    [InlineData(0.4, 0.3)]
    [InlineData(0.4, 0.7, 0.0)]
    [InlineData(0.4, 0.7, 1.0)]
    public void Thresholds_OutOfRange_AreRefusedWithTheSettingsName(double openCase, double? abuseIncident, double openCaseFinding = 0.5)
    {
        var thresholds = new AnalysisThresholds { OpenCase = openCase, AbuseIncident = abuseIncident ?? 0.7, OpenCaseFinding = openCaseFinding };

        var problem = thresholds.Problem();

        Assert.NotNull(problem);
        Assert.Contains("Analysis:", problem, StringComparison.Ordinal);
        Assert.Null(AnalysisThresholds.Default.Problem());
    }
}
