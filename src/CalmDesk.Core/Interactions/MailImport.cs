using CalmDesk.Mail;
using CalmDesk.Data;
using CalmDesk.Imports;
using MimeKit;

namespace CalmDesk.Interactions;

/// Imports e-mail (one .eml or an .mbox archive) as interactions keyed by Message-ID. A message from a
/// contact is inbound; one to a contact is outbound; a reply joins the conversation it answers (see MailReader).
/// Each message is its own transaction.
internal sealed class MailImport(
    CalmDeskDbContext db, TimeProvider clock, MessageIntake intake, AttachmentStore? attachments = null)
{
    public async Task<ImportReport> RunAsync(Stream stream, bool mbox, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport();
        var matcher = await CustomerMatcher.LoadAsync(db, cancellationToken);
        var writer = new InteractionWriter(db, await InteractionWriter.KnownIdsAsync(db, cancellationToken), report, intake);
        var reader = new MailReader(db, matcher);
        var parser = new MimeParser(stream, mbox ? MimeFormat.Mbox : MimeFormat.Entity);
        var number = 0;
        while (!parser.IsEndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var location = mbox ? $"message {number}" : "the message";
            MimeMessage message;
            try
            {
                message = await parser.ParseMessageAsync(cancellationToken);
            }
            catch (FormatException exception)
            {
                report.Reject(location, mbox
                    ? $"not readable as mail ({exception.Message}); the rest of the file was not read"
                    : $"not readable as mail ({exception.Message})");
                break;
            }

            await ImportMessageAsync(message, location, reader, writer, report, clock.GetUtcNow(), attachments, cancellationToken);
            progress?.Report(new ImportProgress(parser.Position, stream.CanSeek ? stream.Length : 0, report.Read));
            if (!mbox)
            {
                break;
            }
        }

        return report;
    }

    private static async Task ImportMessageAsync(
        MimeMessage message, string location, MailReader reader, InteractionWriter writer, ImportReport report, DateTimeOffset now, AttachmentStore? attachments,
        CancellationToken cancellationToken)
    {
        var reading = await reader.ReadAsync(message, now, null, cancellationToken);
        if (reading.Kind == MailReadingKind.Duplicate)
        {
            report.CountDuplicate();
        }
        else if (reading.Interaction is { } interaction)
        {
            async Task<Interaction> WithFilesAsync(Interaction read)
            {
                if (attachments is not null)
                {
                    await attachments.AddAsync(read, message, cancellationToken);
                }

                return read;
            }

            // Read again after a lost race: the conversation it joins is looked up anew. (Null when it no longer reads as
            // new: a mailbox fetch stored it meanwhile.)
            async Task<Interaction?> ReadAgainAsync() =>
                (await reader.ReadAsync(message, now, null, cancellationToken)).Interaction is { } again ? await WithFilesAsync(again) : null;

            await writer.WriteAsync(await WithFilesAsync(interaction), ReadAgainAsync, location, cancellationToken);
        }
        else
        {
            report.Reject(location, reading.Problem!);
        }
    }
}
