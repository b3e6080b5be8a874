using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Playbooks;

namespace CalmDesk.Boundaries;

public sealed class BoundaryBookTests
{
    [Theory]
    [AllDatabases]
    public async Task FlagsAsync_ASundayDeliveryRequest_QuotesTheClauseAndDraftsAnItalianAnswer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var cancel = TestContext.Current.CancellationToken;
        var book = new BoundaryBook(db, database.Clock, new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock));
        var manager = new Viewer("manager", SeesAll: true);
        await book.SaveAsync(manager, null, new TermsInput(DeliveryDays: "mon,tue,wed,thu,fri", DepositPercent: 30, DepositMethods: "bonifico o carta"), cancel);
        await book.SaveAsync(people.Giulia, people.Nino, new TermsInput(Clauses: "delivery: Le consegne si effettuano dal lunedì al venerdì."), cancel);
        await Books.InteractionLog(db, database.Clock).AddAsync(people.Giulia, people.Nino,
            new InteractionInput("email", "inbound", null, "Consegna domenica?", "Buongiorno, potete fare la consegna domenica mattina? Grazie"), cancel);

        var flag = Assert.Single((await book.FlagsAsync(people.Giulia, people.Nino, cancellationToken: cancel))!);
        var hidden = await book.FlagsAsync(people.James, people.Nino, cancellationToken: cancel);

        var breach = Assert.Single(flag.Breaches);
        Assert.Equal(("delivery-day", "domenica", "Le consegne si effettuano dal lunedì al venerdì."), (breach.Rule, breach.Quote, breach.Clause));
        Assert.Equal("it", flag.Draft.Language);
        Assert.StartsWith("Gentile Nino Esposito,", flag.Draft.Body, StringComparison.Ordinal);
        Assert.Contains("«Le consegne si effettuano dal lunedì al venerdì.»", flag.Draft.Body, StringComparison.Ordinal);
        Assert.Contains("lunedì, martedì, mercoledì, giovedì e venerdì", flag.Draft.Body, StringComparison.Ordinal);
        Assert.Null(hidden);
    }

    /// The organisation words a rule once per language; each customer's draft quotes the one in their language, and
    /// when there is none in it the draft states the rule in its own words instead of quoting another language.
    [Theory]
    [AllDatabases]
    public async Task FlagsAsync_ClausesInSeveralLanguages_TheDraftQuotesTheCustomersOwn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var cancel = TestContext.Current.CancellationToken;
        var book = new BoundaryBook(db, database.Clock, new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock));
        var manager = new Viewer("manager", SeesAll: true);
        await book.SaveAsync(manager, null, new TermsInput(DeliveryDays: "mon,tue,wed,thu,fri", MaxDiscountPercent: 10,
            Clauses: "delivery: We deliver from Monday to Friday, never at weekends.\nconsegna: Consegniamo dal lunedì al venerdì, mai nel fine settimana."), cancel);
        await Books.InteractionLog(db, database.Clock).AddAsync(people.Giulia, people.Nino,
            new InteractionInput("email", "inbound", null, "Consegna domenica?", "Buongiorno, potete fare la consegna domenica mattina? Grazie"), cancel);
        await Books.InteractionLog(db, database.Clock).AddAsync(people.James, people.Harbour,
            new InteractionInput("email", "inbound", null, "Sunday", "Hello, could you deliver on Sunday morning? Thanks"), cancel);
        await Books.InteractionLog(db, database.Clock).AddAsync(people.James, people.Harbour,
            new InteractionInput("email", "inbound", null, "Παράδοση", "Καλημέρα σας, μπορείτε να κάνετε την παράδοση την Κυριακή το πρωί; Ευχαριστώ πολύ"), cancel);

        var italian = Assert.Single((await book.FlagsAsync(people.Giulia, people.Nino, cancellationToken: cancel))!);
        var others = (await book.FlagsAsync(people.James, people.Harbour, cancellationToken: cancel))!;

        Assert.Contains("«Consegniamo dal lunedì al venerdì, mai nel fine settimana.»", italian.Draft.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("We deliver", italian.Draft.Body, StringComparison.Ordinal);
        var english = Assert.Single(others, f => f.Draft.Language == "en");
        Assert.Contains("\"We deliver from Monday to Friday, never at weekends.\"", english.Draft.Body, StringComparison.Ordinal);
        var greek = Assert.Single(others, f => f.Draft.Language == "el");
        Assert.DoesNotContain("We deliver", greek.Draft.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Consegniamo", greek.Draft.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("(«", greek.Draft.Body, StringComparison.Ordinal);
        Assert.Contains("Δευτέρα", greek.Draft.Body, StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task SaveAsync_BadDaysOrPercentages_AreRefusedAndNothingIsStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = new BoundaryBook(db, database.Clock, new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock));

        var outcome = await book.SaveAsync(people.Giulia, people.Nino, new TermsInput(DeliveryDays: "mon,funday", MaxDiscountPercent: 120), TestContext.Current.CancellationToken);
        var stranger = await book.SaveAsync(people.James, people.Nino, new TermsInput(DepositPercent: 10), TestContext.Current.CancellationToken);

        Assert.Equal(["deliveryDays", "maxDiscountPercent"], outcome.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.True(stranger.NotFound);
        Assert.Null((await book.TermsAsync(people.Giulia, people.Nino, TestContext.Current.CancellationToken))!.Customer);
    }
}
