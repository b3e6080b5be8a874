using CalmDesk.Accounts;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Cases;

public sealed class CaseBookTests
{
    [Theory]
    [AllDatabases]
    public async Task ListAndGet_AsRep_SeesOnlyCasesOfOwnCustomers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CaseBook(database, db);
        var mine = await book.CreateAsync(Viewer.System, fixture.Nino, "Consegna sbagliata", ["wrong_delivery"], null, TestContext.Current.CancellationToken);
        var theirs = await book.CreateAsync(Viewer.System, fixture.Harbour, "Price increase", ["price_objection"], null, TestContext.Current.CancellationToken);

        var list = await book.ListAsync(fixture.Giulia, activeOnly: true, null, null, null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([mine.Value!.Id], list.Items.Select(c => c.Id));
        Assert.Null(await book.GetAsync(fixture.Giulia, theirs.Value!.Id, TestContext.Current.CancellationToken));
        Assert.True((await book.UpdateAsync(fixture.Giulia, theirs.Value.Id, new CaseChange(Title: "mine now"), TestContext.Current.CancellationToken)).NotFound);
        Assert.NotNull(await book.GetAsync(new Viewer("manager", SeesAll: true), theirs.Value.Id, TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task ListAsync_AngriestActiveCaseFirst(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, "Prezzi", "Un aumento del 12% con due settimane di preavviso? Non è corretto."), TestContext.Current.CancellationToken);
        await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, "Consegna", "VERGOGNA!!! Ci avete consegnato la merce sbagliata, siete degli incompetenti!!!"), TestContext.Current.CancellationToken);

