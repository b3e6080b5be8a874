using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Search;

public sealed class GlobalSearchTests
{
    [Theory]
    [AllDatabases]
    public async Task FindAsync_GreeklishAccentsAndCase_FindEachKindTheViewerMaySee(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (ownRep, ownUser) = await database.AddRepAsync("own@example.com");
        var (otherRep, _) = await database.AddRepAsync("other@example.com");
        await using (var db = database.NewContext())
        {
            var mine = Customer("Φαρμακείο Μαρκάκη", ownRep, "Ιωάννης Μαρκάκης");
            var theirs = Customer("Markakis Trading", otherRep, "Eleni Markaki");
            db.Customers.AddRange(mine, theirs);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var openCase = new Case { CustomerId = mine.Id, Title = "Λάθος παράδοση", FactWhat = "Ήρθαν 40 κιβώτια αντί για 4", OpenedAt = database.Clock.GetUtcNow(), UpdatedAt = database.Clock.GetUtcNow() };
            db.Cases.Add(openCase);
            db.Interactions.AddRange(
                Message(mine.Id, "Η παραγγελία ήρθε λάθος, ο κύριος Μαρκάκης είναι έξαλλος.", database.Clock.GetUtcNow()),
                Message(theirs.Id, "Mr Markakis called about the late order.", database.Clock.GetUtcNow()));
            db.Invoices.AddRange(
                new Invoice { CustomerId = mine.Id, Number = "FT-2026/0042", Currency = "EUR", Amount = 120m, IssuedOn = new(2026, 10, 1), DueOn = new(2026, 10, 31) },
                new Invoice { CustomerId = theirs.Id, Number = "FT-2026/0043", Currency = "EUR", Amount = 80m, IssuedOn = new(2026, 10, 1), DueOn = new(2026, 10, 31) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = database.NewContext();
        var search = new GlobalSearch(read);
        var rep = new Viewer(ownUser, SeesAll: false);

        var byGreeklish = await search.FindAsync(rep, "MARKAKIS", TestContext.Current.CancellationToken);
        var byUnaccentedGreek = await search.FindAsync(rep, "κιβωτια", TestContext.Current.CancellationToken);
        var byInvoice = await search.FindAsync(rep, "ft-2026", TestContext.Current.CancellationToken);
        var byWordsInAnyOrder = await search.FindAsync(rep, "markaki  FARMAKEIO", TestContext.Current.CancellationToken);
        var asManager = await search.FindAsync(Viewer.System, "markakis", TestContext.Current.CancellationToken);

        Assert.Equal(["Φαρμακείο Μαρκάκη"], byGreeklish.Customers.Items.Select(c => c.Company));
        var message = Assert.Single(byGreeklish.Messages.Items);
        Assert.Equal("Μαρκάκης", message.Snippet.Match);
        Assert.EndsWith("ο κύριος ", message.Snippet.Before, StringComparison.Ordinal);
        Assert.Equal("Λάθος παράδοση", Assert.Single(byUnaccentedGreek.Cases.Items).Title);
        Assert.Equal(["FT-2026/0042"], byInvoice.Invoices.Items.Select(i => i.Number));
        Assert.Equal(["Φαρμακείο Μαρκάκη"], byWordsInAnyOrder.Customers.Items.Select(c => c.Company));
        Assert.Equal(2, asManager.Customers.Items.Count);
        Assert.Equal(2, asManager.Messages.Items.Count);
    }

    [Theory]
    [AllDatabases]
    public async Task FindAsync_ManyMatches_ListsTheNewestFirstSaysThereAreMoreAndPointsAtTheTimelinePage(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var customer = Customer("Harbour Lane Wines", null, "Ann Lane");
            db.Customers.Add(customer);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var start = database.Clock.GetUtcNow();
            for (var i = 0; i < 45; i++)
            {
                db.Interactions.Add(Message(customer.Id, i % 2 == 0 ? $"Pallet {i} arrived damaged" : $"Call {i}, nothing to report", start.AddHours(i)));
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = database.NewContext();
        var found = await new GlobalSearch(read).FindAsync(Viewer.System, "damaged", TestContext.Current.CancellationToken);

        Assert.Equal(GlobalSearch.PerKind, found.Messages.Items.Count);
        Assert.True(found.Messages.More);
        Assert.Equal("Pallet 44 arrived ", found.Messages.Items[0].Snippet.Before);
        Assert.Equal(1, found.Messages.Items[0].TimelinePage);

        // The 21st newest message of the customer opens the second page of the timeline.
        var twentyFirst = found.Messages.Items.Single(m => m.Snippet.Before.StartsWith("Pallet 24 ", StringComparison.Ordinal));
        Assert.Equal(2, twentyFirst.TimelinePage);
        var twentieth = found.Messages.Items.Single(m => m.Snippet.Before.StartsWith("Pallet 26 ", StringComparison.Ordinal));
        Assert.Equal(1, twentieth.TimelinePage);
    }

    [Theory]
    [AllDatabases]
    public async Task Keys_ChangedTextIsFoundByItsNewWordsAndOldRecordsAreBackfilled(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var customer = Customer("Trattoria Bellavista", null, "Marco Bianchi");
            db.Customers.Add(customer);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Cases.Add(new Case { CustomerId = customer.Id, Title = "Fattura contestata", OpenedAt = database.Clock.GetUtcNow(), UpdatedAt = database.Clock.GetUtcNow() });
            db.Interactions.Add(Message(customer.Id, "Perché la consegna è in ritardo?", database.Clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);

            var renamed = await db.Cases.SingleAsync(TestContext.Current.CancellationToken);
            renamed.Title = "Consegna sbagliata";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);

            // As an upgrade leaves them: keys missing.
            await db.Interactions.ExecuteUpdateAsync(s => s.SetProperty(i => i.SearchKey, (string?)null), TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Customers\" SET \"SearchKey\" = ''", TestContext.Current.CancellationToken);
        }

        await using var read = database.NewContext();
        var search = new GlobalSearch(read);
        var beforeBackfill = await search.FindAsync(Viewer.System, "perche", TestContext.Current.CancellationToken);
        var filled = await SearchKeys.BackfillAsync(read, TestContext.Current.CancellationToken);
        var afterBackfill = await search.FindAsync(Viewer.System, "perche", TestContext.Current.CancellationToken);
        var byContact = await search.FindAsync(Viewer.System, "BIANCHI", TestContext.Current.CancellationToken);
        var byOldTitle = await search.FindAsync(Viewer.System, "contestata", TestContext.Current.CancellationToken);
        var byNewTitle = await search.FindAsync(Viewer.System, "sbagliata", TestContext.Current.CancellationToken);

        Assert.Empty(beforeBackfill.Messages.Items);
        Assert.Equal(2, filled);
        Assert.Equal("Perché", Assert.Single(afterBackfill.Messages.Items).Snippet.Match);
        Assert.Single(byContact.Customers.Items);
        Assert.Empty(byOldTitle.Cases.Items);
        Assert.Single(byNewTitle.Cases.Items);
    }

    [Fact]
    public async Task FindAsync_OneCharacter_IsTooShortAndSearchesNothing()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.NewContext();

        var found = await new GlobalSearch(db).FindAsync(Viewer.System, " é ", TestContext.Current.CancellationToken);

        Assert.True(found.TooShort);
        Assert.True(found.Empty);
    }

    /// The search's indexes follow every change of the records: a changed text is found by its new words and no longer
    /// by its old ones, a deleted message or customer is found no more, and a message written around EF Core (as the
    /// big-book generator does) is found like any other. Short words (under three letters) still match.
    [Theory]
    [AllDatabases]
    public async Task FindAsync_FollowsChangesDeletionsAndRowsWrittenAroundTheModel(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        int doomedId;
        long messageId, goneId, rawId;
        await using (var db = database.NewContext())
        {
            var customer = Customer("Cartiera Valsesia", null, "Paola Ferri");
            var doomed = Customer("Vetreria Montalto", null, "Ugo Neri");
            db.Customers.AddRange(customer, doomed);
            await db.SaveChangesAsync(cancel);
            var message = Message(customer.Id, "Il bancale di carta kraft è arrivato bagnato.", database.Clock.GetUtcNow());
            var gone = Message(customer.Id, "Le bobine di cartoncino sono arrivate schiacciate.", database.Clock.GetUtcNow());
            var raw = Message(customer.Id, "Una domanda sul listino.", database.Clock.GetUtcNow());
            db.Interactions.AddRange(message, gone, raw, Message(doomed.Id, "Lastre di vetro temperato incrinate.", database.Clock.GetUtcNow()));
            await db.SaveChangesAsync(cancel);
            (doomedId, messageId, goneId, rawId) = (doomed.Id, message.Id, gone.Id, raw.Id);
        }

        await using (var db = database.NewContext())
        {
            var message = await db.Interactions.SingleAsync(i => i.Id == messageId, cancel);
            message.Body = "Il bancale di carta kraft è arrivato asciutto, grazie.";
            await db.SaveChangesAsync(cancel);
            await db.Interactions.Where(i => i.Id == goneId).ExecuteDeleteAsync(cancel);
            db.Customers.Remove(await db.Customers.SingleAsync(c => c.Id == doomedId, cancel));
            await db.SaveChangesAsync(cancel);
            // Written around the model, as the big-book generator and bulk updates do: no context, no key refresh.
            await db.Interactions.Where(i => i.Id == rawId).ExecuteUpdateAsync(
                set => set.SetProperty(i => i.Body, "Pallet di cellulosa in ritardo").SetProperty(i => i.SearchKey, SearchText.Key("Pallet di cellulosa in ritardo")),
                cancel);
        }

        await using var read = database.NewContext();
        var search = new GlobalSearch(read);

        Assert.Empty((await search.FindAsync(Viewer.System, "bagnato", cancel)).Messages.Items);
        Assert.Single((await search.FindAsync(Viewer.System, "asciutto", cancel)).Messages.Items);
        Assert.Empty((await search.FindAsync(Viewer.System, "cartoncino", cancel)).Messages.Items);
        Assert.Empty((await search.FindAsync(Viewer.System, "vetro", cancel)).Messages.Items);
        Assert.Empty((await search.FindAsync(Viewer.System, "montalto", cancel)).Customers.Items);
        Assert.Single((await search.FindAsync(Viewer.System, "cellulosa", cancel)).Messages.Items);
        Assert.Empty((await search.FindAsync(Viewer.System, "listino", cancel)).Messages.Items);
        Assert.Single((await search.FindAsync(Viewer.System, "kraft di", cancel)).Messages.Items);
        Assert.Equal(["Cartiera Valsesia"], (await search.FindAsync(Viewer.System, "valsesia", cancel)).Customers.Items.Select(c => c.Company));
    }

    [Fact]
    public void Match_AsksForEveryThreeLetterPieceOfEveryWord() =>
        Assert.Equal("\"oss\" AND \"ros\" AND \"ssi\"", SearchIndex.Match(["rossi", "ro", "ssi"]));

    private static Customer Customer(string company, int? repId, string contact)
    {
        var customer = new Customer { Company = company, AssignedRepId = repId, Contacts = [new Contact { Name = contact }] };
        customer.RefreshSearchKey();
        return customer;
    }

    private static Interaction Message(int customerId, string body, DateTimeOffset at) => new()
    {
        CustomerId = customerId, Channel = Channel.Email, Direction = Direction.Inbound, Body = body, OccurredAt = at, CreatedAt = at,
        ExternalId = Guid.NewGuid().ToString("N"),
    };
}
