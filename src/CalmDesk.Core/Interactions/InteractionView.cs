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

    /// The files that came with it.
    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];
}

/// A file on a message: its download is /attachments/{Id}.
internal sealed record AttachmentView(long Id, string FileName, string ContentType, long Size)
{
    /// The attachments of the given interactions, by interaction.
    public static async Task<ILookup<long, AttachmentView>> ForAsync(Data.CalmDeskDbContext db, IReadOnlyCollection<long> interactionIds, CancellationToken cancellationToken) =>
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Attachments.Where(a => interactionIds.Contains(a.InteractionId)).OrderBy(a => a.Id)
                .Select(a => new { a.InteractionId, View = new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size) }), cancellationToken))
        .ToLookup(a => a.InteractionId, a => a.View);
}
