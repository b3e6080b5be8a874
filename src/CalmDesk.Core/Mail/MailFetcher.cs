using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace CalmDesk.Mail;

/// <summary>
/// Reads what arrived in a mailbox's folder since the last fetch and passes each message through
/// <see cref="MessageIntake"/>. Messages are keyed by the folder's UIDVALIDITY and UID and by Message-ID: each one is
/// stored in the same transaction as the mailbox's new high-water UID, so a fetch killed at any point resumes without
/// losing or repeating a message. One that is unreadable or too large is kept with the reason; one from nobody known
/// waits in the unmatched queue; neither stops the mailbox.
/// </summary>
internal sealed class MailFetcher(CalmDeskDbContext db, MailConnections connections, MessageIntake intake, TimeProvider clock, IOptions<MailOptions>? options = null)
{
    /// Messages read in one pass; the rest wait for the next.
    public const int BatchSize = 200;

    private readonly MailOptions settings = options?.Value ?? new MailOptions();

    public async Task<FetchReport> FetchAsync(int mailboxId, CancellationToken cancellationToken)
    {
        var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == mailboxId, cancellationToken);
        var report = new FetchReport();
        try
        {
            using var imap = await connections.OpenImapAsync(mailbox, cancellationToken);
            var folder = await imap.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            if (folder.UidValidity != mailbox.UidValidity)
            {
                // The server renumbered the folder: read it again from the start; Message-IDs keep what is stored once.
                mailbox.UidValidity = folder.UidValidity;
                mailbox.LastUid = 0;
                await db.SaveChangesAsync(cancellationToken);
            }

            var after = (uint)Math.Min(mailbox.LastUid, uint.MaxValue - 1);
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(after + 1), UniqueId.MaxValue)), cancellationToken))
                .Where(u => u.Id > after).OrderBy(u => u.Id).Take(BatchSize).ToList();
            if (uids.Count > 0)
            {
                var sizes = (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
                    .ToDictionary(s => s.UniqueId.Id, s => (long)(s.Size ?? 0));
                var own = (await db.Mailboxes.Select(m => m.Address).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var reader = new MailReader(db, await CustomerMatcher.LoadAsync(db, cancellationToken), own);
                foreach (var uid in uids)
                {
                    await StoreAsync(mailbox.Id, folder, uid, sizes.GetValueOrDefault(uid.Id), reader, report, cancellationToken);
                }

                report.More = uids.Count == BatchSize;
                mailbox = await db.Mailboxes.SingleAsync(m => m.Id == mailboxId, cancellationToken);
            }

            mailbox.LastFetchAt = clock.GetUtcNow();
            mailbox.LastError = null;
            await db.SaveChangesAsync(cancellationToken);
            await imap.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception exception) when (MailConnections.IsMailProblem(exception) && !cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            report.Error = MailConnections.Describe(exception);
            await db.Mailboxes.Where(m => m.Id == mailboxId).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LastError, Excerpts.Fit(report.Error, Mailbox.MaxErrorLength)).SetProperty(m => m.LastErrorAt, clock.GetUtcNow()),
                cancellationToken);
        }

        return report;
    }

    /// Stores one message (or its reason for not being one) with the mailbox's new high-water mark, in one transaction.
    private async Task StoreAsync(int mailboxId, IMailFolder folder, UniqueId uid, long size, MailReader reader, FetchReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == mailboxId, cancellationToken);
        if (mailbox.LastUid >= uid.Id)
        {
            return; // another instance stored it meanwhile
        }

        mailbox.LastUid = uid.Id;
        if (size > settings.MaxMessageBytes)
        {
            var headers = await folder.GetHeadersAsync(uid, cancellationToken);
            Keep(mailbox, uid, headers, [], InboundMailState.Broken, now, Messages.Format(
                "It is {0:N1} MB, more than the {1} MB a message may have; only its headers were kept. Ask the sender for a link or smaller files.",
                size / 1024d / 1024d, settings.MaxMessageMegabytes));
            report.Broken++;
        }
        else
        {
            byte[] raw;
            using (var stream = await folder.GetStreamAsync(uid, string.Empty, cancellationToken))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy, cancellationToken);
                raw = copy.ToArray();
            }

            MimeMessage? message = null;
            string? problem = null;
            try
            {
                message = await MimeMessage.LoadAsync(new MemoryStream(raw), cancellationToken);
            }
            catch (FormatException exception)
            {
                problem = Messages.Format("It is not readable as mail: {0}", exception.Message);
            }

            var reading = message is null ? MailReading.Refused(problem!) : await reader.ReadAsync(message, now, mailbox.Id, cancellationToken);
            if (reading.Interaction is { } interaction)
            {
                await intake.AcceptAsync(interaction, cancellationToken);
                mailbox.FetchedCount++;
                report.Stored++;
            }
            else if (reading.Duplicate)
            {
                report.Duplicates++;
            }
            else
            {
                Keep(mailbox, uid, message?.Headers, raw, reading.IsUnmatched ? InboundMailState.Unmatched : InboundMailState.Broken, now, reading.Problem,
                    message is null ? null : MailReader.BodyOf(message));
                if (reading.IsUnmatched)
                {
                    report.Unmatched++;
                }
                else
                {
                    report.Broken++;
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored the same message first (its Message-ID or UID is taken): move past it.
            db.ChangeTracker.Clear();
            await db.Mailboxes.Where(m => m.Id == mailboxId && m.LastUid < uid.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUid, uid.Id), cancellationToken);
            report.Duplicates++;
        }

        db.ChangeTracker.Clear();
    }

    private void Keep(Mailbox mailbox, UniqueId uid, HeaderList? headers, byte[] raw, InboundMailState state, DateTimeOffset now, string? problem, string? body = null)
    {
        var from = headers is null ? null : InternetAddressList.TryParse(headers[HeaderId.From] ?? "", out var list) ? list.Mailboxes.FirstOrDefault() : null;
        var date = headers?[HeaderId.Date] is { } text && DateUtils.TryParse(text, out var parsed) ? parsed : now;
        var messageId = headers?[HeaderId.MessageId];
        db.InboundMail.Add(new InboundMail
        {
            MailboxId = mailbox.Id, UidValidity = mailbox.UidValidity, Uid = uid.Id, State = state, FetchedAt = now, ReceivedAt = date > now ? now : date,
            MessageId = messageId is null ? null : Excerpts.Fit(MailReader.Bracket(messageId), 300),
            FromAddress = from is null ? null : Excerpts.Fit(from.Address, 254), FromName = from?.Name is { Length: > 0 } name ? Excerpts.Fit(name, 200) : null,
            Subject = headers?[HeaderId.Subject] is { } subject ? Excerpts.Fit(subject, 300) : null,
            Preview = body is null ? null : Excerpts.Fit(body.Trim(), 1000),
            Problem = problem is null ? null : Excerpts.Fit(problem, 1000),
            Raw = raw.Length <= InboundMail.MaxRawBytes ? raw : [],
        });
    }
}

/// What one fetch of a mailbox did.
internal sealed class FetchReport
{
    public int Stored { get; set; }

    public int Duplicates { get; set; }

    public int Unmatched { get; set; }

    public int Broken { get; set; }

    /// More messages are waiting than one pass reads.
    public bool More { get; set; }

    /// Why the mailbox could not be read, in words; null when it was.
    public string? Error { get; set; }
}
