using CalmDesk.Analysis;

namespace CalmDesk.Interactions;

internal sealed record InteractionView(
    long Id,
    int CustomerId,
    int? ContactId,
    string? ContactName,
    Channel Channel,
    Direction Direction,
    DateTimeOffset OccurredAt,
    string? Subject,
    string Body,
    int? MinutesSpent,
    string? AuthorName,
    string ExternalId,
    AnalysisDocument? Analysis)
{
    public int? CaseId { get; init; }

    /// The anger level set by hand, when someone corrected the analysis.
    public AngerLevel? AngerCorrected { get; init; }

    /// For mail the product sent: queued, sent, failed, or recorded only (no mailbox sends).
    public Delivery? Delivery { get; init; }
}
