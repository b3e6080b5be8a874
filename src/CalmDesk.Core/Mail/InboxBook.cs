using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Analysis;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Health;
using CalmDesk.Interactions;
using CalmDesk.Notifications;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Mail;

/// <summary>
/// The conversations waiting for our reply: a customer's written message (mail or chat) with nothing from us after
/// it, one row per customer and case, longest wait first. A rep sees their customers; a manager can see the team.
/// The inbox reads the stored <see cref="WaitingConversation"/> rows, which the health refresh keeps (a read first works
/// out the few customers changed since); while many changed customers wait (the first start after an upgrade, a big
/// import) it works the conversations out from the messages, as the refresh does.
/// </summary>
internal sealed class InboxBook(CalmDeskDbContext db, TimeProvider clock, HealthBook health, IOptions<ReceivablesOptions>? business = null)
{
    /// How far back a conversation still counts as waiting.
    public const int Days = 60;

    /// Conversations a page of the inbox shows.
    public const int PageSize = 50;

    /// How many stored conversations the reply sweep reads at a time.
    private const int SweepBatch = 500;

    private static readonly Channel[] Written = [Channel.Email, Channel.Chat];

    /// Every conversation waiting for the viewer, longest wait first.
    public async Task<IReadOnlyList<ConversationView>> WaitingAsync(Viewer viewer, bool mineOnly, CancellationToken cancellationToken = default)
    {
        var (shown, _) = await ReadAsync(viewer, mineOnly, 0, int.MaxValue, cancellationToken);
        return await DescribeAsync(viewer, shown, cancellationToken);
    }

    /// A page of them, longest wait first: only the page's conversations are read in full (subject, excerpt, customer,
    /// case, due time, whether the viewer has seen it).
    public async Task<Page<ConversationView>> PageAsync(Viewer viewer, bool mineOnly, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var (number, size) = Page<ConversationView>.Clamp(page, pageSize ?? PageSize);
        var (shown, total) = await ReadAsync(viewer, mineOnly, (number - 1) * size, size, cancellationToken);
        return new Page<ConversationView>(await DescribeAsync(viewer, shown, cancellationToken), number, size, total);
    }

    /// The viewer's waiting conversations from the given place in the inbox's order, and how many there are in all: from
    /// the stored rows once the changed customers are worked out, else from the messages.
    private async Task<(List<WaitingConversation> Shown, int Total)> ReadAsync(Viewer viewer, bool mineOnly, int skip, int take, CancellationToken cancellationToken)
    {
        var customers = await CustomersAsync(viewer, mineOnly, cancellationToken);
        if (!await health.CatchUpChangesAsync(cancellationToken))
        {
            var all = await WorkOutAsync(db, customers, clock.GetUtcNow(), cancellationToken);
            return ([.. all.Skip(skip).Take(take)], all.Count);
        }

        var stored = Stored(customers);
        var total = await stored.CountAsync(cancellationToken);
        return total <= skip
            ? ([], total)
            : (await stored.OrderBy(w => w.WaitingSince).ThenBy(w => w.CustomerId).ThenBy(w => w.CaseKey).Skip(skip).Take(take).AsNoTracking()
                .ToListAsync(cancellationToken), total);
    }

    /// The stored conversations of these customers still in the window.
    private IQueryable<WaitingConversation> Stored(IQueryable<Customer> customers)
    {
        var since = clock.GetUtcNow().AddDays(-Days);
        return from w in db.WaitingConversations
               join c in customers on w.CustomerId equals c.Id
               where w.LastInAt >= since
               select w;
    }

    private async Task<IQueryable<Customer>> CustomersAsync(Viewer viewer, bool mineOnly, CancellationToken cancellationToken)
    {
        var customers = db.Customers.VisibleTo(viewer);
        if (mineOnly)
        {
            // Someone without a rep profile has no customers of their own (not the unassigned ones).
            var repId = await db.Reps.Where(r => r.UserId == viewer.UserId).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken) ?? -1;
            customers = customers.Where(c => c.AssignedRepId == repId);
        }

