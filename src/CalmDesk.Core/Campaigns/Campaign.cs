using CalmDesk.Customers;

namespace CalmDesk.Campaigns;

/// A price change announced ahead of time to the customers it reaches: what rises and by how much, from when, why,
/// what other suppliers have done, and the larger-order offer that softens it.
internal sealed class Campaign
{
    public const int MaxNameLength = 120;

    public const int MaxScopeLength = 200;

    public const int MaxNoteLength = 500;

    /// The reasons a letter can give; each is a sentence in `letters.md` (reason-supplier…).
    public static readonly IReadOnlyList<string> ReasonKinds = ["supplier", "market", "shipping", "energy", "labour"];

    public int Id { get; set; }

    /// The campaign's name for people inside the company ("Spring 2027 price review").
    public required string Name { get; set; }

    /// What changes, in words the customer recognises whatever their language (product names: "Chianti and Prosecco");
    /// empty means the whole price list, which each letter says in the customer's own language.
    public string Scope { get; set; } = "";

    /// How much prices rise, in percent.
    public decimal Percent { get; set; }

    public DateOnly EffectiveOn { get; set; }

    /// Comma-separated reason kinds from <see cref="ReasonKinds"/>.
    public string Reasons { get; set; } = "";

    /// What other suppliers have done, in percent, when known.
    public decimal? CompetitorPercent { get; set; }

    /// Competitor context in the manager's own words, quoted as written.
    public string? CompetitorNote { get; set; }

    /// Orders at or above this amount (in <see cref="Currency"/>) get <see cref="BetterRatePercent"/> off.
    public decimal? OrderThreshold { get; set; }

    public decimal? BetterRatePercent { get; set; }

    public string Currency { get; set; } = "EUR";

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public List<CampaignRecipient> Recipients { get; set; } = [];

    public IReadOnlyList<string> ReasonList => Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal enum RecipientStatus
{
    /// The announcement is drafted and waiting to be sent.
    Drafted,

    Sent,

    /// Set aside (the rep will tell this customer in person, or the customer is leaving).
    Skipped,
}

/// One customer a campaign reaches: the figures the talking points come from, the drafted announcement in their
/// language (editable until sent), and when it went out. Replies are the customer's inbound messages from then on.
internal sealed class CampaignRecipient
{
    public int Id { get; set; }

    public int CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// Invoiced over the twelve months before the campaign, credit notes deducted, in the campaign's currency.
    public decimal Volume { get; set; }

    public int Invoices { get; set; }

    public string Language { get; set; } = "en";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public RecipientStatus Status { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int? SentByRepId { get; set; }

    /// The outbound email recorded in the customer's timeline when it was sent.
    public long? InteractionId { get; set; }
}
