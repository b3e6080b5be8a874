namespace CalmDesk.Mail;

/// <summary>
/// A connected mailbox (a team address such as sales@, or a rep's own): CalmDesk fetches what arrives in its folder over
/// IMAP and sends the product's mail through its SMTP server. The password or OAuth2 access token is stored encrypted
/// with ASP.NET Core Data Protection and never shown again.
/// </summary>
internal sealed class Mailbox
{
    public const int MaxErrorLength = 1000;

    public int Id { get; set; }

    /// What people call it: "Sales", "Giulia's mailbox".
    public required string Name { get; set; }

    /// The address customers write to and our mail comes from.
    public required string Address { get; set; }

    /// The name shown beside the address on mail we send ("Acme Sales").
    public string? DisplayName { get; set; }

    public required string ImapHost { get; set; }

    public int ImapPort { get; set; }

    public MailSecurity ImapSecurity { get; set; }

    /// The folder fetched, INBOX unless the admin names another.
    public string Folder { get; set; } = "INBOX";

    public required string UserName { get; set; }

    public MailAuthentication Authentication { get; set; }

    /// The password or access token, encrypted by <see cref="MailSecrets"/>.
    public required string ProtectedSecret { get; set; }

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; }

    public MailSecurity SmtpSecurity { get; set; }

    /// Whether mail the product sends with no other mailbox to answer from goes through this one.
    public bool IsDefaultSender { get; set; }

    public bool Enabled { get; set; } = true;

    /// The folder's UIDVALIDITY when it was last read; a change means the server renumbered it.
    public long UidValidity { get; set; }

    /// The highest UID stored (with its message, in the same transaction), so a fetch after a crash resumes after it.
    public long LastUid { get; set; }

    public int FetchedCount { get; set; }

    public DateTimeOffset? LastFetchAt { get; set; }

    /// Set by "Fetch now" (the page, the API) on any instance; the instance that holds the mailbox's lease fetches it at
    /// its next pass, within seconds, and clears it.
    public DateTimeOffset? FetchRequestedAt { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool CanSend => !string.IsNullOrWhiteSpace(SmtpHost) && Enabled;
}

/// How the connection to a mail server is protected.
internal enum MailSecurity
{
    /// TLS from the first byte (IMAP 993, SMTP 465).
    Tls,

    /// A plain connection upgraded with STARTTLS before logging in (IMAP 143, SMTP 587); refused if the server cannot.
    StartTls,

    /// No encryption: allowed only for a server on this machine (loopback), such as a local relay or a test server.
    None,
}

/// How CalmDesk logs in.
internal enum MailAuthentication
{
    Password,

    /// An OAuth2 access token (XOAUTH2), as Microsoft 365 and Gmail require.
    OAuth2,
}
