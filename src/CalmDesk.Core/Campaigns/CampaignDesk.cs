using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Playbooks;
using CalmDesk.Receivables;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Campaigns;

internal sealed record CampaignSummary(
    int Id, string Name, string Scope, decimal Percent, DateOnly EffectiveOn, string Currency, DateTimeOffset CreatedAt,
    int Recipients, int Sent, int Replied, int Angry, int Cases, int FollowUpsOpen);

internal sealed record CampaignReply(long InteractionId, DateTimeOffset OccurredAt, string? Subject, string Excerpt, AngerLevel Anger, bool Abuse, bool Angry, string Situations, int? CaseId);

internal sealed record RecipientView(
    int Id, int CustomerId, string Company, string? RepName, string Language, decimal Volume, int Invoices, RecipientStatus Status,
    DateTimeOffset? SentAt, long? InteractionId, string Subject, string Body, IReadOnlyList<string> TalkingPoints,
    IReadOnlyList<CampaignReply> Replies, CommitmentView? FollowUp)
{
    public bool Angry => Replies.Any(r => r.Angry);

    /// What became of the announcement just sent (queued in the outbox, or recorded only); null when none was.
    public Delivery? Delivery { get; init; }

    public int? CaseId => Replies.Where(r => r.Angry).Select(r => r.CaseId).FirstOrDefault(c => c is not null) ?? Replies.Select(r => r.CaseId).FirstOrDefault(c => c is not null);
}

internal sealed record CampaignDetail(
    CampaignSummary Summary, IReadOnlyList<string> Reasons, decimal? CompetitorPercent, string? CompetitorNote,
    decimal? OrderThreshold, decimal? BetterRatePercent, IReadOnlyList<RecipientView> Recipients);

