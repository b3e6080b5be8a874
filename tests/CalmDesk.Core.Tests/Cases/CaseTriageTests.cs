using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Cases;

public sealed class CaseTriageTests
{
    private const string WrongDelivery = "Questa è una vergogna. Avevamo ordinato 40 cartoni da 750ml e ci avete consegnato quelli da 330ml. DI NUOVO!!!";
    private const string Furious = "Siete degli incompetenti, vergognatevi! Chiamo il mio avvocato.";
    private const string PriceObjection = "Un aumento del 12% con due settimane di preavviso? Il vostro concorrente ha ancora i prezzi dell'anno scorso.";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddAsync_AngryMessage_OpensCaseWithSituation_AndFollowUpJoinsIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = new InteractionLog(db, database.Clock);

        var first = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, "Re: CONSEGNA SBAGLIATA", WrongDelivery), TestContext.Current.CancellationToken);
        var second = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, Furious), TestContext.Current.CancellationToken);
        var calm = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, "Grazie mille, a presto."), TestContext.Current.CancellationToken);

        var cases = await db.Cases.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var only = Assert.Single(cases);
        Assert.Equal("CONSEGNA SBAGLIATA", only.Title);
        Assert.Contains("wrong_delivery", only.SituationList);
        Assert.Equal(only.Id, first.Value!.CaseId);
        Assert.Equal(only.Id, second.Value!.CaseId);
        Assert.Null(calm.Value!.CaseId);
    }

    [Fact]
    public async Task AddAsync_DifferentProblem_OpensSecondCase_ResolvedCaseIsNotJoined()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = new InteractionLog(db, database.Clock);
        var delivery = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, WrongDelivery), TestContext.Current.CancellationToken);
        var price = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, PriceObjection), TestContext.Current.CancellationToken);
        await new CaseBook(db, database.Clock).UpdateAsync(Viewer.System, delivery.Value!.CaseId!.Value, new CaseChange(Status: "resolved"), TestContext.Current.CancellationToken);

        var again = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, null, WrongDelivery), TestContext.Current.CancellationToken);

        Assert.NotEqual(delivery.Value.CaseId, price.Value!.CaseId);
        Assert.NotEqual(delivery.Value.CaseId, again.Value!.CaseId);
        Assert.Equal(3, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddAsync_OurOwnReply_NeverOpensCase()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();

        var reply = await new InteractionLog(db, database.Clock).AddAsync(
            Viewer.System, fixture.Nino, new InteractionInput("email", "outbound", null, null, WrongDelivery), TestContext.Current.CancellationToken);

        Assert.Null(reply.Value!.CaseId);
        Assert.Equal(0, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
    }
}
