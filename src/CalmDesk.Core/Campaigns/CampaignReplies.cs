using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Campaigns;

/// What a customer's message means when it arrives after a price announcement: it is a reply to it. A reply that
/// needs a case gets the price-objection playbook (or keeps change-resistance, when that is what the analysis found),
/// and an angry one brings the follow-up call forward to within a day, tied to the case.
internal static class CampaignReplies
{
    /// Replies are counted from the moment the announcement went out until this many days after the change takes effect.
    public const int DaysAfterEffective = 30;

    /// The follow-up scheduled when an announcement is sent: this many days later, or the day before the change.
    public const int FollowUpDays = 7;

    /// An angry reply is answered by a call within this many hours, where the business keeps no opening hours.
    public const int AngryCallBackHours = 24;

    /// Within a day of an angry reply: 24 hours, or, where the business keeps opening hours, one open day's worth of them
    /// from the next quarter hour, as a promise in the live guide counts them; a reply on Saturday night is called back by
    /// Monday's closing time, not at dawn on Sunday.
    public static DateTimeOffset CallBackBy(DateTimeOffset from, Boundaries.EffectiveTerms terms, TimeZoneInfo zone) =>
        Boundaries.OpeningHours.OpenDay(terms) is null
            ? from.AddHours(AngryCallBackHours)
            : Boundaries.OpeningHours.PromiseDue(Boundaries.OpeningHours.PromiseStart(from), AngryCallBackHours, terms, zone);

    public const string PriceObjection = "price_objection";

    public const string ChangeResistance = "change_resistance";

    public static bool IsAngry(MessageAnalysis analysis) => analysis.AngerLevel >= AngerLevel.Angry || analysis.AbuseTargeted;

    /// The latest announcement sent to this customer whose reply window covers the message, if any.
    public static async Task<CampaignRecipient?> AnsweredAsync(CalmDeskDbContext db, Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Direction != Direction.Inbound)
        {
            return null;
        }

        var day = DateOnly.FromDateTime(interaction.OccurredAt.UtcDateTime).AddDays(-DaysAfterEffective);
        // Announcements sent in the same unit of work (the demo) count as well as stored ones; stored ones are read
        // afresh, since a tracked copy may predate the update that marked it sent.
        var local = db.ChangeTracker.Entries<CampaignRecipient>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(r => r.CustomerId == interaction.CustomerId && r.Status == RecipientStatus.Sent && r.SentAt <= interaction.OccurredAt)
            .Where(r => r.Campaign is null || r.Campaign.EffectiveOn >= day);
        var stored = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.CustomerId == interaction.CustomerId && r.Status == RecipientStatus.Sent && r.SentAt <= interaction.OccurredAt && r.Campaign!.EffectiveOn >= day)
            .ToListAsync(cancellationToken);
        return local.Concat(stored).Where(r => r.SentAt is not null).MaxBy(r => r.SentAt);
    }

    /// Whether a customer's message in the reply window answers the announcement: it says "Re:" to the announcement's
    /// subject, or it is about the price or the change whatever its subject. One that names a matter of its own (a
    /// delivery on Sunday) does not, nor does a new thread of its own that only thanks or reacts ("Thanks for sorting the
    /// invoice", "Who is looking after our account?"). A message with no subject (chat, SMS) or a reply ("Re: …") that
    /// says nothing else ("Noted, thanks", "you are incompetent") answers it.
    public static bool Answers(string? subject, string announcementSubject, IReadOnlyCollection<string> situations)
    {
        var stripped = subject is null ? "" : Subjects.Strip(subject);
        if (stripped.Length > 0 && stripped.Equals(Subjects.Strip(announcementSubject), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (situations.Any(s => s is PriceObjection or ChangeResistance))
        {
            return true;
        }

        // Thanks ("grazie per l'avviso") and reactions to us name no matter of their own.
        return CaseTriage.OnlyReactionsOrGoodNews(situations) && (stripped.Length == 0 || stripped.Length < subject!.Trim().Length);
    }

    /// The situation a reply to an announcement adds to its case: price objection, unless the analysis already found a
    /// problem in the words (change resistance, or something else entirely such as a wrong delivery); "you are
    /// incompetent" alone is a reaction to us, so the reply is still about the price.
    public static string? SituationFor(IReadOnlyCollection<string> detected) => CaseTriage.OnlyReactions(detected) ? PriceObjection : null;

    /// After an angry reply: the campaign's open follow-up for this customer is brought forward to a call-back within a
    /// day (<see cref="CallBackBy"/>) and tied to the case; without one, a call-back is scheduled. Owned by the customer's rep, or the sender. Returns
    /// the promise, or null when the reply is not angry or nobody owns the customer.
    public static async Task<Commitment?> FollowUpAsync(
        CalmDeskDbContext db, CampaignRecipient recipient, Case @case, Interaction interaction, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (interaction.Analysis is not { } analysis || !IsAngry(analysis))
        {
            return null;
        }

        var from = interaction.CreatedAt;
        var callBackBy = CallBackBy(from, await Boundaries.EffectiveTerms.ForCustomerAsync(db, recipient.CustomerId, cancellationToken), zone);
        var open = db.Commitments.Local
            .Where(c => c.CustomerId == recipient.CustomerId && c.Source == CommitmentSource.Campaign && c.Status == CommitmentStatus.Open)
            .Concat(await db.Commitments
                .Where(c => c.CustomerId == recipient.CustomerId && c.Source == CommitmentSource.Campaign && c.Status == CommitmentStatus.Open && c.CreatedAt >= recipient.SentAt)
                .ToListAsync(cancellationToken))
            .Distinct()
            .OrderBy(c => c.DueAt)
            .FirstOrDefault();
        if (open is not null)
        {
            open.Case ??= @case;
            if (open.DueAt > callBackBy)
            {
                open.History.Add(new CommitmentChange
                {
                    Kind = CommitmentChangeKind.BroughtForward, At = from, PreviousDueAt = open.DueAt, NewDueAt = callBackBy,
                    Reason = StoredText.Write("The customer replied angrily to the price announcement."),
                });
                open.What = StoredText.Write("Call back about the price change: the customer replied angrily.");
                open.Schedule(callBackBy, from);
            }

            return open;
        }

        var owner = await db.Customers.Where(c => c.Id == recipient.CustomerId).Select(c => c.AssignedRepId).SingleAsync(cancellationToken) ?? recipient.SentByRepId;
        if (owner is null)
        {
            return null;
        }

        var commitment = CommitmentBook.New(recipient.CustomerId, null, owner.Value,
            StoredText.Write("Call back about the price change: the customer replied angrily."), callBackBy, CommitmentSource.Campaign, from);
        commitment.Case = @case;
        db.Commitments.Add(commitment);
        return commitment;
    }
}
