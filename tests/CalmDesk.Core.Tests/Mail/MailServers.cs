using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace CalmDesk.Mail;

/// <summary>
/// The real IMAP (Dovecot) and SMTP (Postfix) servers on loopback that .ci/mail-servers.sh starts, named by the
/// CALMDESK_TEST_IMAP_* and CALMDESK_TEST_SMTP_* variables; required under CI=true, skipped otherwise. Every address
/// of the test domain is a mailbox with the same password, so each test writes to mailboxes of its own.
/// </summary>
internal sealed record MailServers(string ImapHost, int ImapPort, string SmtpHost, int SmtpPort, string Domain, string Password)
{
    public static MailServers Require()
    {
        var imap = Environment.GetEnvironmentVariable("CALMDESK_TEST_IMAP_HOST");
        if (string.IsNullOrEmpty(imap))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true but CALMDESK_TEST_IMAP_HOST is not set: run .ci/mail-servers.sh first.");
            }

            Assert.Skip("Mail servers not configured (run .ci/mail-servers.sh and set CALMDESK_TEST_IMAP_HOST and friends).");
        }

        return new MailServers(
            imap, int.Parse(Environment.GetEnvironmentVariable("CALMDESK_TEST_IMAP_PORT") ?? "143", System.Globalization.CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("CALMDESK_TEST_SMTP_HOST") ?? imap,
            int.Parse(Environment.GetEnvironmentVariable("CALMDESK_TEST_SMTP_PORT") ?? "25", System.Globalization.CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("CALMDESK_TEST_MAIL_DOMAIN") ?? "calmdesk.test",
            Environment.GetEnvironmentVariable("CALMDESK_TEST_MAIL_PASSWORD") ?? "calmdesk-test");
    }

    /// A mailbox nobody else uses: "sales-1a2b3c4d5e@calmdesk.test".
    public string NewAddress(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}@{Domain}";

    public MailboxInput Mailbox(string address, string? password = null) =>
        new("Sales", address, ImapHost, address, password ?? Password, ImapPort, "none", SmtpHost: SmtpHost, SmtpPort: SmtpPort, SmtpSecurity: "none", DisplayName: "Ourco Sales");

    /// Delivers a message through the SMTP server, as a customer's mail provider would.
    public async Task SendAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(SmtpHost, SmtpPort, SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await smtp.SendAsync(message, TestContext.Current.CancellationToken);
        await smtp.DisconnectAsync(true, TestContext.Current.CancellationToken);
    }

    /// Delivers a message to the given envelope recipients, whatever its headers say (as our sender does with its copy).
    public async Task SendAsync(MimeMessage message, MailboxAddress sender, IEnumerable<MailboxAddress> recipients)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(SmtpHost, SmtpPort, SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await smtp.SendAsync(message, sender, recipients, TestContext.Current.CancellationToken);
        await smtp.DisconnectAsync(true, TestContext.Current.CancellationToken);
    }

    /// Puts raw bytes straight into a mailbox's INBOX (IMAP APPEND): for what no SMTP server would pass on.
    public async Task AppendAsync(string address, byte[] raw, SpecialFolder? folder = null)
    {
        using var imap = await LoginAsync(address);
        using var stream = new MemoryStream(raw);
        var target = folder is { } special ? imap.GetFolder(special) ?? throw new InvalidOperationException($"No {special} folder.") : imap.Inbox;
        await target.AppendAsync(new AppendRequest(MimeMessage.Load(stream)), TestContext.Current.CancellationToken);
        await imap.DisconnectAsync(true, TestContext.Current.CancellationToken);
    }

    /// Waits until the mailbox's INBOX holds at least the given number of messages (delivery is asynchronous), and returns them.
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count, TimeSpan? timeout = null)
    {
        var until = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var imap = await LoginAsync(address);
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, TestContext.Current.CancellationToken);
            var messages = new List<MimeMessage>();
            foreach (var uid in await imap.Inbox.SearchAsync(SearchQuery.All, TestContext.Current.CancellationToken))
            {
                messages.Add(await imap.Inbox.GetMessageAsync(uid, TestContext.Current.CancellationToken));
            }

            await imap.DisconnectAsync(true, TestContext.Current.CancellationToken);
            if (messages.Count >= count || TimeProvider.System.GetUtcNow() > until)
            {
                return messages;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// A plain-text message with a fresh Message-ID.
    public static MimeMessage Message(string from, string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Date = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("test.example") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    public static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private async Task<ImapClient> LoginAsync(string address)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(ImapHost, ImapPort, SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await imap.AuthenticateAsync(address, Password, TestContext.Current.CancellationToken);
        return imap;
    }
}
