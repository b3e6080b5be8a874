using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Analysis;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Notifications;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Mail;

/// <summary>
/// The conversations waiting for our reply: a customer's written message (mail or chat) with nothing from us after
/// it, one row per customer and case, longest wait first. A rep sees their customers; a manager can see the team.
/// </summary>
internal sealed class InboxBook(CalmDeskDbContext db, TimeProvider clock, IOptions<ReceivablesOptions>? business = null)
{
    /// How far back a conversation still counts as waiting.
    public const int Days = 60;

    private static readonly Channel[] Written = [Channel.Email, Channel.Chat];

    /// Every conversation waiting for the viewer, longest wait first.
    public async Task<IReadOnlyList<ConversationView>> WaitingAsync(Viewer viewer, bool mineOnly, CancellationToken cancellationToken = default) =>
        await DescribeAsync(viewer, await WaitsAsync(viewer, mineOnly, cancellationToken), cancellationToken);

    /// A page of them: every waiting conversation is found and ordered from a few columns of the recent messages, and
    /// only the page's are read in full (subject, excerpt, customer, case, whether the viewer has seen it).
    public async Task<Page<ConversationView>> PageAsync(Viewer viewer, bool mineOnly, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var (number, size) = Page<ConversationView>.Clamp(page, pageSize ?? PageSize);
        var waits = await WaitsAsync(viewer, mineOnly, cancellationToken);
        var shown = await DescribeAsync(viewer, [.. waits.Skip((number - 1) * size).Take(size)], cancellationToken);
        return new Page<ConversationView>(shown, number, size, waits.Count);
    }

    /// Conversations a page of the inbox shows.
    public const int PageSize = 50;

    /// A waiting conversation before it is described: its unanswered messages (id, time, mood) and when the reply is due.
    private sealed record Wait(int CustomerId, int? CaseId, List<Unanswered> Open, DateTimeOffset? LastOut, DateTimeOffset? DueAt)
    {
        public DateTimeOffset Since => Open[0].OccurredAt;
    }

    private sealed record Unanswered(long Id, int CustomerId, int? CaseId, DateTimeOffset OccurredAt, AngerLevel? AngerCorrected, AngerLevel? Anger);

    /// The written messages of these customers in the window, read customer by customer through the (customer, time)
    /// index: a join from the customers, not a filter on every message (which SQLite runs as a scan of them all).
    private IQueryable<Interaction> Recent(IQueryable<Customer> customers)
    {
        var since = clock.GetUtcNow().AddDays(-Days);
        return from c in customers
               join i in db.Interactions on c.Id equals i.CustomerId
               where i.OccurredAt >= since && Written.Contains(i.Channel) && i.Direction != Direction.Internal
               select i;
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

    /// Every waiting conversation of the viewer's customers, longest wait first, from a few columns only.
    private async Task<List<Wait>> WaitsAsync(Viewer viewer, bool mineOnly, CancellationToken cancellationToken)
    {
        var recent = Recent(await CustomersAsync(viewer, mineOnly, cancellationToken));
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
        var terms = await db.Terms.AsNoTracking().Where(t => t.CustomerId == null || customerIds.Contains(t.CustomerId.Value)).ToListAsync(cancellationToken);
        var organisation = terms.FirstOrDefault(t => t.CustomerId == null);
        var termsOf = terms.Where(t => t.CustomerId is not null).ToLookup(t => t.CustomerId!.Value);
        var zone = (business?.Value ?? new ReceivablesOptions()).Zone;
        return [.. waiting.Select(w =>
            {
                var open = inbound[(w.CustomerId, w.CaseId)].Where(i => w.LastOut is null || i.OccurredAt > w.LastOut).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
                var due = ResponseClock.DueAt(open[0].OccurredAt, EffectiveTerms.Merge(organisation, termsOf[w.CustomerId].FirstOrDefault()), zone);
                return new Wait(w.CustomerId, w.CaseId, open, w.LastOut, due);
            })
            .OrderBy(w => w.Since).ThenBy(w => w.CustomerId).ThenBy(w => w.CaseId)];
    }

    /// The conversations as the inbox shows them, in the order given.
    private async Task<IReadOnlyList<ConversationView>> DescribeAsync(Viewer viewer, List<Wait> waits, CancellationToken cancellationToken)
    {
        if (waits.Count == 0)
        {
            return [];
        }

        var customerIds = waits.Select(w => w.CustomerId).Distinct().ToList();
        var caseIds = waits.Select(w => w.CaseId).OfType<int>().Distinct().ToList();
        var latestIds = waits.Select(w => w.Open[^1].Id).ToList();
        var latest = await db.Interactions.AsNoTracking().Where(i => latestIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Subject, Body = i.Body.Substring(0, 300), i.Channel })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var about = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Company, Owner = c.AssignedRep == null ? null : c.AssignedRep.DisplayName, OwnerUserId = c.AssignedRep == null ? null : c.AssignedRep.UserId })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        var now = clock.GetUtcNow();
        var seen = (await db.ReadMarks.AsNoTracking().Where(m => m.UserId == viewer.UserId && latestIds.Contains(m.InteractionId))
            .Select(m => m.InteractionId).ToListAsync(cancellationToken)).ToHashSet();
        return [.. waits.Select(w =>
            {
                var last = w.Open[^1];
                var message = latest[last.Id];
                var customer = about[w.CustomerId];
                return new ConversationView(
                    w.CustomerId, customer.Company, w.CaseId, w.CaseId is { } caseId ? cases.GetValueOrDefault(caseId) : null,
                    message.Subject, Excerpts.Line(message.Body, 160), message.Channel, w.Since, w.Open.Count,
                    last.AngerCorrected ?? w.Open.Max(i => i.AngerCorrected ?? i.Anger), customer.Owner, customer.OwnerUserId, w.DueAt, w.DueAt < now, w.LastOut is null)
                {
                    Unread = !seen.Contains(last.Id),
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
        var overdue = await DescribeAsync(Viewer.System,
            [.. (await WaitsAsync(Viewer.System, mineOnly: false, cancellationToken)).Where(w => w.DueAt is { } due && due < now && due >= recent)], cancellationToken);
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
