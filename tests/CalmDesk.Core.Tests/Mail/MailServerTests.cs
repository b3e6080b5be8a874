using System.Security.Cryptography;
using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// End to end against real servers: mail delivered by Postfix into a Dovecot mailbox is fetched, analysed and threaded;
/// the rep's reply goes out through Postfix and arrives in the customer's mailbox, threaded and in their language.
public sealed class MailServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task CustomerMail_IsFetchedOnceIntoACase_AndTheReplyArrivesThreadedInTheirLanguage(string provider)
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync(provider);
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        var complaint = Mail(customer, sales, "Consegna sbagliata", "Avete consegnato i cartoni sbagliati, DI NUOVO. Sono davvero arrabbiato, voglio una soluzione oggi!");
        await servers.SendAsync(complaint);
        await servers.WaitForAsync(sales, 1);

        var first = await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);
        var second = await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);
        var stored = await db.Interactions.AsNoTracking().SingleAsync(Token);
        var waiting = await Books.InboxBook(database, db).WaitingAsync(giulia, mineOnly: true, Token);

        Assert.Equal((1, 0, null), (first.Stored, second.Stored, first.Error));
        Assert.Equal((ninoId, Direction.Inbound, mailboxId, "<" + complaint.MessageId + ">"), (stored.CustomerId, stored.Direction, stored.MailboxId, stored.ExternalId));
        Assert.Equal("it", stored.Analysis!.Language);
        Assert.NotNull(stored.CaseId);
        Assert.Equal(stored.CaseId, Assert.Single(waiting).CaseId);

        var reply = await Books.CaseGuide(database, db).SendReplyAsync(giulia, stored.CaseId!.Value, null, "Gentile Nino,\n\ndomattina arrivano i cartoni giusti.\n\nGiulia", cancellationToken: Token);
        var sent = await MailTestKit.Sender(db, database).SendDueAsync("test", Token);
        var received = Assert.Single(await servers.WaitForAsync(customer, 1));

        Assert.Equal(1, sent);
        Assert.Equal(Delivery.Sent, (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == reply.Value!.Id, Token)).Delivery);
        Assert.Equal(complaint.MessageId, received.InReplyTo);
        Assert.Equal("<" + received.MessageId + ">", reply.Value!.ExternalId);
        Assert.Equal("it", received.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal(("Re: Consegna sbagliata", sales), (received.Subject, received.From.Mailboxes.Single().Address));
        Assert.Contains("domattina arrivano i cartoni giusti.", received.TextBody, StringComparison.Ordinal);
        Assert.Empty(await Books.InboxBook(database, db).WaitingAsync(giulia, mineOnly: true, Token));

        // The customer answers our reply from their mail client: it joins the same case and waits for us again.
        var answer = Mail(customer, sales, "Re: Consegna sbagliata", "Va bene, grazie. Aspetto domattina.");
        answer.InReplyTo = received.MessageId;
        answer.Date = database.Clock.GetUtcNow().AddHours(1);
        answer.References.Add(complaint.MessageId!);
        answer.References.Add(received.MessageId!);
        await servers.SendAsync(answer);
        await servers.WaitForAsync(sales, 2);
        await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);

        var threaded = await db.Interactions.AsNoTracking().SingleAsync(i => i.ExternalId == "<" + answer.MessageId + ">", Token);
        Assert.Equal(stored.CaseId, threaded.CaseId);
        Assert.Equal(CaseStatus.WaitingOnUs, (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == stored.CaseId, Token)).Status);
        Assert.Single(await Books.InboxBook(database, db).WaitingAsync(giulia, mineOnly: true, Token));
    }

    [Fact]
    public async Task HugeBrokenAndUnknownMail_IsKeptWithItsReason_AndStopsNothingElse()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;

        var huge = Mail(customer, sales, "Le foto", "In allegato le foto della merce rovinata.");
        // Its text is sent as format=flowed (RFC 3676), wrapped where a line ends in a space: read alone, it is unwrapped too.
        var flowed = new TextPart("plain") { Text = "In allegato le foto \r\ndella merce rovinata.\r\n" };
        flowed.ContentType.Parameters["format"] = "flowed";
        huge.Body = new Multipart("mixed") { flowed, Attachment() };
        await servers.AppendAsync(sales, Raw(huge));
        var onlyFiles = Mail(customer, sales, "Solo allegato", "");
        onlyFiles.Body = Attachment();
        await servers.AppendAsync(sales, Raw(onlyFiles));
        await servers.AppendAsync(sales, "Subject: nobody sent this\r\nDate: Mon, 2 Nov 2026 08:00:00 +0100\r\n\r\nno sender at all\r\n"u8.ToArray());
        var stranger = Mail("someone@elsewhere.example", sales, "Preventivo", "Buongiorno, vorrei un preventivo per 200 cartoni.");
        await servers.AppendAsync(sales, Raw(stranger));
        var good = Mail(customer, sales, "Ordine", "Confermo l'ordine di martedì.");
        await servers.AppendAsync(sales, Raw(good));

        var report = await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);
        var kept = await db.InboundMail.AsNoTracking().OrderBy(m => m.Uid).ToListAsync(Token);
        var stored = await db.Interactions.AsNoTracking().OrderBy(i => i.Id).ToListAsync(Token);

        Assert.Equal((2, 1, 2, null), (report.Stored, report.Unmatched, report.Broken, report.Error));
        Assert.Equal(["<" + huge.MessageId + ">", "<" + good.MessageId + ">"], stored.Select(i => i.ExternalId));
        Assert.Equal("In allegato le foto della merce rovinata.", stored[0].Body.Trim());
        Assert.Empty(await db.Attachments.ToListAsync(Token)); // over the limit: the text is kept, the files are not
        Assert.Equal([InboundReason.TooLarge, InboundReason.NoSender, InboundReason.UnknownSender], kept.Select(m => m.Reason));
        Assert.Equal([InboundMailState.Broken, InboundMailState.Broken, InboundMailState.Unmatched], kept.Select(m => m.State));
        Assert.Contains("20 MB", kept[0].Problem, StringComparison.Ordinal);
        Assert.Equal(("Solo allegato", 0), (kept[0].Subject, kept[0].Raw.Length));
        Assert.Equal(("someone@elsewhere.example", "Preventivo"), (kept[2].FromAddress, kept[2].Subject));

        // A rep says whose mail it is: the sender becomes a contact and the message joins the customer's timeline.
        var linked = await MailTestKit.Book(db, database).LinkAsync(giulia, kept[2].Id, ninoId, Token);
        Assert.Equal((ninoId, "<" + stranger.MessageId + ">"), (linked.Value!.CustomerId, linked.Value.ExternalId));
        Assert.Contains(await db.Contacts.AsNoTracking().Where(c => c.CustomerId == ninoId).Select(c => c.Email).ToListAsync(Token), e => e == "someone@elsewhere.example");
        Assert.Equal(2, (await MailTestKit.Book(db, database).WaitingAsync(Token)).Count);
    }

    [Theory]
    [AllDatabases]
    public async Task Attachments_AreKeptOncePerContent_UnderACleanName_AndReadBack(string provider)
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync(provider);
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        var photo = RandomNumberGenerator.GetBytes(200_000);
        for (var i = 0; i < 2; i++)
        {
            var message = Mail(customer, sales, $"Foto {i}", "Ecco la foto del bancale rotto.");
            message.Body = new Multipart("mixed")
            {
                new TextPart("plain") { Text = "Ecco la foto del bancale rotto." },
                new MimePart("image", "jpeg") { FileName = "../../etc/bancale\u0007.jpg", Content = new MimeContent(new MemoryStream(photo)), ContentTransferEncoding = ContentEncoding.Base64 },
            };
            await servers.AppendAsync(sales, Raw(message));
        }

        Assert.Equal(2, (await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token)).Stored);

        var files = await db.Attachments.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Token);
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal(("bancale_.jpg", "image/jpeg", 200_000L), (f.FileName, f.ContentType, f.Size)));
        Assert.Single(files.Select(f => f.Sha256).Distinct());
        await using var content = await MailTestKit.Store(db, database).OpenAsync(files[0].Sha256, Token);
        using var copy = new MemoryStream();
        await content!.CopyToAsync(copy, Token);
        Assert.Equal(photo, copy.ToArray());
        if (provider == "postgres")
        {
            Assert.Equal(1, await db.AttachmentContents.CountAsync(Token));
        }
    }

    [Fact]
    public async Task AWrongPassword_IsReportedOnItsMailbox_AndTheOthersAreStillRead()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var customer = servers.NewAddress("nino");
        await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var book = MailTestKit.Book(db, database);
        var broken = (await book.AddAsync(servers.Mailbox(servers.NewAddress("wrong"), "not-the-password"), Token)).Value!.Id;
        var sales = servers.NewAddress("sales");
        var working = (await book.AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        await servers.SendAsync(Mail(customer, sales, "Ciao", "Tutto bene, grazie."));
        await servers.WaitForAsync(sales, 1);

        var test = await book.TestAsync(broken, Token);
        var failed = await MailTestKit.Fetcher(db, database).FetchAsync(broken, Token);
        var read = await MailTestKit.Fetcher(db, database).FetchAsync(working, Token);

        Assert.StartsWith("IMAP: the server refused the user name or the password", test.Value!.Problem, StringComparison.Ordinal);
        Assert.StartsWith("the server refused the user name or the password", failed.Error, StringComparison.Ordinal);
        Assert.Equal((1, null), (read.Stored, read.Error));
        var health = await book.ListAsync(Token);
        Assert.NotNull(health.Single(m => m.Id == broken).LastError);
        Assert.Null(health.Single(m => m.Id == working).LastError);
        Assert.True((await book.TestAsync(working, Token)).Value!.Works);
    }

    [Theory]
    [AllDatabases]
    public async Task TwoFetchersAtOnce_AndOneCutShort_StoreEveryMessageExactlyOnce(string provider)
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync(provider);
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        await SeedAsync(database, customer);
        int mailboxId;
        await using (var db = database.NewContext())
        {
            mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        }

        const int Count = 30;
        for (var i = 0; i < Count; i++)
        {
            await servers.AppendAsync(sales, Raw(Mail(customer, sales, $"Ordine {i}", $"Confermo l'ordine numero {i}.")));
        }

        // One fetch is cut short part-way, as a stopped process would be; two more then race over the same folder.
        using (var cut = CancellationTokenSource.CreateLinkedTokenSource(Token))
        await using (var db = database.NewContext())
        {
            cut.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, cut.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await using var one = database.NewContext();
        await using var two = database.NewContext();
        await Task.WhenAll(MailTestKit.Fetcher(one, database).FetchAsync(mailboxId, Token), MailTestKit.Fetcher(two, database).FetchAsync(mailboxId, Token));

        await using var check = database.NewContext();
        var subjects = await check.Interactions.AsNoTracking().Select(i => i.Subject).ToListAsync(Token);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"Ordine {i}").Order(), subjects.Order());
        Assert.Empty(await check.InboundMail.ToListAsync(Token));
    }

    [Fact]
    public async Task TwoSendersOnPostgres_SendEachQueuedMessageOnce()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("postgres");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using (var db = database.NewContext())
        {
            await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token);
            for (var i = 0; i < 12; i++)
            {
                var queued = await Books.InteractionLog(db, database.Clock).SendAsync(giulia, ninoId, new InteractionInput("email", "outbound", null, $"Aggiornamento {i}", $"Gentile Nino, aggiornamento numero {i}."), cancellationToken: Token);
                Assert.Equal(Delivery.Queued, queued.Value!.Delivery);
            }
        }

        await using var one = database.NewContext();
        await using var two = database.NewContext();
        var sent = await Task.WhenAll(MailTestKit.Sender(one, database).SendDueAsync("one", Token), MailTestKit.Sender(two, database).SendDueAsync("two", Token));
        var received = await servers.WaitForAsync(customer, 12);
        await Task.Delay(1000, Token);
        received = await servers.WaitForAsync(customer, 12);

        Assert.Equal(12, sent.Sum());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"Aggiornamento {i}").Order(), received.Select(m => m.Subject).Order());
        await using var check = database.NewContext();
        Assert.All(await check.Outbox.AsNoTracking().ToListAsync(Token), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    /// An instance killed after the server accepted a reply and before it recorded that leaves the reply in doubt. The
    /// reply the server kept in the mailbox's Sent folder (as Gmail and Microsoft 365 keep what they accept) is recorded
    /// as sent by the next sender and not sent twice; one not found there goes again, a reply lost being worse than two.
    [Fact]
    public Task RepliesLeftInDoubtByAKilledSender_AreNotSentAgain_WhenTheSentFolderHasThem() =>
        ResumeAfterAKillAsync(async (servers, sales, _, first) => await servers.AppendAsync(sales, Raw(MailSender.Compose(first)), MailKit.SpecialFolder.Sent));

    /// The same crash on a server that keeps no Sent copy (as this Postfix and Dovecot do not): the server had taken the
    /// first reply for the customer and, on the same envelope, for our own mailbox, so its copy in the fetched folder
    /// proves it; it is recorded as sent and not sent again.
    [Fact]
    public Task RepliesLeftInDoubtByAKilledSender_AreNotSentAgain_WhenTheirCopyIsInTheMailbox() =>
        ResumeAfterAKillAsync(async (servers, sales, customer, first) =>
        {
            // What the killed sender had got through: one SMTP transaction, to the customer and to our mailbox.
            var composed = MailSender.Compose(first);
            await servers.SendAsync(composed, Envelope.Sender(first.Mailbox!), Envelope.Recipients(composed, first.Mailbox!, copyToOwnMailbox: true));
            Assert.Single(await servers.WaitForAsync(sales, 1));
            Assert.Single(await servers.WaitForAsync(customer, 1));
        });

    /// Two replies claimed by an instance that was killed (claims standing, expired, no outcome); the server had taken the
    /// first, kept as <paramref name="serverHad"/> says. The restarted sender must send the second and only the second.
    private static async Task ResumeAfterAKillAsync(Func<MailServers, string, string, OutboxMessage, Task> serverHad)
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token);
        var log = Books.InteractionLog(db, database.Clock);
        foreach (var subject in new[] { "Consegna giovedì", "Fattura corretta" })
        {
            await log.SendAsync(giulia, ninoId, new InteractionInput("email", "outbound", null, subject, $"Gentile Nino, {subject.ToLowerInvariant()}."), cancellationToken: Token);
        }

        var past = database.Clock.GetUtcNow().AddMinutes(-10);
        await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "killed").SetProperty(m => m.ClaimedUntil, past).SetProperty(m => m.Attempts, 1), Token);
        var first = await db.Outbox.Include(m => m.Mailbox).AsNoTracking().SingleAsync(m => m.Subject == "Consegna giovedì", Token);
        await serverHad(servers, sales, customer, first);
        var before = (await servers.WaitForAsync(customer, 0)).Count;

        var sent = await MailTestKit.Sender(db, database).SendDueAsync("restarted", Token);
        var received = await servers.WaitForAsync(customer, before + 1);
        await Task.Delay(1500, Token); // the first, were it sent again, still on its way through Postfix
        received = await servers.WaitForAsync(customer, before + 1);

        Assert.Equal(2, sent);
        // The second once; the first only as often as the customer had it before the kill (never a second time).
        Assert.Equal(before + 1, received.Count);
        Assert.Single(received, m => m.Subject == "Fattura corretta");
        Assert.Equal(before, received.Count(m => m.Subject == "Consegna giovedì"));
        Assert.All(await db.Outbox.AsNoTracking().ToListAsync(Token), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    /// Every message sent leaves a copy in the mailbox (on the envelope, not in the headers the customer sees), and the
    /// fetcher knows its own copies: nothing is stored or queued for them.
    [Fact]
    public async Task EachSentMessage_LeavesItsCopyInTheMailbox_WhichTheFetcherKnowsAsOurs()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        await Books.InteractionLog(db, database.Clock).SendAsync(giulia, ninoId, new InteractionInput("email", "outbound", null, "Listino 2027", "Gentile Nino, ecco il listino."), cancellationToken: Token);
        Assert.Equal(1, await MailTestKit.Sender(db, database).SendDueAsync("test", Token));

        var delivered = Assert.Single(await servers.WaitForAsync(customer, 1));
        var copy = Assert.Single(await servers.WaitForAsync(sales, 1));
        Assert.Equal(delivered.MessageId, copy.MessageId);
        Assert.DoesNotContain(delivered.To.Mailboxes.Concat(delivered.Cc.Mailboxes), m => string.Equals(m.Address, sales, StringComparison.OrdinalIgnoreCase));
        Assert.False(delivered.Headers.Contains(HeaderId.Bcc));
        var interactions = await db.Interactions.CountAsync(Token);

        var fetched = await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);

        Assert.Equal((0, 1, 0), (fetched.Stored, fetched.Duplicates, fetched.Unmatched));
        Assert.Equal(interactions, await db.Interactions.CountAsync(Token));
        Assert.Empty(await db.InboundMail.AsNoTracking().ToListAsync(Token));
    }

    /// A failure report about our own copy only (the team mailbox was full) says nothing against the customer's mail:
    /// it is set aside, and the reply stays delivered.
    [Fact]
    public async Task AReportThatOnlyOurOwnCopyFailed_LeavesTheReplyDelivered()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        await Books.InteractionLog(db, database.Clock).SendAsync(giulia, ninoId, new InteractionInput("email", "outbound", null, "Listino 2027", "Gentile Nino, in allegato il listino."), cancellationToken: Token);
        await MailTestKit.Sender(db, database).SendDueAsync("test", Token);
        var original = Assert.Single(await servers.WaitForAsync(customer, 1));
        Assert.Single(await servers.WaitForAsync(sales, 1)); // the copy, fetched below as ours

        await servers.AppendAsync(sales, Raw(FailureReport(original, failed: sales.ToUpperInvariant(), to: sales, "mx.ourco.test")));
        var fetched = await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);

        Assert.Equal((0, 1, 1), (fetched.Stored, fetched.Duplicates, fetched.Dismissed));
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.AsNoTracking().SingleAsync(Token)).Status);
        Assert.Empty(await db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == giulia.UserId).ToListAsync(Token));
    }

    /// A delivery failure report (RFC 3464) from a receiving server: the original returned, one recipient failed.
    private static MimeMessage FailureReport(MimeMessage original, string failed, string to, string mta)
    {
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Delivery to the following recipient failed permanently." } };
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; " + mta } });
        status.StatusGroups.Add(new HeaderList { { "Final-Recipient", "rfc822; " + failed }, { "Action", "failed" }, { "Status", "5.2.2" }, { "Diagnostic-Code", "smtp; 552 5.2.2 Mailbox full" } });
        report.Add(status);
        report.Add(new MessagePart { Message = original });
        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", Body = report };
        bounce.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@" + mta));
        bounce.To.Add(MailboxAddress.Parse(to));
        return bounce;
    }

    /// A server that cannot be reached is tried again later. The message queued in the same unit of work as the send (its
    /// attempt counted by the claim, not on the copy in hand) once failed here on a negative index instead.
    [Fact]
    public async Task AServerThatCannotBeReached_IsTriedAgainAMinuteLater_EvenForAMessageQueuedInTheSameUnitOfWork()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailbox = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!;
        // Nothing listens on port 9 (discard) here: the connection is refused.
        (await db.Mailboxes.SingleAsync(m => m.Id == mailbox.Id, Token)).SmtpPort = 9;
        await db.SaveChangesAsync(Token);
        await Books.InteractionLog(db, database.Clock).SendAsync(giulia, ninoId, new InteractionInput("email", "outbound", null, "Listino 2027", "Gentile Nino, in allegato il listino."), cancellationToken: Token);

        Assert.Equal(0, await MailTestKit.Sender(db, database).SendDueAsync("test", Token));

        var outbox = await db.Outbox.AsNoTracking().SingleAsync(Token);
        Assert.Equal((OutboxStatus.Queued, 1), (outbox.Status, outbox.Attempts));
        Assert.Equal(database.Clock.GetUtcNow().AddMinutes(1), outbox.NextAttemptAt);
        Assert.False(string.IsNullOrEmpty(outbox.LastError));
    }

    [Fact]
    public async Task ABounceForMailWeSent_MarksItNotDelivered_AndTellsItsAuthor()
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var sales = servers.NewAddress("sales");
        var customer = servers.NewAddress("nino");
        var (ninoId, giulia) = await SeedAsync(database, customer);
        await using var db = database.NewContext();
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        var queued = await Books.InteractionLog(db, database.Clock).SendAsync(giulia, ninoId, new InteractionInput("email", "outbound", null, "Listino 2027", "Gentile Nino, in allegato il listino."), cancellationToken: Token);
        await MailTestKit.Sender(db, database).SendDueAsync("test", Token);
        var original = Assert.Single(await servers.WaitForAsync(customer, 1));

        await servers.AppendAsync(sales, Raw(FailureReport(original, failed: customer, to: sales, "mx.trattoria.test")));
        var fetched = await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);

        Assert.Equal((0, 1), (fetched.Stored, fetched.Dismissed));
        var outbox = await db.Outbox.AsNoTracking().SingleAsync(Token);
        Assert.Equal(OutboxStatus.Failed, outbox.Status);
        Assert.Contains("Mailbox full", outbox.LastError, StringComparison.Ordinal);
        Assert.Equal(Delivery.Failed, (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == queued.Value!.Id, Token)).Delivery);
        var told = await db.Notifications.AsNoTracking().SingleAsync(n => n.RecipientUserId == giulia.UserId, Token);
        Assert.Equal(Notifications.NotificationKind.MailFailed, told.Kind);
        // Stored in English by the fetch, read in the reader's language.
        Assert.StartsWith("“Listino 2027” was not delivered to " + customer, told.Subject, StringComparison.Ordinal);
        Assert.StartsWith("«Listino 2027» non è stato consegnato a " + customer, Localization.InCulture.Run("it", () => Localization.StoredText.Read(told.Subject)), StringComparison.Ordinal);
        Assert.Equal(InboundReason.Bounce, (await db.InboundMail.AsNoTracking().SingleAsync(Token)).Reason);
    }

    private static MimeMessage Mail(string from, string to, string subject, string text) => MailServers.Message(from, to, subject, text);

    /// 25 MB of photos, more than a message may have (20 MB by default).
    private static MimePart Attachment() =>
        new("application", "zip") { FileName = "foto.zip", Content = new MimeContent(new MemoryStream(RandomNumberGenerator.GetBytes(25 * 1024 * 1024))) };

    private static byte[] Raw(MimeMessage message) => MailServers.Raw(message);

    private static async Task<(int CustomerId, Viewer Rep)> SeedAsync(TestDatabase database, string contactEmail)
    {
        var (repId, userId) = await database.AddRepAsync("giulia@ourco.example");
        await using var db = database.NewContext();
        var nino = await new CustomerDirectory(db, database.Clock).CreateAsync(Viewer.System,
            new CustomerInput("Trattoria Da Nino", PreferredLanguage: "it", AssignedRepId: repId), [new ContactInput("Nino Esposito", contactEmail)], Token);
        return (nino.Value!.Id, new Viewer(userId, false));
    }
}
