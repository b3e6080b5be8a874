using System.Text;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

public sealed class InteractionCsvImportTests
{
    private const string Header = "external_id,customer,contact_email,channel,direction,occurred_at,subject,body,minutes,author\n";

    [Theory]
    [AllDatabases]
    public async Task RunAsync_MatchesCustomersAndRejectsBadRowsAlone(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, harbour) = await ImportFixture.SeedAsync(database);
        var csv = Header +
            "m-1,C-1,,email,inbound,2026-10-01T09:00:00+02:00,Consegna,\"Avete sbagliato di nuovo, \"\"basta\"\"!\",,\n" +
            "m-2,harbour lane wines,,call,outbound,2026-10-02 10:00,,Called back about the order,12,giulia@ourco.example\n" +
            "m-3,,nino@trattoria.example,chat,inbound,,,Grazie mille,,\n" +
            "m-4,Nobody Ltd,,email,inbound,,,Hello,,\n" +                          // line 5: unknown customer
            "m-5,C-1,,fax,inbound,,,Hello,,\n" +                                   // line 6: unknown channel
            "m-6,C-1,,email,inbound,yesterday,,Hello,,\n" +                        // line 7: bad date
            "m-7,C-1,,email,inbound,,,,,\n";                                       // line 8: empty body
        await using var db = database.NewContext();

        var report = await Books.InteractionCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, report.Imported);
        Assert.Equal(["line 5", "line 6", "line 7", "line 8"], report.Rejected.Select(r => r.Location));
        await using var check = database.NewContext();
        var stored = await check.Interactions.OrderBy(i => i.ExternalId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([nino, harbour, nino], stored.Select(i => i.CustomerId));
        Assert.Equal("Avete sbagliato di nuovo, \"basta\"!", stored[0].Body);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 7, 0, 0, TimeSpan.Zero), stored[0].OccurredAt);
        Assert.Equal(("giulia", 12), (stored[1].AuthorName, stored[1].MinutesSpent!.Value));
        Assert.NotNull(stored[2].ContactId);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_RowsWithoutIds_AreRecognisedOnReimport(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImportFixture.SeedAsync(database);
        var csv = "customer,occurred_at,body\nC-1,2026-10-01T09:00:00Z,Prima nota\nC-2,2026-10-01T09:00:00Z,First note\n";
        await using (var db = database.NewContext())
        {
            Assert.Equal(2, (await Books.InteractionCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken)).Imported);
        }

        await using var again = database.NewContext();
        var report = await Books.InteractionCsvImport(again, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((0, 2), (report.Imported, report.Duplicates));
        Assert.Equal(2, await again.Interactions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_ARowThatLosesTheCaseToAnotherWriter_IsReadAgainAndStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var caseId = await ImportFixture.OpenCaseAsync(database, nino, "You charged us twice for the March invoice. Unacceptable, refund the double charge.");

        // Another instance's message joins the same case just after the import's first row has read it.
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var csv = "customer,body\n" +
            "C-1,\"Still waiting for the refund of the double charge on the March invoice. Unacceptable.\"\n" +
            "C-1,\"And the April invoice charged us twice as well. Refund both, now.\"\n";
        var rival = new RivalAfterCaseRead(database, caseId);
        await using var db = database.NewContext(rival);

        var report = await Books.InteractionCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: cancel);

        Assert.Empty(report.Rejected);
        Assert.Equal(2, report.Imported);
        // Each row reads the case once; the row that lost reads it again.
        Assert.True(rival.Reads >= 3, "the row was taken again after losing the race");
        await using var check = database.NewContext();
        Assert.Equal(3, await check.Interactions.CountAsync(i => i.CaseId == caseId, cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_ARowThatKeepsLosingTheCase_IsSetAsideWithItsReasonAndTheImportGoesOn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, harbour) = await ImportFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var caseId = await ImportFixture.OpenCaseAsync(database, nino, "You charged us twice for the March invoice. Refund it.");

        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var csv = "external_id,customer,body\n" +
            "r-1,C-1,\"The double charge is still not refunded. Unacceptable.\"\n" +
            "r-2,C-2,Thanks for the quick delivery.\n";
        await using (var db = database.NewContext(new RivalBeforeSave(database, caseId, times: int.MaxValue)))
        {
            var report = await Books.InteractionCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: cancel);

            var aside = Assert.Single(report.Rejected);
            Assert.Equal("line 2", aside.Location);
            Assert.Contains("import the file again", aside.Reason, StringComparison.Ordinal);
            Assert.Equal(1, report.Imported);
        }

        await using (var again = database.NewContext())
        {
            var report = await Books.InteractionCsvImport(again, database.Clock).RunAsync(Stream(csv), cancellationToken: cancel);

            Assert.Equal((1, 1), (report.Imported, report.Duplicates));
        }

        await using var check = database.NewContext();
        Assert.Equal(["r-1", "r-2"], await check.Interactions.Where(i => i.ExternalId.StartsWith("r-")).OrderBy(i => i.ExternalId).Select(i => i.ExternalId).ToListAsync(cancel));
        Assert.Equal(harbour, await check.Interactions.Where(i => i.ExternalId == "r-2").Select(i => i.CustomerId).SingleAsync(cancel));
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
