using System.Text;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

/// CSV exports saved by spreadsheet programs in a Windows code page were read as UTF-8 and silently corrupted
/// ("Müller" became "M�ller", Greek names became question marks). Each file is now read in the encoding its bytes
/// show; one that is not text is refused with a reason; NUL and bidirectional-override characters are removed from
/// what is imported.
public sealed class ImportEncodingTests
{
    private const string Header = "external_id,company,segment,status,language,currency\n";

    static ImportEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string> CodePages => new()
    {
        { "windows-1252", "Café Müller Gärtnerei" },
        { "windows-1252", "Crème brûlée & Cie" },
        { "iso-8859-7", "Ταβέρνα Ο Ψαράς" },
        { "iso-8859-7", "Μαρκάκης και Υιοί Α.Ε." },
        { "utf-8", "Ταβέρνα Müller ½" },
    };

    [Theory]
    [MemberData(nameof(CodePages))]
    public async Task ACsvSavedInACodePage_IsReadInIt(string encoding, string company)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var bytes = Encoding.GetEncoding(encoding).GetBytes(Header + $"E-1,{company},Retail,active,en,EUR\n");
        await using var db = database.NewContext();

        var report = await new CustomerCsvImport(db, database.Clock).RunAsync(new MemoryStream(bytes), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, report.Imported);
        await using var check = database.NewContext();
        Assert.Equal(company, (await check.Customers.SingleAsync(TestContext.Current.CancellationToken)).Company);
    }

    [Fact]
    public async Task AFileThatIsNotText_IsRefusedWithAReason_AndNothingIsStored()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        // What a user uploads by mistake: the spreadsheet itself (an .xlsx is a zip archive).
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00 }.Concat(Encoding.UTF8.GetBytes(Header)).ToArray();
        await using var db = database.NewContext();

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new CustomerCsvImport(db, database.Clock).RunAsync(new MemoryStream(bytes), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("not text", refused.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(0, await check.Customers.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HiddenCharacters_AreRemovedFromWhatIsImported()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        // A right-to-left override makes "Acme gpj.exe" read differently on screen; a NUL ends strings in other tools.
        var csv = Header + "E-\u00002,Acme\u202E gpj.exe\u202C Ltd,Re\u0007tail,active,en,EUR\n";
        await using var db = database.NewContext();

        await new CustomerCsvImport(db, database.Clock).RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), cancellationToken: TestContext.Current.CancellationToken);

        await using var check = database.NewContext();
        var customer = await check.Customers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("E-2", "Acme gpj.exe Ltd", "Retail"), (customer.ExternalId, customer.Company, customer.Segment));
    }
}
