using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Playbooks;
using Microsoft.Extensions.Options;

namespace CalmDesk.Receivables;

/// The services of the money side over one test database, on its fake clock (2 November 2026, UTC).
internal sealed class ReceivablesFixture(TestDatabase database, CaseFixture people, CalmDeskDbContext db)
{
    public static readonly IOptions<ReceivablesOptions> Options = Microsoft.Extensions.Options.Options.Create(new ReceivablesOptions { TimeZone = "UTC" });

    public CaseFixture People => people;

    public CalmDeskDbContext Db => db;

    public TestDatabase Database => database;

    public ReceivablesBook Book => new(db, database.Clock, Options);

    /// As the program composes it: today's aged book read from the balances the health refresh stores.
    public ReceivablesBook StoredBook => new(db, database.Clock, Options, Health);

    public Health.HealthBook Health => Books.HealthBook(database, db, Options, memo: Memo);

    /// One memory for the fixture's life, as the program keeps one for its own: what it holds must follow the book.
    public Microsoft.Extensions.Caching.Memory.MemoryCache Memo { get; } = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());

    public PlaybookStore Playbooks { get; } = new([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock);

    public CollectionSweep Sweep => new(db, database.Clock, Options, Playbooks, Book);

    public CollectionDesk Desk => new(db, database.Clock, Options, Playbooks, Book, Books.InteractionLog(db, database.Clock));

    public DateOnly Today => Book.Today;

    public static async Task<ReceivablesFixture> CreateAsync(TestDatabase database) =>
        new(database, await CaseFixture.SeedAsync(database), database.NewContext());

    public async Task<InvoiceView> InvoiceAsync(int customer, string number, int issuedDaysAgo, decimal amount, int terms = 30, string? currency = null)
    {
        var issued = Today.AddDays(-issuedDaysAgo);
        var outcome = await Book.AddInvoiceAsync(CalmDesk.Accounts.Viewer.System,
            new InvoiceInput(customer, number, issued, amount, issued.AddDays(terms), currency), TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.SelectMany(e => e.Value)));
        return outcome.Value!;
    }
}
