using System.Text;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

public sealed class CustomerCsvImportTests
{
    private const string Header = "external_id,company,segment,status,language,currency,rep_email,renewal_date,contact_name,contact_email,contact_phone,contact_language\n";

    [Theory]
    [AllDatabases]
    public async Task RunAsync_GoodAndBadRows_ImportsGoodOnesAndRejectsEachBadOneWithItsLine(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.AddRepAsync("giulia@example.com");
        var csv = Header +
            "C-1,Trattoria Da Nino,Hospitality,active,it,EUR,giulia@example.com,2027-03-31,Nino Esposito,nino@example.it,,it\n" +
            "C-2,,Retail,active,en,GBP,,,,,,\n" +                                         // line 3: no company
            "C-3,Millstone Bakery,Retail,active,en,GBP,nobody@example.com,,,,,\n" +       // line 4: unknown rep
            "C-4,\"Broken \"quote\" Ltd,Retail,active,en,GBP,,,,,,\n" +                   // line 5: malformed
            "C-5,Harbour Lane Wines,Hospitality,on-hold,en,GBP,,31/12/2026,Oliver Grant,oliver@example.co.uk,+44 20 7946 1000,en\n" +
            "C-6,Short row\n";                                                              // line 7: too few fields
        await using var db = database.NewContext();

        var report = await new CustomerCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((6, 2, 0), (report.Read, report.Imported, report.Duplicates));
        Assert.Equal(["line 3", "line 4", "line 5", "line 7"], report.Rejected.Select(r => r.Location));
        Assert.Contains("company name is required", report.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("nobody@example.com", report.Rejected[1].Reason, StringComparison.Ordinal);
        await using var check = database.NewContext();
        var customers = await check.Customers.Include(c => c.Contacts).OrderBy(c => c.ExternalId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["C-1", "C-5"], customers.Select(c => c.ExternalId));
        Assert.Equal("nino@example.it", Assert.Single(customers[0].Contacts).Email);
        Assert.Equal((CustomerStatus.OnHold, new DateOnly(2026, 12, 31)), (customers[1].Status, customers[1].ContractRenewalDate!.Value));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_SameFileTwice_ImportsNothingTheSecondTime(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = Header + "C-1,Alpha,,,,,,,,,,\n,Beta Srl,,,it,EUR,,,,,,\n,Beta Srl,,,it,EUR,,,,,,\n";
        await using (var db = database.NewContext())
        {
            var first = await new CustomerCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((2, 1), (first.Imported, first.Duplicates));
        }

        await using var again = database.NewContext();
        var second = await new CustomerCsvImport(again, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((3, 0, 3), (second.Read, second.Imported, second.Duplicates));
        Assert.Equal(2, await again.Customers.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_StoppedPartWayThenRunAgain_StoresEveryRowExactlyOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = new StringBuilder(Header);
        for (var i = 1; i <= 120; i++)
        {
            csv.Append($"K-{i},Company {i},,,,,,,Person {i},p{i}@example.com,,\n");
        }

        using var stop = new CancellationTokenSource();
        var progress = new Stopper(stop, afterRecords: 45);
        await using (var db = database.NewContext())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new CustomerCsvImport(db, database.Clock).RunAsync(Stream(csv.ToString()), progress, stop.Token));
        }

        await using var again = database.NewContext();
        var report = await new CustomerCsvImport(again, database.Clock).RunAsync(Stream(csv.ToString()), cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(report.Duplicates, 45, 46);
        Assert.Equal(120, report.Imported + report.Duplicates);
        Assert.Equal(120, await again.Customers.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(120, await again.Contacts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_NoCompanyColumn_FailsBeforeWritingAnything(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new CustomerCsvImport(db, database.Clock).RunAsync(Stream("name,email\nAcme,a@example.com\n"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("company", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Customers.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_SemicolonSeparatedFromASpreadsheet_IsRead(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var report = await new CustomerCsvImport(db, database.Clock).RunAsync(
            Stream("Company;Language;Currency\nFerramenta Colombo;it;EUR\n"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, report.Imported);
        Assert.Equal("it", (await db.Customers.SingleAsync(TestContext.Current.CancellationToken)).PreferredLanguage);
    }

    [Fact]
    public async Task RunAsync_PostalAddress_TakesLinesFromBreaksOrBars()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var csv = "external_id,company,postal_address\n" +
            "A-1,Trattoria Da Nino,Via Roma 1|20121 Milano MI\n" +
            "A-2,Harbour Lane Wines,\"7 Market Street\n Bristol BS1 1QT\"\n";
        await using var db = database.NewContext();

        var report = await new CustomerCsvImport(db, database.Clock).RunAsync(Stream(csv), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Imported);
        await using var check = database.NewContext();
        var addresses = await check.Customers.OrderBy(c => c.ExternalId).Select(c => c.PostalAddress).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Via Roma 1\n20121 Milano MI", "7 Market Street\nBristol BS1 1QT"], addresses);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// Cancels the import after a number of records, as a kill would stop it between two rows.
    private sealed class Stopper(CancellationTokenSource source, int afterRecords) : IProgress<Imports.ImportProgress>
    {
        public void Report(Imports.ImportProgress value)
        {
            if (value.Records >= afterRecords)
            {
                source.Cancel();
            }
        }
    }
}
