using System.Text;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

public sealed class MailImportTests
{
    private const string AngryMail =
        "From: Nino Esposito <nino@trattoria.example>\r\nTo: giulia@ourco.example\r\nSubject: Consegna sbagliata\r\n" +
        "Date: Thu, 1 Oct 2026 09:15:00 +0200\r\nMessage-ID: <abc123@trattoria.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        "Avete consegnato i cartoni sbagliati. DI NUOVO!!!\r\n";

    [Theory]
    [AllDatabases]
    public async Task RunAsync_Eml_StoresInboundMailKeyedByMessageId(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        await using var db = database.NewContext();

        var report = await Books.MailImport(db, database.Clock).RunAsync(Stream(AngryMail), mbox: false, cancellationToken: TestContext.Current.CancellationToken);
        var again = await Books.MailImport(db, database.Clock).RunAsync(Stream(AngryMail), mbox: false, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (report.Imported, again.Imported));
        Assert.Equal(1, again.Duplicates);
        var stored = await db.Interactions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((nino, Direction.Inbound, Channel.Email), (stored.CustomerId, stored.Direction, stored.Channel));
        Assert.Equal("<abc123@trattoria.example>", stored.ExternalId);
        Assert.Equal("Avete consegnato i cartoni sbagliati. DI NUOVO!!!", stored.Body.Trim());
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 7, 15, 0, TimeSpan.Zero), stored.OccurredAt);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_Mbox_ImportsGoodMessagesAndNamesTheRejectedOnes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, harbour) = await ImportFixture.SeedAsync(database);
        var mbox =
            "From nino@trattoria.example Thu Oct  1 09:15:00 2026\n" + AngryMail.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n" +
            "From stranger@unknown.example Thu Oct  1 10:00:00 2026\nFrom: stranger@unknown.example\nTo: sales@ourco.example\nSubject: Hi\n\nWho are you?\n\n" +
            "From giulia@ourco.example Fri Oct  2 08:00:00 2026\nFrom: Giulia <giulia@ourco.example>\nTo: Oliver <oliver@harbour.example>\nSubject: Your order\n" +
            "Content-Type: text/html\n\n<p>Dear Oliver,</p><p>your order ships <b>today</b>.</p><script>alert(1)</script>\n\n" +
            "From nobody Fri Oct  2 09:00:00 2026\nSubject: no sender at all\n\nbody\n";
        await using var db = database.NewContext();

        var report = await Books.MailImport(db, database.Clock).RunAsync(Stream(mbox), mbox: true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((4, 2), (report.Read, report.Imported));
        Assert.Equal(["message 2", "message 4"], report.Rejected.Select(r => r.Location));
        var outbound = await db.Interactions.SingleAsync(i => i.Direction == Direction.Outbound, TestContext.Current.CancellationToken);
        Assert.Equal(harbour, outbound.CustomerId);
        Assert.Equal("Dear Oliver,\n\nyour order ships today.", outbound.Body);
        Assert.Equal("giulia", outbound.AuthorName?.Split(' ')[0]);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_NotAnMbox_IsRejectedWithAReason(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var report = await Books.MailImport(db, database.Clock).RunAsync(Stream("this is not a mailbox\n"), mbox: true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, report.Imported);
        Assert.Contains("not readable as mail", Assert.Single(report.Rejected).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_BinaryGarbageAsEml_IsRejectedNotCrashed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        var report = await Books.MailImport(db, database.Clock).RunAsync(new MemoryStream(garbage), mbox: false, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, report.Imported);
        Assert.Single(report.Rejected);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_AMailThatLosesTheCaseToAnotherWriter_IsReadAgainAndStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var caseId = await ImportFixture.OpenCaseAsync(database, nino, "Avete consegnato i cartoni sbagliati. Rivoglio quelli giusti entro domani.");

        var rival = new RivalBeforeSave(database, caseId);
        await using var db = database.NewContext(rival);

        var report = await Books.MailImport(db, database.Clock).RunAsync(Stream(AngryMail), mbox: false, cancellationToken: cancel);

        Assert.Equal((1, 0), (report.Imported, report.Rejected.Count));
        Assert.True(rival.Saves >= 2, "the mail was read again after losing the race");
        await using var check = database.NewContext();
        var stored = await check.Interactions.SingleAsync(i => i.ExternalId == "<abc123@trattoria.example>", cancel);
        Assert.Equal(caseId, stored.CaseId);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_FlowedText_IsStoredUnwrapped_AndItsQuoteStaysQuoted(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImportFixture.SeedAsync(database);
        // RFC 3676: a line that ends in a space goes on in the next one; quoted lines carry their depth. (MimeKit's TextBody
        // unwraps it; this holds the product to reading that, not the raw part.)
        var mail =
            "From: Nino Esposito <nino@trattoria.example>\r\nTo: giulia@ourco.example\r\nSubject: Bancali\r\n" +
            "Date: Fri, 2 Oct 2026 09:15:00 +0200\r\nMessage-ID: <flowed1@trattoria.example>\r\n" +
            "Content-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n" +
            "Il vostro autista ha lasciato di nuovo i bancali sbagliati e se succede \r\n" +
            "ancora una volta porteremo i nostri ordini altrove.\r\n\r\n" +
            "Nino\r\n\r\n" +
            "> Consegneremo martedì \r\n" +
            "> mattina.\r\n";
        await using var db = database.NewContext();

        var report = await Books.MailImport(db, database.Clock).RunAsync(Stream(mail), mbox: false, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, report.Imported);
        var body = (await db.Interactions.SingleAsync(TestContext.Current.CancellationToken)).Body;
        Assert.Contains("i bancali sbagliati e se succede ancora una volta porteremo i nostri ordini altrove.", body, StringComparison.Ordinal);
        Assert.Contains("> Consegneremo martedì mattina.", body, StringComparison.Ordinal);
        Assert.Equal(["Nino"], body.Split('\n').Where(l => l.Trim() == "Nino").ToArray());
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
