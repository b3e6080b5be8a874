using System.Net;
using System.Net.Sockets;
using CalmDesk.Localization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CalmDesk.Mail;

/// Opens authenticated IMAP and SMTP connections for a mailbox with MailKit, and words their failures for people.
internal sealed class MailConnections(MailSecrets secrets)
{
    /// How long one network operation may take before the connection is given up.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<ImapClient> OpenImapAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(mailbox.ImapHost, mailbox.ImapPort, Options(mailbox.ImapSecurity), cancellationToken);
            await LoginAsync(client, mailbox, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<SmtpClient> OpenSmtpAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        if (!mailbox.CanSend)
        {
            throw new InvalidOperationException("The mailbox has no SMTP server.");
        }

        var client = new OwnCopySmtpClient(mailbox.Address) { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(mailbox.SmtpHost!, mailbox.SmtpPort, Options(mailbox.SmtpSecurity), cancellationToken);
            // A relay on this machine may take mail without a login and offer none; every real provider asks for one.
            if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                await LoginAsync(client, mailbox, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// Connects to both servers and logs in, as the "Test" button and `calmdesk mailboxes test` do; null when both work.
    public async Task<string?> TestAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        try
        {
            using (var imap = await OpenImapAsync(mailbox, cancellationToken))
            {
                var folder = await imap.GetFolderAsync(mailbox.Folder, cancellationToken);
                await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
                await imap.DisconnectAsync(true, cancellationToken);
            }
        }
        catch (Exception exception) when (IsMailProblem(exception))
        {
            return Messages.Format("IMAP: {0}", Describe(exception));
        }

        if (!mailbox.CanSend)
        {
            return null;
        }

        try
        {
            using var smtp = await OpenSmtpAsync(mailbox, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
            return null;
        }
        catch (Exception exception) when (IsMailProblem(exception))
        {
            return Messages.Format("SMTP: {0}", Describe(exception));
        }
    }

    /// Failures of the server, the network or the credentials, as opposed to bugs.
    public static bool IsMailProblem(Exception exception) =>
        exception is IOException or SocketException or MailKit.Security.AuthenticationException or SslHandshakeException
            or ProtocolException or CommandException or ImapCommandException or SmtpCommandException or SmtpProtocolException
            or FolderNotFoundException or NotSupportedException or TimeoutException or OperationCanceledException { InnerException: TimeoutException };

    /// A sentence for the mailbox's health line and the outbox, without stack traces.
    /// What went wrong, in the reader's language.
    public static string Describe(Exception exception) => StoredText.Read(Stored(exception));

    /// What went wrong as it is stored on the mailbox or the outgoing message (<see cref="StoredText"/>), so each
    /// admin reads it in their own language, whoever's connection or sweep met the problem.
    public static string Stored(Exception exception) => exception switch
    {
        MailKit.Security.AuthenticationException => StoredText.Write("the server refused the user name or the password (or token)."),
        SslHandshakeException => StoredText.Write("the secure connection failed: the server's certificate is not trusted, or it does not speak TLS on that port."),
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => StoredText.Write("the server name was not found: check the host."),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => StoredText.Write("the server refused the connection: check the port."),
        SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException or OperationCanceledException { InnerException: TimeoutException }
            => StoredText.Write("the server did not answer in time: check the host and the port."),
        SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown }
            => StoredText.Write("cannot reach the server from here: check the host and the network."),
        SocketException socket => StoredText.Write("cannot reach the server ({0}).", socket.SocketErrorCode),
        FolderNotFoundException folder => StoredText.Write("the folder {0} does not exist.", folder.FolderName),
        SmtpCommandException smtp => StoredText.Write("the server answered {0}: {1}", (int)smtp.StatusCode, smtp.Message),
        _ => exception.Message,
    };

    private async Task LoginAsync(MailService client, Mailbox mailbox, CancellationToken cancellationToken)
    {
        var secret = secrets.Unprotect(mailbox.ProtectedSecret)
            ?? throw new MailKit.Security.AuthenticationException("The stored secret cannot be decrypted with this installation's keys.");
        if (mailbox.Authentication == MailAuthentication.OAuth2)
        {
            await client.AuthenticateAsync(new SaslMechanismOAuth2(mailbox.UserName, secret), cancellationToken);
        }
        else
        {
            await client.AuthenticateAsync(new NetworkCredential(mailbox.UserName, secret), cancellationToken);
        }
    }

    private static SecureSocketOptions Options(MailSecurity security) => security switch
    {
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}

/// An SMTP client that lets the server refuse the copy addressed to the sending mailbox itself (a send-only address, an
/// alias that takes no mail) without failing the message: only the customer's recipients must be accepted.
internal sealed class OwnCopySmtpClient(string ownAddress) : SmtpClient
{
    protected override void OnRecipientNotAccepted(MimeKit.MimeMessage message, MimeKit.MailboxAddress mailbox, SmtpResponse response)
    {
        if (!string.Equals(mailbox.Address, ownAddress, StringComparison.OrdinalIgnoreCase))
        {
            base.OnRecipientNotAccepted(message, mailbox, response);
        }
    }
}
