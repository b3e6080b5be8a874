using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Privacy;

/// `Privacy:` in the configuration.
internal sealed class PrivacyOptions
{
    /// Messages older than this many years lose their text, files and raw mail; 0 (the default) keeps them for ever.
    public int MessageRetentionYears { get; set; }

    public string? Problem() => MessageRetentionYears is < 0 or > 100 ? "Privacy:MessageRetentionYears must be between 0 (keep for ever) and 100." : null;
}

/// <summary>
/// The retention rule: a message older than <see cref="PrivacyOptions.MessageRetentionYears"/> keeps its date, channel,
/// direction and the analysis' scores and labels (health and the let-go evidence still count it) but loses its subject,
/// text, author name, the analysis' quotes, its files, its raw mail, the evidence quoted in its incident, the copy in the
/// outbox of a mail we sent and the text kept with a correction of its analysis. Run in batches
/// by the background service; a blanked message is marked and never read again.
/// </summary>
internal sealed class RetentionSweep(CalmDeskDbContext db, IOptions<PrivacyOptions> options, Mail.AttachmentStore files, TimeProvider clock)
{
    public const int Batch = 500;

    /// Blanks the messages past the rule, a batch at a time; returns how many.
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var years = options.Value.MessageRetentionYears;
        if (years <= 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var cutoff = now.AddYears(-years);
        var total = 0;
        long after = 0;
        while (true)
        {
            // By id from where the last batch ended, so a long first sweep never reads the blanked rows again.
            var batch = await db.Interactions.Include(i => i.Attachments)
                .Where(i => i.Id > after && i.BodyErasedAt == null && i.OccurredAt < cutoff).OrderBy(i => i.Id).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            after = batch[^1].Id;
            var ids = batch.Select(i => i.Id).ToList();
            var shas = batch.SelectMany(i => i.Attachments).Select(a => a.Sha256).ToList();
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var message in batch)
                {
                    message.Subject = null;
                    message.Body = "";
                    message.AuthorName = null;
                    message.Attachments.Clear();
                    if (message.Analysis is not null)
                    {
                        message.Analysis.Details = "{}";
                    }

                    message.BodyErasedAt = now;
                }

                await db.InboundMail.Where(m => m.InteractionId != null && ids.Contains(m.InteractionId.Value)).ExecuteDeleteAsync(cancellationToken);
                await db.AbuseIncidents.Where(i => i.InteractionId != null && ids.Contains(i.InteractionId.Value))
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Evidence, ""), cancellationToken);
                // The copies of the same text: the mail as it was sent, and a correction's example.
                await db.Outbox.Where(o => ids.Contains(o.InteractionId))
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Subject, "").SetProperty(o => o.TextBody, "").SetProperty(o => o.HtmlBody, ""), cancellationToken);
                await db.AnalysisCorrections.Where(c => c.InteractionId != null && ids.Contains(c.InteractionId.Value))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Text, ""), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            db.ChangeTracker.Clear();
            await files.ForgetUnusedAsync(shas, cancellationToken);
            total += batch.Count;
        }
    }
}