/// Price campaigns: drafting one announcement per customer, sending them (recorded in each timeline, never twice, with
/// a follow-up scheduled), and tracking the replies: each analysed, the angry ones with their case and call-back.
/// Managers create campaigns and see every recipient; a rep sees and sends only to their own customers.
internal sealed class CampaignDesk(CalmDeskDbContext db, TimeProvider clock, PlaybookStore playbooks, ReceivablesBook receivables, InteractionLog log)
{
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        var visible = VisibleRecipients(viewer);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => visible.Any(r => r.CampaignId == c.Id))
            .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.Id).Take(100)
            .ToListAsync(cancellationToken);
        var result = new List<CampaignSummary>();
        foreach (var campaign in campaigns)
        {
            var recipients = await RecipientsAsync(viewer, campaign, language: null, cancellationToken);
            result.Add(Summarise(campaign, recipients));
        }

        return result;
    }

    /// One campaign with its recipients; talking points in the given language (the reader's).
    public async Task<CampaignDetail?> GetAsync(Viewer viewer, int id, string language, CancellationToken cancellationToken = default)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var recipients = await RecipientsAsync(viewer, campaign, language, cancellationToken);
        return recipients.Count == 0 && !viewer.SeesAll
            ? null
            : new CampaignDetail(Summarise(campaign, recipients), campaign.ReasonList, campaign.CompetitorPercent, campaign.CompetitorNote,
                campaign.OrderThreshold, campaign.BetterRatePercent, recipients);
    }

    /// Creates the campaign and drafts each customer's announcement from their last twelve months of invoices.
    public async Task<Outcome<CampaignDetail>> CreateAsync(Viewer viewer, CampaignInput input, string language, CancellationToken cancellationToken = default)
    {
        var today = receivables.Today;
        var errors = input.Validate(today);
        var currency = input.CurrencyOrDefault;
        var customers = db.Customers.VisibleTo(viewer).Where(c => c.Status == CustomerStatus.Active);
        List<int> customerIds;
        if (input.CustomerIds is { Count: > 0 } asked)
        {
            customerIds = await customers.Where(c => asked.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            var unknown = asked.Except(customerIds).ToList();
            if (unknown.Count > 0)
            {
                errors["customerIds"] = [Messages.Format("No active customer you can see has the id {0}.", string.Join(", ", unknown))];
            }
        }
        else
        {
            var since = today.AddMonths(-12);
            customerIds = await customers
                .Where(c => db.Invoices.Any(i => i.CustomerId == c.Id && i.Currency == currency && i.IssuedOn > since && i.IssuedOn <= today))
                .Select(c => c.Id).ToListAsync(cancellationToken);
            if (customerIds.Count == 0 && errors.Count == 0)
            {
                errors["customerIds"] = [Messages.Format("No active customer was invoiced in {0} over the last twelve months; choose the customers.", currency)];
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<CampaignDetail>.Invalid(errors);
        }

        var campaign = new Campaign
        {
            Name = input.Name!.Trim(), Scope = input.Scope?.Trim() ?? "", Percent = input.Percent!.Value, EffectiveOn = input.EffectiveOn!.Value,
            Reasons = string.Join(',', input.ReasonKinds), CompetitorPercent = input.CompetitorPercent,
            CompetitorNote = string.IsNullOrWhiteSpace(input.CompetitorNote) ? null : input.CompetitorNote.Trim(),
            OrderThreshold = input.OrderThreshold, BetterRatePercent = input.BetterRatePercent, Currency = currency,
            CreatedAt = clock.GetUtcNow(), CreatedByUserId = viewer.UserId,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await DraftAsync(db, playbooks.Current, campaign, customerIds, today, cancellationToken);
        return Outcome<CampaignDetail>.Done((await GetAsync(viewer, campaign.Id, language, cancellationToken))!);
    }

    /// Sends one drafted announcement (the rep may have edited it): recorded as an outbound email in the customer's
    /// timeline, and a follow-up scheduled a week later (or the day before the change). Never sent twice.
    public async Task<Outcome<RecipientView>> SendAsync(Viewer viewer, int recipientId, string? subject, string? body, string language, CancellationToken cancellationToken = default)
    {
        var recipient = await VisibleRecipients(viewer).Include(r => r.Campaign).FirstOrDefaultAsync(r => r.Id == recipientId, cancellationToken);
        if (recipient is null)
        {
            return Outcome<RecipientView>.Missing();
        }

        var repId = await db.Reps.IdOfAsync(viewer, cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.CampaignRecipients.Where(r => r.Id == recipientId && r.Status == RecipientStatus.Drafted)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Sent).SetProperty(r => r.SentAt, now).SetProperty(r => r.SentByRepId, repId), cancellationToken);
        if (claimed == 0)
        {
            return Outcome<RecipientView>.Invalid("status", recipient.Status == RecipientStatus.Sent
                ? Messages.Get("This announcement was already sent; it is never sent twice.")
                : Messages.Get("This announcement was set aside."));
        }

        var recorded = await log.SendAsync(viewer, recipient.CustomerId, new InteractionInput(
            nameof(Channel.Email), nameof(Direction.Outbound), null,
            string.IsNullOrWhiteSpace(subject) ? recipient.Subject : subject.Trim(), string.IsNullOrWhiteSpace(body) ? recipient.Body : body), cancellationToken: cancellationToken);
        if (recorded.Value is null)
        {
            return Outcome<RecipientView>.Invalid(recorded.Errors);
        }

        await db.CampaignRecipients.Where(r => r.Id == recipientId).ExecuteUpdateAsync(s => s.SetProperty(r => r.InteractionId, recorded.Value.Id), cancellationToken);
        var owner = await db.Customers.Where(c => c.Id == recipient.CustomerId).Select(c => c.AssignedRepId).SingleAsync(cancellationToken) ?? repId;
        if (owner is not null)
        {
            db.Commitments.Add(FollowUp(recipient.Campaign!, recipient.CustomerId, owner.Value, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var campaign = recipient.Campaign!;
        return Outcome<RecipientView>.Done((await RecipientsAsync(viewer, campaign, language, cancellationToken, recipientId)).Single() with { Delivery = recorded.Value.Delivery });
    }

    /// The follow-up a sent announcement gets: a week later, or the day before the change when that comes sooner.
    public static Commitment FollowUp(Campaign campaign, int customerId, int ownerRepId, DateTimeOffset now)
    {
        var dayBefore = new DateTimeOffset(campaign.EffectiveOn.AddDays(-1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var due = now.AddDays(CampaignReplies.FollowUpDays);
        due = dayBefore > now.AddHours(CampaignReplies.AngryCallBackHours) && dayBefore < due ? dayBefore : due;
        return CommitmentBook.New(customerId, null, ownerRepId,
            StoredText.Write("Follow up on the price announcement: ask how it lands and whether a larger order would help."), due, CommitmentSource.Campaign, now);
    }

    /// Sets an announcement aside unsent (the rep will tell this customer in person).
    public async Task<bool> SkipAsync(Viewer viewer, int recipientId, CancellationToken cancellationToken = default) =>
        await VisibleRecipients(viewer).Where(r => r.Id == recipientId && r.Status == RecipientStatus.Drafted)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Skipped), cancellationToken) > 0;

    /// Drafts each customer's announcement from their invoices over the twelve months before today.
    public static async Task DraftAsync(
        CalmDeskDbContext db, PlaybookLibrary library, Campaign campaign, IReadOnlyList<int> customerIds, DateOnly today, CancellationToken cancellationToken)
    {
        var since = today.AddMonths(-12);
        var volumes = (await db.Invoices.AsNoTracking()
                .Where(i => customerIds.Contains(i.CustomerId) && i.Currency == campaign.Currency && i.IssuedOn > since && i.IssuedOn <= today)
                .Select(i => new { i.CustomerId, i.Kind, i.Amount })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.CustomerId)
            .ToDictionary(g => g.Key, g => (
                Volume: g.Sum(i => i.Kind == InvoiceKind.CreditNote ? -i.Amount : i.Amount),
                Count: g.Count(i => i.Kind == InvoiceKind.Invoice)));
        var addressees = await Addressee.LoadAsync(db.Customers.Where(c => customerIds.Contains(c.Id)), cancellationToken);
        foreach (var customerId in customerIds)
        {
            var customer = addressees[customerId];
            var (volume, count) = volumes.GetValueOrDefault(customerId);
            var letter = CampaignLetters.Announcement(library, campaign, customer, volume, count);
            db.CampaignRecipients.Add(new CampaignRecipient
            {
                CampaignId = campaign.Id, CustomerId = customerId, Volume = volume, Invoices = count,
                Language = letter.Language, Subject = letter.Subject, Body = letter.Body, Status = RecipientStatus.Drafted,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<RecipientView>> RecipientsAsync(
        Viewer viewer, Campaign campaign, string? language, CancellationToken cancellationToken, int? onlyId = null)
    {
        var recipients = await VisibleRecipients(viewer)
            .Where(r => r.CampaignId == campaign.Id && (onlyId == null || r.Id == onlyId))
            .OrderBy(r => r.Customer!.Company).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            return [];
        }

        var customerIds = recipients.Select(r => r.CustomerId).ToList();
        var addressees = await Addressee.LoadAsync(db.Customers.Where(c => customerIds.Contains(c.Id)), cancellationToken);
        var replies = await RepliesAsync(campaign, recipients, cancellationToken);
        var followUps = await FollowUpsAsync(recipients, cancellationToken);
        var library = playbooks.Current;
        var today = receivables.Today;
        return [.. recipients.Select(r =>
        {
            var customer = addressees[r.CustomerId];
            IReadOnlyList<string> points = language is null ? [] : CampaignLetters.TalkingPoints(library, campaign, customer, r.Volume, r.Invoices, language, today);
            return new RecipientView(r.Id, r.CustomerId, customer.Company, customer.RepName, r.Language, r.Volume, r.Invoices, r.Status, r.SentAt, r.InteractionId,
                r.Subject, r.Body, points, replies.GetValueOrDefault(r.Id, []), followUps.GetValueOrDefault(r.Id));
        })];
    }

    /// The customer's inbound messages from the moment the announcement went out until the reply window closes.
    private async Task<Dictionary<int, IReadOnlyList<CampaignReply>>> RepliesAsync(Campaign campaign, IReadOnlyList<CampaignRecipient> recipients, CancellationToken cancellationToken)
    {
        var sent = recipients.Where(r => r.SentAt is not null).ToList();
        if (sent.Count == 0)
        {
            return [];
        }

        var customerIds = sent.Select(r => r.CustomerId).ToList();
        var from = sent.Min(r => r.SentAt!.Value);
        var until = new DateTimeOffset(campaign.EffectiveOn.AddDays(CampaignReplies.DaysAfterEffective + 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var messages = await db.Interactions.AsNoTracking()
            .Where(i => customerIds.Contains(i.CustomerId) && i.Direction == Direction.Inbound && i.OccurredAt >= from && i.OccurredAt < until)
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.CustomerId, i.OccurredAt, i.Subject, i.Body, i.Analysis, i.CaseId })
            .ToListAsync(cancellationToken);
        return sent.ToDictionary(r => r.Id, r => (IReadOnlyList<CampaignReply>)[.. messages
            .Where(m => m.CustomerId == r.CustomerId && m.OccurredAt >= r.SentAt
                && CampaignReplies.Answers(m.Subject, r.Subject, Case.Split(m.Analysis?.Situations ?? "")))
            .Select(m => new CampaignReply(m.Id, m.OccurredAt, m.Subject, Excerpts.Line(m.Body, 200), m.Analysis?.AngerLevel ?? AngerLevel.Calm,
                m.Analysis?.AbuseTargeted ?? false, m.Analysis is { } a && CampaignReplies.IsAngry(a), m.Analysis?.Situations ?? "", m.CaseId))]);
    }

    /// The campaign follow-up of each sent recipient: the open one first, else the latest.
    private async Task<Dictionary<int, CommitmentView>> FollowUpsAsync(IReadOnlyList<CampaignRecipient> recipients, CancellationToken cancellationToken)
    {
        var sent = recipients.Where(r => r.SentAt is not null).ToList();
        if (sent.Count == 0)
        {
            return [];
        }

        var customerIds = sent.Select(r => r.CustomerId).ToList();
        var from = sent.Min(r => r.SentAt!.Value);
        var commitments = await db.Commitments.AsNoTracking().Include(c => c.Customer).Include(c => c.Owner).Include(c => c.Case).Include(c => c.History)
            .Where(c => customerIds.Contains(c.CustomerId) && c.Source == CommitmentSource.Campaign && c.CreatedAt >= from)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var result = new Dictionary<int, CommitmentView>();
        foreach (var r in sent)
        {
            var mine = commitments.Where(c => c.CustomerId == r.CustomerId && c.CreatedAt >= r.SentAt)
                .OrderBy(c => c.Status == CommitmentStatus.Open ? 0 : 1).ThenByDescending(c => c.CreatedAt).FirstOrDefault();
            if (mine is not null)
            {
                result[r.Id] = CommitmentBook.View(mine, now);
            }
        }

        return result;
    }

    private static CampaignSummary Summarise(Campaign c, IReadOnlyList<RecipientView> recipients) => new(
        c.Id, c.Name, c.Scope, c.Percent, c.EffectiveOn, c.Currency, c.CreatedAt,
        recipients.Count, recipients.Count(r => r.Status == RecipientStatus.Sent), recipients.Count(r => r.Replies.Count > 0),
        recipients.Count(r => r.Angry), recipients.Count(r => r.CaseId is not null), recipients.Count(r => r.FollowUp is { Status: CommitmentStatus.Open }));

    private IQueryable<CampaignRecipient> VisibleRecipients(Viewer viewer)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return db.CampaignRecipients.AsNoTracking().Where(r => visible.Any(c => c.Id == r.CustomerId));
    }
}
