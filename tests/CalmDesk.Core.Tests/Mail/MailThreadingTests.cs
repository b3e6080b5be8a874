using System.Text;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

public sealed class MailThreadingTests
{
    private const string Complaint =
        "From: Nino Esposito <nino@trattoria.example>\r\nTo: sales@ourco.example\r\nSubject: Consegna sbagliata\r\n" +
        "Date: Fri, 30 Oct 2026 09:15:00 +0100\r\nMessage-ID: <first@trattoria.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        "Avete consegnato i cartoni sbagliati, di nuovo. Voglio una soluzione oggi.\r\n";

    /// The mailbox a reply waits to go through is disconnected: the reply says it was not sent, and its author is told,
    /// instead of staying in the outbox for good once its queue row leaves with the mailbox.
    [Theory]
    [AllDatabases]
    public async Task AMailboxDisconnectedWithAReplyWaiting_MarksTheReplyNotSent_AndTellsItsAuthor(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var mailbox = await MailTestKit.AddOfflineMailboxAsync(db, database);
        await Import(db, database, Complaint);
        var @case = await db.Cases.AsNoTracking().SingleAsync(cancel);
        var reply = await Books.CaseGuide(database, db).SendReplyAsync(fixture.Giulia, @case.Id, null, "Gentile Nino, domani mattina arrivano i cartoni giusti.", cancellationToken: cancel);

        Assert.True(await MailTestKit.Book(db, database).DeleteAsync(mailbox, cancel));

        await using var look = database.NewContext();
        var stored = await look.Interactions.AsNoTracking().SingleAsync(i => i.Id == reply.Value!.Id, cancel);
        var told = await look.Notifications.AsNoTracking().Where(n => n.Kind == Notifications.NotificationKind.MailFailed).ToListAsync(cancel);
        Assert.Equal(Delivery.Queued, reply.Value!.Delivery);
        Assert.Equal(Delivery.Failed, stored.Delivery);
        Assert.Empty(await look.Outbox.AsNoTracking().ToListAsync(cancel));
        var notice = Assert.Single(told);
        Assert.Contains("disconnected", Localization.StoredText.Read(notice.Subject), StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task Reply_IsQueuedInReplyToTheCustomer_AndTheirAnswerFromAColleagueJoinsTheSameCase(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var mailbox = await MailTestKit.AddOfflineMailboxAsync(db, database);
        await Import(db, database, Complaint);
        var @case = await db.Cases.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);

        var reply = await Books.CaseGuide(database, db).SendReplyAsync(fixture.Giulia, @case.Id, null, "Gentile Nino, domani mattina arrivano i cartoni giusti.", cancellationToken: TestContext.Current.CancellationToken);
        var queued = await db.Outbox.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var answer =
            "From: Maria Esposito <maria@trattoria.example>\r\nTo: sales@ourco.example\r\nSubject: Re: Consegna sbagliata\r\n" +
            $"Date: Mon, 2 Nov 2026 11:00:00 +0100\r\nMessage-ID: <second@trattoria.example>\r\nIn-Reply-To: <{queued.MessageId}>\r\nReferences: <first@trattoria.example> <{queued.MessageId}>\r\n\r\n" +
            "Va bene, grazie. Aspettiamo domattina.\r\n";
        await Import(db, database, answer);

        Assert.Equal(Delivery.Queued, reply.Value!.Delivery);
        Assert.Equal("<" + queued.MessageId + ">", reply.Value.ExternalId);
        Assert.Equal((mailbox, "nino@trattoria.example", "it"), (queued.MailboxId, queued.ToAddress, queued.Language));
        Assert.Equal("<first@trattoria.example>", queued.InReplyTo);
        Assert.Equal("<first@trattoria.example>", queued.References);
        Assert.Equal("Re: Consegna sbagliata", queued.Subject);
        Assert.Contains("<p>Gentile Nino, domani mattina arrivano i cartoni giusti.</p>", queued.HtmlBody, StringComparison.Ordinal);
        var stored = await db.Interactions.AsNoTracking().SingleAsync(i => i.ExternalId == "<second@trattoria.example>", TestContext.Current.CancellationToken);
        Assert.Equal((fixture.Nino, @case.Id, Direction.Inbound, "Maria Esposito"), (stored.CustomerId, stored.CaseId, stored.Direction, stored.AuthorName));
        Assert.Equal(CaseStatus.WaitingOnUs, (await db.Cases.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).Status);
    }

    [Theory]
    [AllDatabases]
    public async Task ReplyOutsideACase_AnswersTheCustomersLatestMail_AfterTheGuard(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        await MailTestKit.AddOfflineMailboxAsync(db, database);
        const string Question =
            "From: Nino Esposito <nino@trattoria.example>\r\nTo: sales@ourco.example\r\nSubject: Orari di consegna\r\nMessage-ID: <orari@trattoria.example>\r\n\r\n" +
            "Buongiorno, a che ora arriva di solito il furgone il giovedì?\r\n";
        await Import(db, database, Question);
        var log = Books.InteractionLog(db, database.Clock);

        var held = await log.ReplyAsync(fixture.Giulia, fixture.Nino, null, "Come le ho già detto, arriva alle 9.", cancellationToken: TestContext.Current.CancellationToken);
        var sent = await log.ReplyAsync(fixture.Giulia, fixture.Nino, null, "Buongiorno Nino, il furgone arriva di solito tra le 9 e le 10.", cancellationToken: TestContext.Current.CancellationToken);
        var hidden = await log.ReplyAsync(fixture.James, fixture.Nino, null, "Buongiorno", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("guard", held.Errors.Keys);
        Assert.Equal(Delivery.Queued, sent.Value!.Delivery);
        var queued = await db.Outbox.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("<orari@trattoria.example>", "Re: Orari di consegna"), (queued.InReplyTo, queued.Subject));
        Assert.True(hidden.NotFound);
    }

    [Theory]
    [AllDatabases]
    public async Task Reply_WithoutAMailboxThatSends_IsRecordedOnly(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        await Import(db, database, Complaint);
        var @case = await db.Cases.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);

        var reply = await Books.CaseGuide(database, db).SendReplyAsync(fixture.Giulia, @case.Id, null, "Gentile Nino, ci pensiamo noi.", cancellationToken: TestContext.Current.CancellationToken);
        var logged = await Books.InteractionLog(db, database.Clock).AddAsync(fixture.Giulia, fixture.Nino,
            new InteractionInput("email", "outbound", null, "Copia", "Mandata da Outlook."), TestContext.Current.CancellationToken);

        Assert.Equal(Delivery.RecordedOnly, reply.Value!.Delivery);
        Assert.Null(logged.Value!.Delivery);
        Assert.Empty(await db.Outbox.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task Subject_JoinsAnOpenCase_OnlyWhenTheMessageHasNoThreadHeaders(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        await Import(db, database, Complaint);
        var caseId = (await db.Cases.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).Id;
        const string Headers = "From: Nino Esposito <nino@trattoria.example>\r\nTo: sales@ourco.example\r\nSubject: RE: Consegna sbagliata\r\nDate: Sat, 31 Oct 2026 10:00:00 +0100\r\n";

        await Import(db, database, Headers + "Message-ID: <plain@trattoria.example>\r\n\r\nVi mando il nuovo indirizzo per le fatture: via Roma 3.\r\n");
        await Import(db, database, Headers + "Message-ID: <elsewhere@trattoria.example>\r\nIn-Reply-To: <unknown@elsewhere.example>\r\n\r\nVi mando il nuovo indirizzo per le fatture: via Roma 3.\r\n");

        var plain = await db.Interactions.AsNoTracking().SingleAsync(i => i.ExternalId == "<plain@trattoria.example>", TestContext.Current.CancellationToken);
        var elsewhere = await db.Interactions.AsNoTracking().SingleAsync(i => i.ExternalId == "<elsewhere@trattoria.example>", TestContext.Current.CancellationToken);
        Assert.Equal(caseId, plain.CaseId);
        Assert.NotEqual(caseId, elsewhere.CaseId);
    }

    [Theory]
    [AllDatabases]
    public async Task FetchedMail_FromAStrangerQuotingAConversation_OrFromOurOwnAddress_WaitsForARep(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        await Import(db, database, Complaint);
        var reader = new MailReader(db, await CustomerMatcher.LoadAsync(db, TestContext.Current.CancellationToken), new HashSet<string>(["sales@ourco.example"]));
        const string Reply = "To: sales@ourco.example\r\nSubject: Re: Consegna sbagliata\r\nIn-Reply-To: <first@trattoria.example>\r\n";

        var stranger = await Read(reader, database, "From: someone@elsewhere.example\r\nMessage-ID: <s@elsewhere.example>\r\n" + Reply + "\r\nSiete dei ladri.\r\n");
        var colleague = await Read(reader, database, "From: Maria <maria@trattoria.example>\r\nMessage-ID: <m@trattoria.example>\r\n" + Reply + "\r\nCi pensate voi?\r\n");
        var forged = await Read(reader, database, "From: giulia@ourco.example\r\nMessage-ID: <g@ourco.example>\r\n" + Reply + "\r\nTutto risolto.\r\n");
        var away = await Read(reader, database, "From: nino@trattoria.example\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <a@trattoria.example>\r\n" + Reply + "\r\nSono in ferie fino al 10.\r\n");

        Assert.Equal((MailReadingKind.Unmatched, InboundReason.StrangerInThread), (stranger.Kind, stranger.Reason));
        Assert.Equal((MailReadingKind.Interaction, fixture.Nino), (colleague.Kind, colleague.Interaction!.CustomerId));
        Assert.NotNull(colleague.Interaction.CaseId);
        Assert.Equal((MailReadingKind.Unmatched, InboundReason.OwnAddress), (forged.Kind, forged.Reason));
        Assert.Equal(MailReadingKind.Automatic, away.Kind);
    }

    [Fact]
    public void Subjects_LoseTheReplyAndForwardPrefixesOfEveryLanguage()
    {
        Assert.Equal("Consegna sbagliata", Subjects.Strip("R: I: Consegna sbagliata"));
        Assert.Equal("Παράδοση", Subjects.Strip("ΑΠ: ΣΧΕΤ: Παράδοση"));
        Assert.Equal("Re: Lieferung", Subjects.Reply("AW: WG: Lieferung"));
        Assert.Equal("Return policy", Subjects.Strip("Return policy"));
    }

    private static async Task<MailReading> Read(MailReader reader, TestDatabase database, string eml) =>
        await reader.ReadAsync(await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(eml)), TestContext.Current.CancellationToken),
            database.Clock.GetUtcNow(), null, TestContext.Current.CancellationToken);

    private static async Task Import(CalmDeskDbContext db, TestDatabase database, string eml)
    {
        var report = await Books.MailImport(db, database.Clock).RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(eml)), mbox: false, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, report.Imported);
    }
}
