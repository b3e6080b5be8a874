using System.Globalization;
using CalmDesk.Data;
using CalmDesk.Imports;

namespace CalmDesk.Interactions;

/// Imports interactions from CSV: columns external_id, customer, contact_email, channel, direction,
/// occurred_at, subject, body, minutes, author. A row without external_id is keyed by its content.
internal sealed class InteractionCsvImport(CalmDeskDbContext db, TimeProvider clock, MessageIntake intake)
{
    public static readonly IReadOnlyList<string> Columns =
        ["externalid", "customer", "contactemail", "channel", "direction", "occurredat", "subject", "body", "minutes", "author"];

    public async Task<ImportReport> RunAsync(Stream stream, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var matcher = await CustomerMatcher.LoadAsync(db, cancellationToken);
        var known = await InteractionWriter.KnownIdsAsync(db, cancellationToken);
        return await CsvRows.ImportEachAsync(
            stream, ["body"], progress,
            (row, location, report) => ImportRowAsync(row, location, matcher, new InteractionWriter(db, known, report, intake), report, cancellationToken),
            cancellationToken);
    }

    private async Task ImportRowAsync(
        CsvRow row, string location, CustomerMatcher matcher, InteractionWriter writer, ImportReport report, CancellationToken cancellationToken)
    {
        var externalId = row["externalid"]
            ?? InteractionLog.ContentId("csv", row["customer"], row["contactemail"], row["occurredat"], row["channel"], row["body"]);
        if (writer.IsKnown(externalId))
        {
            report.CountDuplicate();
            return;
        }

        var contact = matcher.ByContactEmail(row["contactemail"]);
        int? customerId = null;
        string? problem = null;
        if (row["customer"] is { } reference)
        {
            (customerId, problem) = matcher.ByCustomerReference(reference);
        }
        else if (contact is not null)
        {
            customerId = contact.Value.CustomerId;
        }
        else
        {
            problem = row["contactemail"] is null
                ? "neither a customer nor a contact email is given"
                : $"no contact has the email {row["contactemail"]}";
        }

        if (customerId is null)
        {
            report.Reject(location, problem!);
            return;
        }

        DateTimeOffset? occurredAt = null;
        if (row["occurredat"] is { } whenText)
        {
            if (!DateTimeOffset.TryParse(whenText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                report.Reject(location, $"occurred_at '{whenText}' is not a date and time like 2026-03-14T09:30:00+01:00");
                return;
            }

            occurredAt = when;
        }

        int? minutes = null;
        if (row["minutes"] is { } minutesText)
        {
            if (!int.TryParse(minutesText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                report.Reject(location, $"minutes '{minutesText}' is not a whole number");
                return;
            }

            minutes = parsed;
        }

        var sameCustomerContact = contact is { } c && c.CustomerId == customerId ? contact : null;
        var input = new InteractionInput(
            row["channel"] ?? "email", row["direction"] ?? "inbound", occurredAt, row["subject"], row["body"], minutes,
            sameCustomerContact?.ContactId, row["author"] ?? sameCustomerContact?.Name, externalId);
        var now = clock.GetUtcNow();
        var errors = input.Validate(now);
        if (errors.Count > 0)
        {
            report.Reject(location, errors);
            return;
        }

        var author = matcher.RepByEmail(row["author"]);
        Interaction Read()
        {
            var interaction = input.ToInteraction(customerId.Value, now, externalId);
            if (interaction.Direction != Direction.Inbound && author is { } rep)
            {
                interaction.AuthorRepId = rep.RepId;
                interaction.AuthorName = rep.Name;
            }

            return interaction;
        }

        await writer.WriteAsync(Read(), () => Task.FromResult<Interaction?>(Read()), location, cancellationToken);
    }
}
