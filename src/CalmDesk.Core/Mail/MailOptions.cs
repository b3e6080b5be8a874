namespace CalmDesk.Mail;

/// Settings of the mail section: how often mailboxes are read and the outbox is sent, and what is too large to keep.
internal sealed class MailOptions
{
    /// Seconds between two fetches of a mailbox, and between two passes of the outbox.
    public int PollSeconds { get; set; } = 60;

    /// A message larger than this (with its attachments) is kept with its headers only and reported.
    public int MaxMessageMegabytes { get; set; } = 20;

    public long MaxMessageBytes => MaxMessageMegabytes * 1024L * 1024L;

    /// How long a sender's claim on an outbox message holds: a send takes seconds, so an older claim belongs to an
    /// instance that died, and another takes the message over (and may send it a second time, with the same Message-ID).
    public int ClaimSeconds { get; set; } = 300;

    /// Whether each message sent through a mailbox is also addressed (on the envelope only, not in its headers) to that
    /// mailbox itself: the SMTP server then files a copy in the fetched folder in the same transaction as the customer's,
    /// so a send cut short by a crash is found there and not sent again, on any server. The fetcher recognises its own
    /// copies by Message-ID and stores nothing for them. Off only where the team does not want the copies in the folder.
    public bool CopyToOwnMailbox { get; set; } = true;

    /// The first fetch of a mailbox reads the mail of this many days back, not its whole history.
    public int FirstFetchDays { get; set; } = 14;
}
