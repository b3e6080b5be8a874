using CalmDesk.Localization;

namespace CalmDesk.Interactions;

/// What a person, the API or an import may record about one exchange with a customer.
internal sealed record InteractionInput(
    string? Channel,
    string? Direction,
    DateTimeOffset? OccurredAt,
    string? Subject,
    string? Body,
    int? MinutesSpent = null,
    int? ContactId = null,
    string? AuthorName = null,
    string? ExternalId = null)
{
    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryParse<Channel>(Channel, out _))
        {
            errors["channel"] = [Messages.Format("The channel must be one of {0}.", string.Join(", ", Names<Channel>()))];
        }

        if (!TryParse<Direction>(Direction, out _))
        {
            errors["direction"] = [Messages.Format("The direction must be one of {0}.", string.Join(", ", Names<Direction>()))];
        }

        if (OccurredAt is { } when && when > now.AddDays(1))
        {
            errors["occurredAt"] = [Messages.Get("The date is in the future; record interactions once they have happened.")];
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            // Something we are about to send is a message to write, not a record of what was said.
            errors["body"] = [Messages.Get(string.Equals(Direction, nameof(Interactions.Direction.Outbound), StringComparison.OrdinalIgnoreCase)
                ? "Write the message before sending it."
                : "The text is required: what was said or written.")];
        }
        else if (Body.Length > Interaction.MaxBodyLength)
        {
            errors["body"] = [Messages.Format("The text must be at most {0:N0} characters.", Interaction.MaxBodyLength)];
        }

        if (Subject is { Length: > 300 })
        {
            errors["subject"] = [Messages.Get("The subject must be at most 300 characters.")];
        }

        if (MinutesSpent is < 0 or > 24 * 60)
        {
            errors["minutesSpent"] = [Messages.Get("Minutes spent must be between 0 and 1440.")];
        }

        if (AuthorName is { Length: > 200 })
        {
            errors["authorName"] = [Messages.Get("The author's name must be at most 200 characters.")];
        }

        if (ExternalId is { Length: > 300 })
        {
            errors["externalId"] = [Messages.Get("The external id must be at most 300 characters.")];
        }

        Data.BusinessDates.Check(errors, "occurredAt", OccurredAt);
        return errors;
    }

    public Interaction ToInteraction(int customerId, DateTimeOffset now, string externalId)
    {
        if (!TryParse<Channel>(Channel, out var channel) || !TryParse<Direction>(Direction, out var direction))
        {
            throw new InvalidOperationException("Validate the input before converting it.");
        }

        return new Interaction
        {
            CustomerId = customerId,
            ContactId = ContactId,
            Channel = channel,
            Direction = direction,
            OccurredAt = (OccurredAt ?? now).ToUniversalTime(),
            Subject = string.IsNullOrWhiteSpace(Subject) ? null : Subject.Trim(),
            Body = Body!.Trim(),
            MinutesSpent = MinutesSpent,
            AuthorName = string.IsNullOrWhiteSpace(AuthorName) ? null : AuthorName.Trim(),
            ExternalId = externalId,
            CreatedAt = now,
        };
    }

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text) && Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    private static IEnumerable<string> Names<TEnum>()
        where TEnum : struct, Enum => Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant());
}
