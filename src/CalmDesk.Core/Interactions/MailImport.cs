using CalmDesk.Analysis;
using CalmDesk.Data;
using CalmDesk.Imports;
using CalmDesk.Learning;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CalmDesk.Interactions;

/// Imports e-mail (one .eml or an .mbox archive) as interactions keyed by Message-ID. A message from a
/// contact is inbound; one to a contact is outbound. Each message is its own transaction.
internal sealed class MailImport(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null)
{
    public async Task<ImportReport> RunAsync(Stream stream, bool mbox, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport();
        var matcher = await CustomerMatcher.LoadAsync(db, cancellationToken);
        var writer = new InteractionWriter(db, await InteractionWriter.KnownIdsAsync(db, cancellationToken), report, AnalysisThresholds.Of(thresholds), ActiveModel.Of(model));
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

            await ImportMessageAsync(message, location, matcher, writer, report, cancellationToken);
            progress?.Report(new ImportProgress(parser.Position, stream.CanSeek ? stream.Length : 0, report.Read));
            if (!mbox)
            {
                break;
            }
        }

        return report;
    }

    private async Task ImportMessageAsync(
        MimeMessage message, string location, CustomerMatcher matcher, InteractionWriter writer, ImportReport report, CancellationToken cancellationToken)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null)
        {
            report.Reject(location, "it has no From address, so it is not an e-mail CalmDesk can attribute");
            return;
        }

        var body = message.TextBody ?? (message.HtmlBody is { } html ? HtmlToText.Convert(html) : null);
        var hasDate = message.Headers.Contains(HeaderId.Date);
        var externalId = string.IsNullOrWhiteSpace(message.MessageId)
            ? InteractionLog.ContentId("mail", from.Address, message.Headers[HeaderId.Date], message.Subject, body)
            : "<" + message.MessageId.Trim() + ">";
        if (writer.IsKnown(externalId))
        {
            report.CountDuplicate();
            return;
        }

        var direction = Direction.Inbound;
        var contact = matcher.ByContactEmail(from.Address);
        if (contact is null)
        {
            direction = Direction.Outbound;
            contact = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
                .Select(m => matcher.ByContactEmail(m.Address))
                .FirstOrDefault(c => c is not null);
        }

        if (contact is null)
        {
            var recipients = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
            report.Reject(location, $"neither the sender {from.Address} nor the recipients ({recipients}) are a known contact");
            return;
        }

        var input = new InteractionInput(
            "email", direction.ToString(), hasDate ? message.Date : null, message.Subject, body, null, contact.Value.ContactId,
            direction == Direction.Inbound ? (string.IsNullOrWhiteSpace(from.Name) ? contact.Value.Name : from.Name) : from.Name, externalId);
        var now = clock.GetUtcNow();
        var errors = input.Validate(now);
        if (errors.Count > 0)
        {
            report.Reject(location, errors);
            return;
        }

        var interaction = input.ToInteraction(contact.Value.CustomerId, now, externalId);
        if (direction == Direction.Outbound && matcher.RepByEmail(from.Address) is { } rep)
        {
            interaction.AuthorRepId = rep.RepId;
            interaction.AuthorName = rep.Name;
        }

        await writer.WriteAsync(interaction, cancellationToken);
    }
}
