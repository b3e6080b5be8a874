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
/// stored in the same transaction as the mailbox's new high-water UID (a concurrency token, so it never moves back),
/// and a fetch killed at any point resumes without losing or repeating a message. Whatever goes wrong with one message
/// (unreadable, too large, from nobody known, refused by the database) is kept with the reason and the mailbox goes on.
/// </summary>
internal sealed class MailFetcher(
    CalmDeskDbContext db, MailConnections connections, MessageIntake intake, TimeProvider clock, IOptions<MailOptions>? options = null, AttachmentStore? attachments = null)
{
    /// Messages read in one pass; the rest wait for the next.
    public const int BatchSize = 200;

    private readonly MailOptions settings = options?.Value ?? new MailOptions();

    public async Task<FetchReport> FetchAsync(int mailboxId, CancellationToken cancellationToken)
    {
        var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == mailboxId, cancellationToken);
        var report = new FetchReport();
        try
        {
            using var imap = await connections.OpenImapAsync(mailbox, cancellationToken);
            var folder = await imap.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var after = await StartAsync(mailbox, folder, cancellationToken);
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
                    await StoreAsync(mailboxId, mailbox.UidValidity, folder, uid, sizes.GetValueOrDefault(uid.Id), reader, report, cancellationToken);
                }

                report.More = uids.Count == BatchSize;
            }

            await db.Mailboxes.Where(m => m.Id == mailboxId).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LastFetchAt, clock.GetUtcNow()).SetProperty(m => m.LastError, (string?)null), cancellationToken);
            await imap.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception exception) when (MailConnections.IsMailProblem(exception) && !cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var stored = MailConnections.Stored(exception);
            report.Error = StoredText.Read(stored);
            await RecordErrorAsync(mailboxId, stored, cancellationToken);
        }

        return report;
    }

    /// Records why a mailbox could not be read, for its health line.
    public async Task RecordErrorAsync(int mailboxId, string error, CancellationToken cancellationToken) =>
        await db.Mailboxes.Where(m => m.Id == mailboxId).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.LastError, Excerpts.Fit(error, Mailbox.MaxErrorLength)).SetProperty(m => m.LastErrorAt, clock.GetUtcNow()),
            CancellationToken.None);

    /// The UID after which to read. A folder read for the first time, or renumbered (UIDVALIDITY changed), starts with
    /// the mail of the last <see cref="MailOptions.FirstFetchDays"/> days rather than its whole history; Message-IDs keep
    /// anything stored before from being stored twice.
    private async Task<uint> StartAsync(Mailbox mailbox, IMailFolder folder, CancellationToken cancellationToken)
    {
        if (folder.UidValidity == mailbox.UidValidity)
        {
            return (uint)Math.Min(mailbox.LastUid, uint.MaxValue - 1);
        }

        var since = clock.GetUtcNow().AddDays(-settings.FirstFetchDays).UtcDateTime;
        var recent = await folder.SearchAsync(SearchQuery.DeliveredAfter(since.Date), cancellationToken);
        var start = recent.Count > 0 ? recent.Min(u => u.Id) - 1 : (folder.UidNext?.Id ?? 1) - 1;
        await db.Mailboxes.Where(m => m.Id == mailbox.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.UidValidity, folder.UidValidity).SetProperty(m => m.LastUid, start), cancellationToken);
        mailbox.UidValidity = folder.UidValidity;
        return start;
    }

    /// Stores one message (or its reason for not being one) with the mailbox's new high-water mark, in one transaction.
    private async Task StoreAsync(
        int mailboxId, long uidValidity, IMailFolder folder, UniqueId uid, long size, MailReader reader, FetchReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == mailboxId, cancellationToken);
        if (mailbox.LastUid >= uid.Id)
        {
            return; // another instance stored it meanwhile
        }

        mailbox.LastUid = uid.Id;
        MimeMessage? message = null;
        byte[] raw = [];
        HeaderList? headers = null;
        try
        {
            (message, raw, headers) = await DownloadAsync(folder, uid, size, cancellationToken);
            var reading = message is null
                ? (size > settings.MaxMessageBytes
                    ? MailReading.Refused(InboundReason.TooLarge, StoredText.Write(
                        "It is {0:N1} MB, more than the {1} MB a message may have, and has no text to keep. Ask the sender for a link or smaller files.",
                        Math.Round(size / 1024m / 1024m, 1), settings.MaxMessageMegabytes))
                    : MailReading.Refused(InboundReason.Unreadable, StoredText.Write("It is not readable as mail.")))
                : await reader.ReadAsync(message, now, mailboxId, cancellationToken);
            await ApplyAsync(mailbox, uidValidity, uid, reading, message, headers, raw, now, report, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !MailConnections.IsMailProblem(exception))
        {
            // The database refused it (another instance stored it first, or its text cannot be stored), or reading it
            // failed: never block the mailbox on one message. Keep it with the error unless it really is stored already.
            db.ChangeTracker.Clear();
            var externalId = message?.From.Mailboxes.FirstOrDefault() is { } from ? MailReader.ExternalIdOf(message, MailReader.BodyOf(message), from.Address) : null;
            var stored = (externalId is not null && await db.Interactions.AnyAsync(i => i.ExternalId == externalId, CancellationToken.None))
                || await db.InboundMail.AnyAsync(m => m.MailboxId == mailboxId && m.UidValidity == uidValidity && m.Uid == uid.Id, CancellationToken.None);
            if (stored)
            {
                report.Duplicates++;
            }
            else
            {
                db.InboundMail.Add(Kept(mailboxId, uidValidity, uid, headers ?? message?.Headers, raw, InboundMailState.Broken, InboundReason.StoreFailed, now,
                    exception.GetBaseException().Message, null));
                await db.SaveChangesAsync(CancellationToken.None);
                report.Broken++;
            }

            await db.Mailboxes.Where(m => m.Id == mailboxId && m.LastUid < uid.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUid, uid.Id), CancellationToken.None);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// The message, whole when it fits the limit; a larger one is read as its headers and text only (its attachments
    /// are not kept), so a known customer's mail still reaches the timeline.
    private async Task<(MimeMessage? Message, byte[] Raw, HeaderList? Headers)> DownloadAsync(IMailFolder folder, UniqueId uid, long size, CancellationToken cancellationToken)
    {
        if (size > settings.MaxMessageBytes)
        {
            var headers = await folder.GetHeadersAsync(uid, cancellationToken);
            var summary = (await folder.FetchAsync([uid], MessageSummaryItems.BodyStructure, cancellationToken)).FirstOrDefault();
            var textPart = summary?.TextBody ?? summary?.HtmlBody;
            if (textPart is null || textPart.Octets > settings.MaxMessageBytes)
            {
                return (null, [], headers);
            }

            var text = (TextPart)await folder.GetBodyPartAsync(uid, textPart, cancellationToken);
            var message = new MimeMessage();
            message.Headers.Clear();
            foreach (var header in headers.Where(h => !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)))
            {
                message.Headers.Add(header.Clone());
            }

            message.Body = new TextPart(text.IsHtml ? "html" : "plain") { Text = text.Text };
            // A flowed text (RFC 3676) keeps its parameters, so MimeKit unwraps it as it does in a whole message.
            foreach (var name in new[] { "format", "delsp" })
            {
                if (text.ContentType.Parameters.TryGetValue(name, out string? value))
                {
                    message.Body.ContentType.Parameters[name] = value;
                }
            }

            return (message, [], headers);
        }

        using var stream = await folder.GetStreamAsync(uid, string.Empty, cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        var raw = copy.ToArray();
        try
        {
            copy.Position = 0;
            return (await MimeMessage.LoadAsync(copy, cancellationToken), raw, null);
        }
        catch (FormatException)
        {
            return (null, raw, null);
        }
    }

    private async Task ApplyAsync(
        Mailbox mailbox, long uidValidity, UniqueId uid, MailReading reading, MimeMessage? message, HeaderList? headers, byte[] raw, DateTimeOffset now,
        FetchReport report, CancellationToken cancellationToken)
    {
        switch (reading.Kind)
        {
            case MailReadingKind.Interaction:
                if (attachments is not null && message is not null)
                {
                    await attachments.AddAsync(reading.Interaction!, message, cancellationToken);
                }

                await intake.AcceptAsync(reading.Interaction!, cancellationToken);
                mailbox.FetchedCount++;
                report.Stored++;
                return;
            case MailReadingKind.Duplicate:
                report.Duplicates++;
                return;
            case MailReadingKind.Bounce:
                await MailSender.MarkBouncedAsync(db, reading.Bounced, reading.Problem, now, cancellationToken);
                break;
        }

        // The same message met again (after a renumbering, or in two folders) is not queued twice.
        var messageId = (headers ?? message?.Headers)?[HeaderId.MessageId] is { } id ? Excerpts.Fit(MailReader.Bracket(id), 300) : null;
        if (messageId is not null && await db.InboundMail.AnyAsync(m => m.MailboxId == mailbox.Id && m.MessageId == messageId, cancellationToken))
        {
            report.Duplicates++;
            return;
        }

        var state = reading.Kind switch
        {
            MailReadingKind.Unmatched => InboundMailState.Unmatched,
            MailReadingKind.Automatic or MailReadingKind.Bounce => InboundMailState.Dismissed,
            _ => InboundMailState.Broken,
        };
        db.InboundMail.Add(Kept(mailbox.Id, uidValidity, uid, headers ?? message?.Headers, raw, state, reading.Reason ?? InboundReason.Invalid, now, reading.Problem,
            message is null ? null : MailReader.BodyOf(message)));
        switch (state)
        {
            case InboundMailState.Unmatched:
                report.Unmatched++;
                break;
            case InboundMailState.Broken:
                report.Broken++;
                break;
            default:
                report.Dismissed++;
                break;
        }
    }

    private static InboundMail Kept(
        int mailboxId, long uidValidity, UniqueId uid, HeaderList? headers, byte[] raw, InboundMailState state, InboundReason reason, DateTimeOffset now,
        string? problem, string? body)
    {
        var from = headers is null ? null : InternetAddressList.TryParse(headers[HeaderId.From] ?? "", out var list) ? list.Mailboxes.FirstOrDefault() : null;
        var date = headers?[HeaderId.Date] is { } text && DateUtils.TryParse(text, out var parsed) ? parsed : now;
        var messageId = headers?[HeaderId.MessageId];
        return new InboundMail
        {
            MailboxId = mailboxId, UidValidity = uidValidity, Uid = uid.Id, State = state, Reason = reason, FetchedAt = now, ReceivedAt = date > now ? now : date,
            MessageId = messageId is null ? null : Excerpts.Fit(MailReader.Bracket(messageId), 300),
            FromAddress = from is null ? null : Excerpts.Fit(from.Address, 254), FromName = from?.Name is { Length: > 0 } name ? Excerpts.Fit(MailReader.Clean(name)!, 200) : null,
            Subject = headers?[HeaderId.Subject] is { } subject ? Excerpts.Fit(MailReader.Clean(subject)!, 300) : null,
            Preview = body is null ? null : Excerpts.Fit(body.Trim(), 1000),
            Problem = problem is null ? null : Excerpts.Fit(MailReader.Clean(problem)!, 1000),
            Raw = raw,
        };
    }
}

/// What one fetch of a mailbox did.
internal sealed class FetchReport
{
    public int Stored { get; set; }

    public int Duplicates { get; set; }

    public int Unmatched { get; set; }

    public int Broken { get; set; }

    /// Automatic answers and bounces: kept, not on a timeline.
    public int Dismissed { get; set; }

    /// More messages are waiting than one pass reads.
    public bool More { get; set; }

    /// Why the mailbox could not be read, in words; null when it was.
    public string? Error { get; set; }
}
