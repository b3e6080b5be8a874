using System.Net;
using CalmDesk.Localization;
using MimeKit;

namespace CalmDesk.Mail;

/// What an admin gives to connect a mailbox. The secret is the password or OAuth2 access token; on a change, an empty
/// secret keeps the stored one.
internal sealed record MailboxInput(
    string? Name,
    string? Address,
    string? ImapHost,
    string? UserName,
    string? Secret,
    int? ImapPort = null,
    string? ImapSecurity = null,
    string? Folder = null,
    string? Authentication = null,
    string? SmtpHost = null,
    int? SmtpPort = null,
    string? SmtpSecurity = null,
    string? DisplayName = null,
    bool? IsDefaultSender = null,
    bool? Enabled = null)
{
    public Dictionary<string, string[]> Validate(bool secretRequired)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "name", Name, 100, Messages.Get("The mailbox needs a name, such as Sales."));
        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 254 || !MailboxAddress.TryParse(Address.Trim(), out var parsed) || parsed.Domain.Length == 0)
        {
            errors["address"] = [Messages.Format("'{0}' is not an email address.", Address ?? "")];
        }

        Required(errors, "imapHost", ImapHost, 253, Messages.Get("The IMAP server is required, such as imap.example.com."));
        Required(errors, "userName", UserName, 254, Messages.Get("The user name to log in with is required (often the address)."));
        if (secretRequired && string.IsNullOrEmpty(Secret))
        {
            errors["secret"] = [Messages.Get("The password or access token is required.")];
        }
        else if (Secret is { Length: > 4000 })
        {
            errors["secret"] = [Messages.Get("The password or access token must be at most 4,000 characters.")];
        }

        Choice<MailSecurity>(errors, "imapSecurity", ImapSecurity);
        Choice<MailSecurity>(errors, "smtpSecurity", SmtpSecurity);
        Choice<MailAuthentication>(errors, "authentication", Authentication);
        Port(errors, "imapPort", ImapPort);
        Port(errors, "smtpPort", SmtpPort);
        if (Folder is { Length: > 200 })
        {
            errors["folder"] = [Messages.Get("The folder name must be at most 200 characters.")];
        }

        if (SmtpHost is { Length: > 253 })
        {
            errors["smtpHost"] = [Messages.Get("The SMTP server's name must be at most 253 characters.")];
        }

        if (DisplayName is { Length: > 100 })
        {
            errors["displayName"] = [Messages.Get("The name shown on sent mail must be at most 100 characters.")];
        }

        // Passwords never cross the network in clear text, except to a server on this very machine.
        if (Parse<MailSecurity>(ImapSecurity, MailSecurity.Tls) == MailSecurity.None && !IsLoopback(ImapHost))
        {
            errors["imapSecurity"] = [Messages.Get("Without TLS only a server on this machine (localhost) is allowed; choose TLS or STARTTLS.")];
        }

        if (!string.IsNullOrWhiteSpace(SmtpHost) && Parse<MailSecurity>(SmtpSecurity, MailSecurity.StartTls) == MailSecurity.None && !IsLoopback(SmtpHost))
        {
            errors["smtpSecurity"] = [Messages.Get("Without TLS only a server on this machine (localhost) is allowed; choose TLS or STARTTLS.")];
        }

        return errors;
    }

    /// Copies the input onto the mailbox (new or stored); the secret only when one is given.
    public void Apply(Mailbox mailbox, MailSecrets secrets)
    {
        mailbox.Name = Name!.Trim();
        mailbox.Address = Address!.Trim();
        mailbox.DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim();
        mailbox.ImapHost = ImapHost!.Trim();
        mailbox.ImapSecurity = Parse(ImapSecurity, MailSecurity.Tls);
        mailbox.ImapPort = ImapPort ?? (mailbox.ImapSecurity == MailSecurity.Tls ? 993 : 143);
        mailbox.Folder = string.IsNullOrWhiteSpace(Folder) ? "INBOX" : Folder.Trim();
        mailbox.UserName = UserName!.Trim();
        mailbox.Authentication = Parse(Authentication, MailAuthentication.Password);
        if (!string.IsNullOrEmpty(Secret))
        {
            mailbox.ProtectedSecret = secrets.Protect(Secret);
        }

        mailbox.SmtpHost = string.IsNullOrWhiteSpace(SmtpHost) ? null : SmtpHost.Trim();
        mailbox.SmtpSecurity = Parse(SmtpSecurity, MailSecurity.StartTls);
        mailbox.SmtpPort = SmtpPort ?? mailbox.SmtpSecurity switch { MailSecurity.Tls => 465, MailSecurity.StartTls => 587, _ => 25 };
        mailbox.IsDefaultSender = IsDefaultSender ?? mailbox.IsDefaultSender;
        mailbox.Enabled = Enabled ?? mailbox.Enabled;
    }

    public static bool IsLoopback(string? host) =>
        host is not null && (host.Trim().Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim(), out var address) && IPAddress.IsLoopback(address)));

    private static T Parse<T>(string? text, T fallback)
        where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : fallback;

    private static void Choice<T>(Dictionary<string, string[]> errors, string field, string? text)
        where T : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(text) && !(Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value)))
        {
            errors[field] = [Messages.Format("The value must be one of {0}.", string.Join(", ", Enum.GetNames<T>()))];
        }
    }

    private static void Port(Dictionary<string, string[]> errors, string field, int? port)
    {
        if (port is < 1 or > 65535)
        {
            errors[field] = [Messages.Get("A port is a number from 1 to 65535.")];
        }
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, int max, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [message];
        }
        else if (value.Length > max)
        {
            errors[field] = [Messages.Format("At most {0} characters.", max)];
        }
    }
}
