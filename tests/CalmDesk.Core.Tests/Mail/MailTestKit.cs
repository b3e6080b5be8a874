using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.AspNetCore.DataProtection;

namespace CalmDesk.Mail;

/// Builds the mail services over a test database as the program wires them, with a real (ephemeral) Data Protection key.
internal static class MailTestKit
{
    public static MailSecrets Secrets { get; } = new(new EphemeralDataProtectionProvider());

    public static MailConnections Connections { get; } = new(Secrets);

    public static MailFetcher Fetcher(CalmDeskDbContext db, TestDatabase database, int maxMegabytes = 20) =>
        new(db, Connections, new MessageIntake(db), database.Clock, Microsoft.Extensions.Options.Options.Create(new MailOptions { MaxMessageMegabytes = maxMegabytes }), Store(db, database));

    /// Attachments in a folder of the test's own (files on SQLite, a table on PostgreSQL).
    public static AttachmentStore Store(CalmDeskDbContext db, TestDatabase database) =>
        new(db, database.Settings, Path.Combine(Path.GetTempPath(), "calmdesk-tests", "attachments-" + database.Settings.ConnectionString.GetHashCode(StringComparison.Ordinal).ToString("x", System.Globalization.CultureInfo.InvariantCulture)), database.Clock);

    public static MailSender Sender(CalmDeskDbContext db, TestDatabase database) => new(db, Connections, database.Clock);

    public static MailboxBook Book(CalmDeskDbContext db, TestDatabase database) => new(db, Secrets, Connections, new MessageIntake(db), new Customers.CustomerDirectory(db, database.Clock), database.Clock);

    /// A mailbox on a server that does not exist: enough for the outbox to queue, never to send.
    public static async Task<int> AddOfflineMailboxAsync(CalmDeskDbContext db, TestDatabase database, string address = "sales@ourco.example")
    {
        var added = await Book(db, database).AddAsync(
            new MailboxInput("Sales", address, "imap.ourco.example", address, "secret", SmtpHost: "smtp.ourco.example"), TestContext.Current.CancellationToken);
        return added.Value!.Id;
    }
}
