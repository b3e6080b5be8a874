using System.Text;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// Files that leave with our mail: a rep's attachments on a reply, and the invoice's document on the collection step
/// that sends a copy of it. Sent through a real Postfix and read back from the customer's real Dovecot mailbox.
public sealed class OutgoingFilesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% a stand-in for the invoice the customer received\n%%EOF\n");

    [Theory]
    [AllDatabases]
    public async Task AReplysFiles_AndTheCopyStepsInvoiceDocument_ArriveWithTheMail(string provider)
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var db = money.Db;
        var customer = servers.NewAddress("nino");
        await db.Contacts.Where(c => c.CustomerId == money.People.Nino).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, customer), Token);
        await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(servers.NewAddress("sales")), Token);
        var store = MailTestKit.Store(db, database);

        // A reply with two files; the same photo twice is kept once.
        var photo = Encoding.UTF8.GetBytes("pretend these are the pallet photos");
        var (files, errors) = await store.KeepAllAsync(
            [new OutgoingFile("C:\\Users\\giulia\\foto bancali.jpg", "image/jpeg", photo), new OutgoingFile("listino.pdf", "application/pdf", Pdf)], 20 << 20, Token);
        var reply = await Books.InteractionLog(db, database.Clock).ReplyAsync(money.People.Giulia, money.People.Nino, "Foto e listino",
            "Gentile Nino,\n\nin allegato le foto e il listino aggiornato.\n\nGiulia", files: files, cancellationToken: Token);

        // An invoice 70 days late: the plan's step is the copy, which waits for the invoice's document.
        var invoice = await money.InvoiceAsync(money.People.Nino, "N-70", 100, 480m);
        await money.Sweep.RunAsync(Token);
        var copy = Assert.Single(await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: Token));
        var refused = await money.Desk.CompleteAsync(money.People.Giulia, copy.Id, null, null, Token);
        var (document, _) = await store.KeepAllAsync([new OutgoingFile("N-70.pdf", "application/pdf", Pdf)], 20 << 20, Token);
        Assert.Null(await money.Book.SetDocumentAsync(money.People.James, invoice.Id, document[0], Token)); // not James's customer
        await money.Book.SetDocumentAsync(money.People.Giulia, invoice.Id, document[0], Token);
        var withDocument = Assert.Single(await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: Token));
        var sentStep = await money.Desk.CompleteAsync(money.People.Giulia, copy.Id, null, null, Token);

        var sent = await new MailSender(db, MailTestKit.Connections, database.Clock, store).SendDueAsync("test", Token);
        var received = await servers.WaitForAsync(customer, 2);

        Assert.Empty(errors);
        Assert.Equal(("foto bancali.jpg", "listino.pdf"), (files[0].FileName, files[1].FileName));
        Assert.True(reply.Succeeded);
        Assert.Contains("N-70", Assert.Single(refused.Errors["document"]), StringComparison.Ordinal);
        Assert.Equal(("copy-60", "N-70.pdf"), (withDocument.Step, withDocument.Document));
        Assert.True(sentStep.Succeeded);
        Assert.Equal(2, sent);
        var letter = received.Single(m => m.Subject != "Foto e listino");
        var answer = received.Single(m => m.Subject == "Foto e listino");
        Assert.Equal([("foto bancali.jpg", Convert.ToHexString(photo)), ("listino.pdf", Convert.ToHexString(Pdf))], Files(answer));
        Assert.Equal([("N-70.pdf", Convert.ToHexString(Pdf))], Files(letter));
        Assert.Contains("N-70", letter.TextBody, StringComparison.Ordinal);
        Assert.Equal("it", Assert.IsType<Multipart>(answer.Body)[0].Headers[HeaderId.ContentLanguage]);
        var listed = await db.Attachments.AsNoTracking().Where(a => a.InteractionId == sentStep.Value!.InteractionId).Select(a => a.FileName).ToListAsync(Token);
        Assert.Equal(["N-70.pdf"], listed); // the letter on the timeline lists what went with it
    }

    [Theory]
    [AllDatabases]
    public async Task FilesForOneMessage_AreRefusedWhenTooManyEmptyOrTooLarge_AndNothingIsKept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var store = MailTestKit.Store(db, database);
        var one = new OutgoingFile("a.txt", "text/plain", [1, 2, 3]);

        var (tooMany, manyErrors) = await store.KeepAllAsync([.. Enumerable.Repeat(one, OutgoingFile.MaxFiles + 1)], 1 << 20, Token);
        var (empty, emptyErrors) = await store.KeepAllAsync([one, new OutgoingFile("../../etc/passwd", null, [])], 1 << 20, Token);
        var (large, largeErrors) = await store.KeepAllAsync([one, new OutgoingFile("b.bin", null, new byte[2 << 20])], 2 << 20, Token);
        var (decoded, decodeErrors) = AttachmentInput.Decode([new AttachmentInput("ok.txt", "text/plain", "aGVsbG8="), new AttachmentInput("bad.txt", null, "not base64!")]);

        Assert.Equal((0, 0, 0), (tooMany.Count, empty.Count, large.Count));
        Assert.Contains(OutgoingFile.MaxFiles.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(manyErrors["attachments"]), StringComparison.Ordinal);
        Assert.Contains("passwd", Assert.Single(emptyErrors["attachments"]), StringComparison.Ordinal);
        Assert.DoesNotContain("..", emptyErrors["attachments"][0], StringComparison.Ordinal);
        Assert.Contains("2 MB", Assert.Single(largeErrors["attachments"]), StringComparison.Ordinal);
        Assert.Equal("hello"u8.ToArray(), Assert.Single(decoded).Content);
        Assert.Contains("bad.txt", Assert.Single(decodeErrors["attachments"]), StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task AFileGoneFromTheStore_FailsTheMailForGood_InsteadOfSendingItWithout(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var db = money.Db;
        await MailTestKit.AddOfflineMailboxAsync(db, database);
        var lost = new Attachment { FileName = "lost.pdf", ContentType = "application/pdf", Size = 3, Sha256 = new string('0', 64) };

        var reply = await Books.InteractionLog(db, database.Clock).ReplyAsync(money.People.Giulia, money.People.Nino, "Listino", "Gentile Nino, ecco il listino.",
            files: [lost], cancellationToken: Token);
        var sent = await new MailSender(db, MailTestKit.Connections, database.Clock, MailTestKit.Store(db, database)).SendDueAsync("test", Token);
        var outbox = await db.Outbox.AsNoTracking().SingleAsync(Token);

        Assert.Equal(Delivery.Queued, reply.Value!.Delivery);
        Assert.Equal((0, OutboxStatus.Failed, 1), (sent, outbox.Status, outbox.Attempts));
        Assert.Contains("lost.pdf", outbox.LastError!, StringComparison.Ordinal);
        Assert.Equal(Delivery.Failed, (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == reply.Value.Id, Token)).Delivery);
    }

    /// The message's files by name, with their content in hex.
    private static List<(string, string)> Files(MimeMessage message) =>
        [.. message.Attachments.OfType<MimePart>().Select(part =>
        {
            using var buffer = new MemoryStream();
            part.Content!.DecodeTo(buffer);
            return (part.FileName ?? "", Convert.ToHexString(buffer.ToArray()));
        })];
}
