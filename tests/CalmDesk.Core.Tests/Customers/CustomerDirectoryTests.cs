using CalmDesk.Accounts;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

public sealed class CustomerDirectoryTests
{
    [Theory]
    [AllDatabases]
    public async Task SearchAsync_AsRep_SeesOnlyOwnCustomers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (ownRep, ownUser) = await database.AddRepAsync("own@example.com");
        var (otherRep, _) = await database.AddRepAsync("other@example.com");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Mine Ltd", AssignedRepId: ownRep), [], TestContext.Current.CancellationToken);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Theirs Ltd", AssignedRepId: otherRep), [], TestContext.Current.CancellationToken);

        var page = await directory.SearchAsync(new Viewer(ownUser, SeesAll: false), new CustomerQuery(), TestContext.Current.CancellationToken);
        var all = await directory.SearchAsync(Viewer.System, new CustomerQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(["Mine Ltd"], page.Items.Select(c => c.Company));
        Assert.Equal(2, all.Total);
    }

    /// A customer is given to an active rep only; one whose rep has since left can still be saved as it is.
    [Theory]
    [AllDatabases]
    public async Task Assigning_ToARepWhoLeft_IsRefused_ButACustomerAlreadyTheirsSavesUnchanged(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (active, _) = await database.AddRepAsync("active@example.com");
        var (left, _) = await database.AddRepAsync("left@example.com");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var theirs = (await directory.CreateAsync(Viewer.System, new CustomerInput("Old Account Ltd", AssignedRepId: left), [], cancel)).Value!.Id;
        var mine = (await directory.CreateAsync(Viewer.System, new CustomerInput("New Account Ltd", AssignedRepId: active), [], cancel)).Value!.Id;
        await db.Reps.Where(r => r.Id == left).ExecuteUpdateAsync(set => set.SetProperty(r => r.IsActive, false), cancel);

        var moved = await directory.UpdateAsync(Viewer.System, mine, new CustomerInput("New Account Ltd", AssignedRepId: left), cancellationToken: cancel);
        var unchanged = await directory.UpdateAsync(Viewer.System, theirs, new CustomerInput("Old Account Ltd (renamed)", AssignedRepId: left), cancellationToken: cancel);

        Assert.Equal(["assignedRepId"], moved.Errors.Keys);
        Assert.True(unchanged.Succeeded);
        Assert.Equal(active, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == mine, cancel)).AssignedRepId);
    }

    [Theory]
    [AllDatabases]
    public async Task SearchAsync_GreekWithoutAccents_FindsCompanyAndContact(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Ταβέρνα Το Λιμανάκι"), [new ContactInput("Γιώργος Αντωνίου", "giorgos@example.gr")], TestContext.Current.CancellationToken);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Harbour Lane Wines"), [], TestContext.Current.CancellationToken);

        var byCompany = await directory.SearchAsync(Viewer.System, new CustomerQuery("ΛΙΜΑΝΑΚΙ"), TestContext.Current.CancellationToken);
        var byContact = await directory.SearchAsync(Viewer.System, new CustomerQuery("γιωργος"), TestContext.Current.CancellationToken);

        Assert.Equal("Ταβέρνα Το Λιμανάκι", Assert.Single(byCompany.Items).Company);
        Assert.Equal("Ταβέρνα Το Λιμανάκι", Assert.Single(byContact.Items).Company);
    }

    [Theory]
    [AllDatabases]
    public async Task SearchAsync_Paging_ReturnsStableSlicesAndTotal(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        for (var i = 1; i <= 7; i++)
        {
            await directory.CreateAsync(Viewer.System, new CustomerInput($"Company {i:00}", Status: i % 2 == 0 ? "former" : "active"), [], TestContext.Current.CancellationToken);
        }

        var second = await directory.SearchAsync(Viewer.System, new CustomerQuery(Page: 2, PageSize: 3), TestContext.Current.CancellationToken);
        var former = await directory.SearchAsync(Viewer.System, new CustomerQuery(Status: CustomerStatus.Former), TestContext.Current.CancellationToken);

        Assert.Equal(["Company 04", "Company 05", "Company 06"], second.Items.Select(c => c.Company));
        Assert.Equal((7, 3, true, true), (second.Total, second.Pages, second.HasNext, second.HasPrevious));
        Assert.Equal(3, former.Total);
    }

    [Theory]
    [AllDatabases]
    public async Task SearchAsync_SortedByAColumn_EitherWayWithEmptyValuesLast(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Alpha", ContractRenewalDate: new DateOnly(2027, 3, 1)), [], TestContext.Current.CancellationToken);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Beta"), [], TestContext.Current.CancellationToken);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Gamma", ContractRenewalDate: new DateOnly(2027, 1, 15)), [], TestContext.Current.CancellationToken);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Delta", ContractRenewalDate: new DateOnly(2027, 3, 1)), [], TestContext.Current.CancellationToken);

        async Task<string[]> Order(string sort)
        {
            Assert.True(Sorting.TryParse(sort, CustomerQuery.SortColumns, out var sorting, out _));
            var page = await directory.SearchAsync(Viewer.System, new CustomerQuery(Sort: sorting), TestContext.Current.CancellationToken);
            return [.. page.Items.Select(c => c.Company)];
        }

        Assert.Equal(["Gamma", "Alpha", "Delta", "Beta"], await Order("renewal"));
        Assert.Equal(["Alpha", "Delta", "Gamma", "Beta"], await Order("-renewal"));
        Assert.Equal(["Gamma", "Delta", "Beta", "Alpha"], await Order("-company"));
        // Every column sorts on this database, ties broken by company.
        foreach (var column in CustomerQuery.SortColumns.Where(c => c is not ("renewal" or "company")))
        {
            Assert.Equal(["Alpha", "Beta", "Delta", "Gamma"], await Order(column));
            Assert.Equal(["Alpha", "Beta", "Delta", "Gamma"], await Order("-" + column));
        }

        Assert.False(Sorting.TryParse("mood", CustomerQuery.SortColumns, out _, out var error));
        Assert.Contains("last-contact", error, StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task SearchAsync_ByLastContactAndMessages_ReadsTheStoredFigures_AsTheMessagesWouldHaveThem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var cancel = TestContext.Current.CancellationToken;
        var live = new CustomerDirectory(db, database.Clock);
        var stored = new CustomerDirectory(db, database.Clock, Books.HealthBook(database, db));
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "Alpha", "Beta", "Gamma", "Delta" })
        {
            ids[name] = (await live.CreateAsync(Viewer.System, new CustomerInput(name), [], cancel)).Value!.Id;
        }

        // Alpha and Delta never wrote; Beta wrote once, calmly, a week ago; Gamma twice, the second time furious, yesterday.
        var log = Books.InteractionLog(db, database.Clock);
        var now = database.Clock.GetUtcNow();
        await log.AddAsync(Viewer.System, ids["Beta"], new Interactions.InteractionInput("email", "inbound", now.AddDays(-7), null, "Thanks, the parts arrived in good order."), cancel);
        await log.AddAsync(Viewer.System, ids["Gamma"], new Interactions.InteractionInput("email", "inbound", now.AddDays(-9), null, "Could you send the manual again, please?"), cancel);
        await log.AddAsync(Viewer.System, ids["Gamma"], new Interactions.InteractionInput("email", "inbound", now.AddDays(-1), null,
            "This is outrageous. Third wrong delivery this month, I am furious and I want my money back today."), cancel);

        foreach (var directory in new[] { live, stored })
        {
            async Task<string[]> Order(string sort)
            {
                Assert.True(Sorting.TryParse(sort, CustomerQuery.SortColumns, out var sorting, out _));
                var page = await directory.SearchAsync(Viewer.System, new CustomerQuery(Sort: sorting), cancel);
                return [.. page.Items.Select(c => c.Company)];
            }

            // Never contacted last either way, ties by company.
            Assert.Equal(["Beta", "Gamma", "Alpha", "Delta"], await Order("last-contact"));
            Assert.Equal(["Gamma", "Beta", "Alpha", "Delta"], await Order("-last-contact"));
            Assert.Equal(["Alpha", "Delta", "Beta", "Gamma"], await Order("interactions"));
            Assert.Equal(["Gamma", "Beta", "Alpha", "Delta"], await Order("-interactions"));

            var rows = (await directory.SearchAsync(Viewer.System, new CustomerQuery(), cancel)).Items.ToDictionary(r => r.Company);
            Assert.Equal((2, now.AddDays(-1)), (rows["Gamma"].Interactions, rows["Gamma"].LastInteractionAt));
            Assert.True(rows["Gamma"].Mood is { LatestAnger: > 0.5, Trend: > 0 }, rows["Gamma"].Mood?.ToString());
            Assert.True(rows["Beta"].Mood is { Trend: null }, rows["Beta"].Mood?.ToString());
            Assert.Null(rows["Alpha"].Mood);
            Assert.Equal((0, (DateTimeOffset?)null), (rows["Alpha"].Interactions, rows["Alpha"].LastInteractionAt));
        }

        Assert.Equal(4, await db.CustomerFigures.CountAsync(cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task SearchAsync_SortedByStatus_FollowsACustomersLife_NotTheStoredNames(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        foreach (var (company, status) in new[] { ("Alpha", "former"), ("Beta", "on-hold"), ("Gamma", "prospect"), ("Delta", "active") })
        {
            await directory.CreateAsync(Viewer.System, new CustomerInput(company, Status: status), [], TestContext.Current.CancellationToken);
        }

        Assert.True(Sorting.TryParse("status", CustomerQuery.SortColumns, out var byStatus, out _));
        var page = await directory.SearchAsync(Viewer.System, new CustomerQuery(Sort: byStatus, Text: "a"), TestContext.Current.CancellationToken);
        var words = await directory.SearchAsync(Viewer.System, new CustomerQuery("ALPHA  alp"), TestContext.Current.CancellationToken);

        // Stored as text, alphabetical order would be Active, Former, OnHold, Prospect.
        Assert.Equal(["Gamma", "Delta", "Beta", "Alpha"], page.Items.Select(c => c.Company));
        Assert.Equal(["Alpha"], words.Items.Select(c => c.Company));
    }

    [Theory]
    [AllDatabases]
    public async Task UpdateAsync_RepReassigningToAnotherRep_IsRefusedAndNothingChanges(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (ownRep, ownUser) = await database.AddRepAsync("own@example.com");
        var (otherRep, _) = await database.AddRepAsync("other@example.com");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var created = await directory.CreateAsync(new Viewer(ownUser, false), new CustomerInput("Mine Ltd"), [], TestContext.Current.CancellationToken);

        var outcome = await directory.UpdateAsync(new Viewer(ownUser, false), created.Value!.Id, new CustomerInput("Renamed", AssignedRepId: otherRep), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ownRep, created.Value.AssignedRepId);
        Assert.Contains("assignedRepId", outcome.Errors.Keys);
        await using var fresh = database.NewContext();
        Assert.Equal("Mine Ltd", (await new CustomerDirectory(fresh, database.Clock).GetAsync(Viewer.System, created.Value.Id, TestContext.Current.CancellationToken))!.Company);
    }

    [Theory]
    [AllDatabases]
    public async Task UpdateAsync_OtherRepsCustomer_IsNotFound(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, ownUser) = await database.AddRepAsync("own@example.com");
        var (otherRep, _) = await database.AddRepAsync("other@example.com");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var theirs = await directory.CreateAsync(Viewer.System, new CustomerInput("Theirs Ltd", AssignedRepId: otherRep), [], TestContext.Current.CancellationToken);

        var outcome = await directory.UpdateAsync(new Viewer(ownUser, false), theirs.Value!.Id, new CustomerInput("Mine now"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(outcome.NotFound);
    }

    /// Two people edit the same customer: the one who saves second, on the copy both opened, is refused instead of
    /// silently undoing the first one's change; a new contact or a caller that sends no stamp changes nothing of that.
    [Theory]
    [AllDatabases]
    public async Task Update_OnACopySomeoneElseHasSavedOver_IsRefusedAsAConflict_AndSavesNothing(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var id = (await directory.CreateAsync(Viewer.System, new CustomerInput("Osteria Nuova", Segment: "Hospitality"), [], cancel)).Value!.Id;
        var opened = (await directory.GetAsync(Viewer.System, id, cancel))!.Stamp;

        var first = await directory.UpdateAsync(Viewer.System, id, new CustomerInput("Osteria Nuova", Segment: "Restaurants"), opened, cancel);
        await directory.AddContactAsync(Viewer.System, id, new ContactInput("Marta Galli", "marta@osteria.example"), cancel);
        var second = await directory.UpdateAsync(Viewer.System, id, new CustomerInput("Osteria Nuova", Segment: "Hospitality", PostalAddress: "Via Roma 1"), opened, cancel);
        var afterContact = await directory.UpdateAsync(Viewer.System, id, new CustomerInput("Osteria Nuova", Segment: "Restaurants", PostalAddress: "Via Roma 1"), first.Value!.Stamp, cancel);
        var noStamp = await directory.UpdateAsync(Viewer.System, id, new CustomerInput("Osteria Nuova & Figli", Segment: "Restaurants", PostalAddress: "Via Roma 1"), cancellationToken: cancel);
        await using var look = database.NewContext();
        var saved = await look.Customers.AsNoTracking().SingleAsync(c => c.Id == id, cancel);

        Assert.True(first.Succeeded);
        Assert.NotEqual(opened, first.Value.Stamp);
        Assert.True(second.Conflict);
        Assert.Null(second.Value);
        Assert.Contains("stamp", second.Errors.Keys);
        Assert.True(afterContact.Succeeded);
        Assert.True(noStamp.Succeeded);
        Assert.Equal(("Osteria Nuova & Figli", "Restaurants", "Via Roma 1"), (saved.Company, saved.Segment, saved.PostalAddress));
    }

    /// An address two customers' contacts share matches neither customer's mail, so a rep may not give their customer's
    /// contact the address of another rep's customer (it would take that mail away); their own customers may share one,
    /// and a manager, who sees both, may give it.
    [Theory]
    [AllDatabases]
    public async Task ARep_CannotGiveTheirContactTheAddressOfAnotherRepsCustomer_AManagerCan(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (ownRep, ownUser) = await database.AddRepAsync("own@example.com");
        var (otherRep, _) = await database.AddRepAsync("other@example.com");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var rep = new Viewer(ownUser, SeesAll: false);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Theirs Ltd", AssignedRepId: otherRep), [new ContactInput("Priya Shah", "Priya@Theirs.example")], cancel);
        var mine = (await directory.CreateAsync(Viewer.System, new CustomerInput("Mine Ltd", AssignedRepId: ownRep), [new ContactInput("Ann Lee", "ann@mine.example")], cancel)).Value!;

        var added = await directory.AddContactAsync(rep, mine.Id, new ContactInput("Priya Shah", " priya@theirs.example"), cancel);
        var changed = await directory.UpdateContactAsync(rep, mine.Id, mine.Contacts[0].Id, new ContactInput("Ann Lee", "priya@theirs.example"), cancel);
        var created = await directory.CreateAsync(rep, new CustomerInput("Mine Too Ltd"), [new ContactInput("Priya", "priya@theirs.example")], cancel);
        var sharedWithMyOwn = await directory.CreateAsync(rep, new CustomerInput("Mine Again Ltd"), [new ContactInput("Ann Lee", "ann@mine.example")], cancel);
        var byManager = await directory.AddContactAsync(Viewer.System, mine.Id, new ContactInput("Priya Shah", "priya@theirs.example"), cancel);

        Assert.Contains("email", added.Errors.Keys);
        Assert.Contains("email", changed.Errors.Keys);
        Assert.Contains("contacts[0].email", created.Errors.Keys);
        Assert.True(sharedWithMyOwn.Succeeded);
        Assert.True(byManager.Succeeded);
    }

    /// A name that hides or reverses text on screen (NUL, a right-to-left override) could show one customer and be
    /// another: the characters are removed, an address holding one is refused, and nothing of them alone is a name.
    [Theory]
    [AllDatabases]
    public async Task HiddenAndReversingCharacters_LeaveNamesAndAreRefusedInAddresses(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);

        var created = await directory.CreateAsync(Viewer.System, new CustomerInput("Rossi\u202E S.p.A.\u0000", PostalAddress: "Via\u2066 Roma 1"), [new ContactInput("N\u0000ino \u202EEsposito", Phone: "\u202E+39 02 1234")], cancel);
        var reversed = await directory.AddContactAsync(Viewer.System, created.Value!.Id, new ContactInput("Anna", "ab\u202Ecd@example.com"), cancel);
        var onlyHidden = await directory.CreateAsync(Viewer.System, new CustomerInput("\u202E\u0000"), [], cancel);

        Assert.Equal(("Rossi S.p.A.", "Via Roma 1"), (created.Value.Company, created.Value.PostalAddress));
        Assert.Equal(("Nino Esposito", "+39 02 1234"), (created.Value.Contacts[0].Name, created.Value.Contacts[0].Phone));
        Assert.Contains("email", reversed.Errors.Keys);
        Assert.Contains("company", onlyHidden.Errors.Keys);
    }

    [Theory]
    [AllDatabases]
    public async Task ExternalId_IsUniqueOnCreateAndUpdate_ButACustomerMayKeepItsOwn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var first = await directory.CreateAsync(Viewer.System, new CustomerInput("First", ExternalId: "K-1"), [], TestContext.Current.CancellationToken);
        var second = await directory.CreateAsync(Viewer.System, new CustomerInput("Second", ExternalId: "K-2"), [], TestContext.Current.CancellationToken);

        var duplicate = await directory.CreateAsync(Viewer.System, new CustomerInput("Copy", ExternalId: " K-1 "), [], TestContext.Current.CancellationToken);
        var stolen = await directory.UpdateAsync(Viewer.System, second.Value!.Id, new CustomerInput("Second", ExternalId: "K-1"), cancellationToken: TestContext.Current.CancellationToken);
        var kept = await directory.UpdateAsync(Viewer.System, first.Value!.Id, new CustomerInput("First renamed", ExternalId: "K-1"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("externalId", duplicate.Errors.Keys);
        Assert.Contains("externalId", stolen.Errors.Keys);
        Assert.Equal("First renamed", kept.Value?.Company);
    }

    [Theory]
    [AllDatabases]
    public async Task ARep_CannotProbeExternalIds_ByTryingThem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (repId, repUser) = await database.AddRepAsync("rep@ourco.example");
        var rep = new Viewer(repUser, false);
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        await directory.CreateAsync(Viewer.System, new CustomerInput("Someone else's", ExternalId: "K-7"), [], TestContext.Current.CancellationToken);
        var own = await directory.CreateAsync(Viewer.System, new CustomerInput("Mine", AssignedRepId: repId, ExternalId: "K-8"), [], TestContext.Current.CancellationToken);

        var taken = await directory.CreateAsync(rep, new CustomerInput("Probe", ExternalId: "K-7"), [], TestContext.Current.CancellationToken);
        var free = await directory.CreateAsync(rep, new CustomerInput("Probe", ExternalId: "K-9"), [], TestContext.Current.CancellationToken);
        var changed = await directory.UpdateAsync(rep, own.Value!.Id, new CustomerInput("Mine", AssignedRepId: repId, ExternalId: "K-7"), cancellationToken: TestContext.Current.CancellationToken);
        var kept = await directory.UpdateAsync(rep, own.Value.Id, new CustomerInput("Mine, renamed", AssignedRepId: repId, ExternalId: "K-8"), cancellationToken: TestContext.Current.CancellationToken);

        // Taken or free, the same refusal: the answer says nothing about other customers.
        Assert.Equal(taken.Errors["externalId"], free.Errors["externalId"]);
        Assert.Equal(taken.Errors["externalId"], changed.Errors["externalId"]);
        Assert.Equal(("Mine, renamed", "K-8"), (kept.Value?.Company, kept.Value?.ExternalId));
    }
}