        return customers;
    }

    private sealed record Unanswered(long Id, int CustomerId, int? CaseId, DateTimeOffset OccurredAt, AngerLevel? AngerCorrected, AngerLevel? Anger);

    /// Works out, from their written messages of the window, the conversations of these customers that wait for us, longest
    /// wait first: what the health refresh stores (for a batch of customers) and what a read uses while many changed
    /// customers wait to be refreshed. The customers are read as a subquery, through the (customer, time) index of the
    /// messages: a join from the customers, not a filter on every message (which SQLite runs as a scan of them all).
    public static async Task<List<WaitingConversation>> WorkOutAsync(
        CalmDeskDbContext db, IQueryable<Customer> customers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-Days);
        var recent = from c in customers
                     join i in db.Interactions on c.Id equals i.CustomerId
                     where i.OccurredAt >= since && Written.Contains(i.Channel) && i.Direction != Direction.Internal
                     select i;
        var groups = await recent
            .GroupBy(i => new { i.CustomerId, i.CaseId })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.CaseId,
                LastIn = g.Where(i => i.Direction == Direction.Inbound).Max(i => (DateTimeOffset?)i.OccurredAt),
                // Mail of ours that never arrived answered nothing.
                LastOut = g.Where(i => i.Direction == Direction.Outbound && i.Delivery != Delivery.Failed).Max(i => (DateTimeOffset?)i.OccurredAt),
            })
            .ToListAsync(cancellationToken);
        var waiting = groups.Where(g => g.LastIn is { } lastIn && (g.LastOut is null || g.LastOut < lastIn)).ToList();
        if (waiting.Count == 0)
        {
            return [];
        }

        var customerIds = waiting.Select(w => w.CustomerId).Distinct().ToList();
        var inbound = (await recent.Where(i => customerIds.Contains(i.CustomerId) && i.Direction == Direction.Inbound)
            .Select(i => new Unanswered(i.Id, i.CustomerId, i.CaseId, i.OccurredAt, i.AngerCorrected, i.Analysis == null ? (AngerLevel?)null : i.Analysis.AngerLevel))
            .ToListAsync(cancellationToken)).ToLookup(i => (i.CustomerId, i.CaseId));
        return [.. waiting.Select(w =>
            {
                var open = inbound[(w.CustomerId, w.CaseId)].Where(i => w.LastOut is null || i.OccurredAt > w.LastOut).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
                var last = open[^1];
                return new WaitingConversation
                {
                    CustomerId = w.CustomerId, CaseKey = w.CaseId ?? 0, CaseId = w.CaseId, WaitingSince = open[0].OccurredAt, LastInAt = last.OccurredAt,
                    LastInId = last.Id, LastOutAt = w.LastOut, Messages = open.Count, Mood = last.AngerCorrected ?? open.Max(i => i.AngerCorrected ?? i.Anger),
                };
            })
            .OrderBy(w => w.WaitingSince).ThenBy(w => w.CustomerId).ThenBy(w => w.CaseKey)];
    }

    /// When each conversation's reply is due by the written response time (the customer's terms, else the organisation's).
    private async Task<Dictionary<(int CustomerId, int CaseKey), DateTimeOffset?>> DueAsync(List<WaitingConversation> waits, CancellationToken cancellationToken)
    {
        var customerIds = waits.Select(w => w.CustomerId).Distinct().ToList();
        var terms = await db.Terms.AsNoTracking().Where(t => t.CustomerId == null || customerIds.Contains(t.CustomerId.Value)).ToListAsync(cancellationToken);
        var organisation = terms.FirstOrDefault(t => t.CustomerId == null);
        var termsOf = terms.Where(t => t.CustomerId is not null).ToLookup(t => t.CustomerId!.Value);
        var zone = ReceivablesOptions.ZoneOf(business);
        return waits.ToDictionary(
            w => (w.CustomerId, w.CaseKey), w => ResponseClock.DueAt(w.WaitingSince, EffectiveTerms.Merge(organisation, termsOf[w.CustomerId].FirstOrDefault()), zone));
    }

    /// The conversations as the inbox shows them, in the order given.
    private async Task<IReadOnlyList<ConversationView>> DescribeAsync(Viewer viewer, List<WaitingConversation> waits, CancellationToken cancellationToken)
    {
        if (waits.Count == 0)
        {
            return [];
        }

        var customerIds = waits.Select(w => w.CustomerId).Distinct().ToList();
        var caseIds = waits.Select(w => w.CaseId).OfType<int>().Distinct().ToList();
        var latestIds = waits.Select(w => w.LastInId).ToList();
        var latest = await db.Interactions.AsNoTracking().Where(i => latestIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Subject, Body = i.Body.Substring(0, 300), i.Channel })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var about = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Company, Owner = c.AssignedRep == null ? null : c.AssignedRep.DisplayName, OwnerUserId = c.AssignedRep == null ? null : c.AssignedRep.UserId })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        var due = await DueAsync(waits, cancellationToken);
        var now = clock.GetUtcNow();
        var seen = (await db.ReadMarks.AsNoTracking().Where(m => m.UserId == viewer.UserId && latestIds.Contains(m.InteractionId))
            .Select(m => m.InteractionId).ToListAsync(cancellationToken)).ToHashSet();
        // A row whose newest message is gone since it was stored (erased a moment ago) is left out until the next refresh.
        return [.. waits.Where(w => latest.ContainsKey(w.LastInId) && about.ContainsKey(w.CustomerId)).Select(w =>
            {
                var message = latest[w.LastInId];
                var customer = about[w.CustomerId];
                var dueAt = due[(w.CustomerId, w.CaseKey)];
                return new ConversationView(
                    w.CustomerId, customer.Company, w.CaseId, w.CaseId is { } caseId ? cases.GetValueOrDefault(caseId) : null,
                    message.Subject, Excerpts.Line(message.Body, 160), message.Channel, w.WaitingSince, w.Messages,
                    w.Mood, customer.Owner, customer.OwnerUserId, dueAt, dueAt < now, w.LastOutAt is null)
                {
                    Unread = !seen.Contains(w.LastInId),
                };
            })];
    }

    /// The user has seen these messages (the page that shows them was opened): the customers' ones among them no
    /// longer make a conversation unread for that user.
    public async Task MarkReadAsync(Viewer viewer, IEnumerable<long> interactionIds, CancellationToken cancellationToken = default)
    {
        var ids = interactionIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var inbound = await db.Interactions.Where(i => ids.Contains(i.Id) && i.Direction == Direction.Inbound)
            .Where(i => !db.ReadMarks.Any(m => m.UserId == viewer.UserId && m.InteractionId == i.Id))
            .Select(i => i.Id).ToListAsync(cancellationToken);
        if (inbound.Count == 0)
        {
            return;
        }

        var marks = inbound.Select(id => new ReadMark { UserId = viewer.UserId, InteractionId = id, ReadAt = clock.GetUtcNow() }).ToList();
        db.ReadMarks.AddRange(marks);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same user's other tab marked them a moment ago: they are read either way.
            foreach (var mark in marks)
            {
                db.Entry(mark).State = EntityState.Detached;
            }
        }
    }

    /// Conversations whose reply fell overdue by the written response time in the last two days: the owner is told, and
    /// the managers, once per conversation and due time, as with an overdue promise. Returns how many were told about.
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        // Only what fell due lately: a book imported with weeks of unanswered history shows it in the inbox, not as
        // a flood of notifications.
        var recent = clock.GetUtcNow().AddDays(-2);
        var now = clock.GetUtcNow();
        var overdue = await DescribeAsync(Viewer.System, await FellDueAsync(recent, now, cancellationToken), cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var managers = await Roles.UserIdsAsync(db, Roles.Manager, cancellationToken);
        var told = 0;
        foreach (var c in overdue)
        {
            if (await db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ReplyOverdue && n.CustomerId == c.CustomerId && n.CaseId == c.CaseId && n.DueAt == c.DueAt, cancellationToken))
            {
                continue;
            }

            foreach (var user in managers.Prepend(c.OwnerUserId).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                db.Notifications.Add(new Notification
                {
                    RecipientUserId = user, Kind = NotificationKind.ReplyOverdue, CustomerId = c.CustomerId, CaseId = c.CaseId, DueAt = c.DueAt,
                    Subject = Excerpts.Fit(c.Subject ?? c.CaseTitle ?? c.Preview, 300), Company = c.Company, OwnerName = c.Owner, CreatedAt = now,
                });
            }

            told++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return told;
    }

    /// The stored conversations whose reply fell due between the two times, read a batch at a time in key order (the
    /// changed customers worked out first when they are few; otherwise the next sweep finds what the refresh stores).
    private async Task<List<WaitingConversation>> FellDueAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await health.CatchUpChangesAsync(cancellationToken);
        var stored = Stored(db.Customers);
        var fell = new List<WaitingConversation>();
        var (afterCustomer, afterCase) = (0, -1);
        while (true)
        {
            var batch = await stored.Where(w => w.CustomerId > afterCustomer || (w.CustomerId == afterCustomer && w.CaseKey > afterCase))
                .OrderBy(w => w.CustomerId).ThenBy(w => w.CaseKey).Take(SweepBatch).AsNoTracking().ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var due = await DueAsync(batch, cancellationToken);
            fell.AddRange(batch.Where(w => due[(w.CustomerId, w.CaseKey)] is { } at && at < to && at >= from));
            (afterCustomer, afterCase) = (batch[^1].CustomerId, batch[^1].CaseKey);
        }

        return [.. fell.OrderBy(w => w.WaitingSince).ThenBy(w => w.CustomerId).ThenBy(w => w.CaseKey)];
    }
}

/// One conversation waiting for us: since when, how many messages, the angriest mood among them, who owns it, and
/// when our reply is due by the written response time (null without one); First when we never answered it.
internal sealed record ConversationView(
    int CustomerId, string Company, int? CaseId, string? CaseTitle, string? Subject, string Preview, Channel Channel,
    DateTimeOffset WaitingSince, int Messages, AngerLevel? Mood, string? Owner,
    [property: System.Text.Json.Serialization.JsonIgnore] string? OwnerUserId, DateTimeOffset? DueAt, bool Overdue, bool First)
{
    /// The viewer has not seen its newest message yet (on the case or the customer's page).
    public bool Unread { get; init; }
}