        var list = await Books.CaseBook(database, db).ListAsync(fixture.Giulia, true, null, null, null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, list.Total);
        Assert.Equal("Consegna", list.Items[0].Title);
        Assert.True(list.Items[0].PeakAnger > list.Items[1].PeakAnger);
    }

    [Theory]
    [AllDatabases]
    public async Task ListAsync_SortedByEachColumn_EitherWay(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CaseBook(database, db);
        await book.CreateAsync(Viewer.System, fixture.Nino, "Bolla mancante", [], null, TestContext.Current.CancellationToken);
        database.Clock.Advance(TimeSpan.FromHours(1));
        await book.CreateAsync(Viewer.System, fixture.Nino, "Addebito doppio", ["billing_dispute"], null, TestContext.Current.CancellationToken);
        database.Clock.Advance(TimeSpan.FromHours(1));
        await book.CreateAsync(Viewer.System, fixture.Nino, "Consegna sbagliata", ["wrong_delivery"], null, TestContext.Current.CancellationToken);

        async Task<string[]> Order(string sort)
        {
            Assert.True(Sorting.TryParse(sort, CaseBook.SortColumns, out var sorting, out _));
            var page = await book.ListAsync(Viewer.System, activeOnly: true, null, null, null, sorting, TestContext.Current.CancellationToken);
            return [.. page.Items.Select(c => c.Title)];
        }

        Assert.Equal(["Addebito doppio", "Bolla mancante", "Consegna sbagliata"], await Order("case"));
        Assert.Equal(["Consegna sbagliata", "Bolla mancante", "Addebito doppio"], await Order("-case"));
        Assert.Equal(["Consegna sbagliata", "Addebito doppio", "Bolla mancante"], await Order("-activity"));
        Assert.Equal(["Bolla mancante", "Addebito doppio", "Consegna sbagliata"], await Order("activity"));
        foreach (var column in new[] { "customer", "mood", "status" })
        {
            Assert.Equal(3, (await Order(column)).Length);
            Assert.Equal(3, (await Order("-" + column)).Length);
        }
    }

    [Theory]
    [AllDatabases]
    public async Task UpdateAsync_UnknownStatusAndSituation_AreFieldErrors_AndNothingChanges(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CaseBook(database, db);
        var created = await book.CreateAsync(Viewer.System, fixture.Nino, "Consegna", ["wrong_delivery"], null, TestContext.Current.CancellationToken);

        var outcome = await book.UpdateAsync(Viewer.System, created.Value!.Id, new CaseChange(Title: "x", Status: "sleeping", Situations: ["gossip"]), TestContext.Current.CancellationToken);

        Assert.Equal(["situations", "status"], outcome.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Consegna", (await book.GetAsync(Viewer.System, created.Value.Id, TestContext.Current.CancellationToken))!.Title);
    }

    [Theory]
    [AllDatabases]
    public async Task MergeAndSplit_MoveInteractions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var book = Books.CaseBook(database, db);
        var a = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, "Consegna", "Ci avete consegnato la merce sbagliata, è inaccettabile!!!"), TestContext.Current.CancellationToken);
        var b = await log.AddAsync(Viewer.System, fixture.Nino, new InteractionInput("email", "inbound", null, "Prezzi", "Un aumento del 12% con due settimane di preavviso? Il vostro concorrente costa meno."), TestContext.Current.CancellationToken);
        var target = a.Value!.CaseId!.Value;
        var source = b.Value!.CaseId!.Value;

        var merged = await book.MergeAsync(fixture.Giulia, target, source, TestContext.Current.CancellationToken);
        var split = await book.SplitAsync(fixture.Giulia, target, [b.Value.Id], "Aumento prezzi", TestContext.Current.CancellationToken);

        Assert.Equal(2, merged.Value!.Interactions.Count);
        Assert.Contains("price_objection", merged.Value.Situations);
        Assert.Equal(target, (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == source, TestContext.Current.CancellationToken)).MergedIntoId);
        Assert.Equal([b.Value.Id], split.Value!.Interactions.Select(i => i.Id));
        Assert.Equal([a.Value.Id], (await book.GetAsync(Viewer.System, target, TestContext.Current.CancellationToken))!.Interactions.Select(i => i.Id));
    }

    [Theory]
    [AllDatabases]
    public async Task MergeAsync_CasesOfDifferentCustomers_IsRefused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CaseBook(database, db);
        var one = await book.CreateAsync(Viewer.System, fixture.Nino, "One", null, null, TestContext.Current.CancellationToken);
        var other = await book.CreateAsync(Viewer.System, fixture.Harbour, "Other", null, null, TestContext.Current.CancellationToken);

        var outcome = await book.MergeAsync(Viewer.System, one.Value!.Id, other.Value!.Id, TestContext.Current.CancellationToken);

        Assert.Contains("sourceCaseId", outcome.Errors.Keys);
    }

    [Theory]
    [AllDatabases]
    public async Task ResolveAsync_SchedulesFollowUpCommitment_NDaysLater(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CaseBook(database, db);
        var created = await book.CreateAsync(Viewer.System, fixture.Nino, "Consegna sbagliata", ["wrong_delivery"], null, TestContext.Current.CancellationToken);

        var resolved = await book.ResolveAsync(fixture.Giulia, created.Value!.Id, "Reso ritirato e merce giusta consegnata", "ourMistake", 10, TestContext.Current.CancellationToken);

        var detail = resolved.Value!;
        Assert.Equal(CaseStatus.Resolved, detail.Status);
        Assert.Equal(RootCause.OurMistake, detail.RootCause);
        var followUp = Assert.Single(detail.Commitments);
        Assert.Equal(CommitmentSource.FollowUp, followUp.Source);
        Assert.Equal(fixture.GiuliaRep, followUp.OwnerRepId);
        Assert.Equal(database.Clock.GetUtcNow().AddDays(10), followUp.DueAt);
        Assert.Equal(DateOnly.FromDateTime(database.Clock.GetUtcNow().AddDays(10).UtcDateTime), detail.FollowUpOn);
        Assert.Contains("status", (await book.ResolveAsync(fixture.Giulia, created.Value.Id, "again", null, 3, TestContext.Current.CancellationToken)).Errors.Keys);
    }

    [Theory]
    [AllDatabases]
    public async Task Guide_NoteIsAnalysed_StepsKeepTheirOrder_PauseCreatesPromise(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var created = await Books.CaseBook(database, db).CreateAsync(Viewer.System, fixture.Nino, "Consegna", ["wrong_delivery"], null, TestContext.Current.CancellationToken);
        var guide = Books.CaseGuide(database, db);
        var id = created.Value!.Id;

        var note = await Books.CaseMessages(db, database.Clock).AddNoteAsync(fixture.Giulia, id, "Il cliente urla: siete degli incompetenti, VERGOGNA!!!", cancellationToken: TestContext.Current.CancellationToken);
        await guide.SetStepAsync(fixture.Giulia, id, "vent", true, TestContext.Current.CancellationToken);
        var steps = await guide.SetStepAsync(fixture.Giulia, id, "acknowledge", true, TestContext.Current.CancellationToken);
        var bad = await guide.SetStepAsync(fixture.Giulia, id, "shout", true, TestContext.Current.CancellationToken);
        var pause = await guide.PauseAsync(fixture.Giulia, id, 60, null, TestContext.Current.CancellationToken);

        Assert.Equal(id, note.Value!.CaseId);
        Assert.Equal(Direction.Internal, note.Value.Direction);
        Assert.NotNull(note.Value.Analysis);
        Assert.True(steps.Value!.TooHeated);
        Assert.Equal(["acknowledge", "vent"], steps.Value.GuideSteps);
        Assert.Contains("step", bad.Errors.Keys);
        Assert.Equal(CommitmentSource.Pause, pause.Value!.Source);
        Assert.Equal(database.Clock.GetUtcNow().AddHours(1), pause.Value.DueAt);
        Assert.Equal(fixture.GiuliaRep, pause.Value.OwnerRepId);
    }

    [Theory]
    [AllDatabases]
    public async Task SendReplyAsync_RecordsOutboundEmail_AndWaitsOnCustomer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var created = await Books.CaseBook(database, db).CreateAsync(Viewer.System, fixture.Nino, "Consegna", null, null, TestContext.Current.CancellationToken);

        var sent = await Books.CaseGuide(database, db).SendReplyAsync(fixture.Giulia, created.Value!.Id, "Re: Consegna", "Gentile Nino, …", cancellationToken: TestContext.Current.CancellationToken);
        var other = await Books.CaseGuide(database, db).SendReplyAsync(fixture.James, created.Value.Id, "x", "y", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Direction.Outbound, sent.Value!.Direction);
        Assert.Equal(CaseStatus.WaitingOnCustomer, (await db.Cases.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).Status);
        Assert.True(other.NotFound);
    }

    /// On a late-answer complaint the guide asks what wait the customer finds acceptable; the answer becomes the
    /// response time of their contract terms (and the inbox's clock counts against it); a nonsense value is refused.
    [Theory]
    [AllDatabases]
    public async Task Guide_TheCustomersAcceptableWait_BecomesTheirResponseTime(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var cancel = TestContext.Current.CancellationToken;
        var created = await Books.CaseBook(database, db).CreateAsync(fixture.Giulia, fixture.Nino, "Nessuna risposta da una settimana", ["late_response_complaint"], null, cancel);
        var guide = Books.CaseGuide(database, db);

        var refused = await guide.ProgressAsync(fixture.Giulia, created.Value!.Id, new GuideProgress([], null, null, null, null, ResponseHours: 0), cancel);
        var saved = await guide.ProgressAsync(fixture.Giulia, created.Value.Id,
            new GuideProgress(["facts"], "Tre email senza risposta", null, null, null, FactImpact: "hanno perso un evento", ResponseHours: 4), cancel);

        Assert.Contains("responseHours", refused.Errors.Keys);
        Assert.True(saved.Succeeded);
        Assert.Equal("hanno perso un evento", saved.Value!.FactImpact);
        var terms = await db.Terms.AsNoTracking().SingleAsync(t => t.CustomerId == fixture.Nino, cancel);
        Assert.Equal(4, terms.ResponseHours);
        var effective = Boundaries.EffectiveTerms.Merge(null, terms);
        Assert.Equal(4, effective.ResponseHours);
    }

    /// "Ask the customer to try the new approach and report back": resolving a change-resistance case schedules that
    /// check-in, and keeping it records what the customer reported, on the promise and as a note on the case.
    [Theory]
    [AllDatabases]
    public async Task ResolvingAChangeResistanceCase_SchedulesTheCheckIn_AndKeepingItRecordsTheReport(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var cancel = TestContext.Current.CancellationToken;
        var book = Books.CaseBook(database, db);
        var created = await book.CreateAsync(fixture.Giulia, fixture.Nino, "Non vuole ordinare dal portale", ["change_resistance"], null, cancel);
        var other = await book.CreateAsync(fixture.Giulia, fixture.Nino, "Bancali rotti", ["wrong_delivery"], null, cancel);

        var resolved = await book.ResolveAsync(fixture.Giulia, created.Value!.Id, "Gli ho mostrato il portale al telefono", null, 7, cancel);
        await book.ResolveAsync(fixture.Giulia, other.Value!.Id, "Sostituiti", null, 7, cancel);

        var checkIn = Assert.Single(resolved.Value!.Commitments);
        Assert.StartsWith("Ask how the new way is working for them", checkIn.What, StringComparison.Ordinal);
        var plain = Assert.Single((await book.GetAsync(fixture.Giulia, other.Value.Id, cancel))!.Commitments);
        Assert.StartsWith("Check that it stayed fixed", plain.What, StringComparison.Ordinal);

        var promises = Books.CommitmentBook(db, database.Clock);
        var kept = await promises.CompleteAsync(fixture.Giulia, checkIn.Id, "Ordina dal portale da due settimane, dice che è più veloce", cancel);

        Assert.True(kept.Succeeded);
        Assert.Contains(kept.Value!.History, h => h.Reason == "Ordina dal portale da due settimane, dice che è più veloce");
        var detail = await book.GetAsync(fixture.Giulia, created.Value.Id, cancel);
        Assert.Contains(detail!.Interactions, i => i.Body == "Ordina dal portale da due settimane, dice che è più veloce");
    }
}
