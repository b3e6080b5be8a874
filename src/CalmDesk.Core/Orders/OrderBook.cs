using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Orders;

/// Orders, their confirmations and deliveries, and the comparison a wrong-delivery case needs.
internal sealed class OrderBook(CalmDeskDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal) { "email", "chat", "phone", "letter", "portal" };

    public async Task<IReadOnlyList<OrderComparison>?> ListAsync(Viewer viewer, int customerId, CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return null;
        }

        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.OrderedOn).ThenByDescending(o => o.Id).Take(200).ToListAsync(cancellationToken);
        return [.. orders.Select(OrderComparison.Of)];
    }

    public async Task<OrderComparison?> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        await Visible(viewer).Include(o => o.Lines).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } order ? OrderComparison.Of(order) : null;

    public async Task<Outcome<OrderComparison>> CreateAsync(Viewer viewer, OrderInput input, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        if (input.CustomerId is { } customerId && !await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            errors["customerId"] = [Messages.Get("There is no such customer that you can see.")];
        }

        if (errors.Count == 0 && await db.Orders.AnyAsync(o => o.CustomerId == input.CustomerId && o.Number == input.Number!.Trim(), cancellationToken))
        {
            errors["number"] = [Messages.Format("This customer already has an order numbered {0}.", input.Number!.Trim())];
        }

        if (errors.Count > 0)
        {
            return Outcome<OrderComparison>.Invalid(errors);
        }

        var order = new Order
        {
            CustomerId = input.CustomerId!.Value, Number = input.Number!.Trim(), OrderedOn = input.OrderedOn!.Value, CreatedAt = clock.GetUtcNow(),
            Lines = [.. input.Lines!.Select(l => new OrderLine { Item = l.Item!.Trim(), Ordered = l.Ordered!.Value, UnitPrice = l.UnitPrice ?? 0, Confirmed = l.Confirmed, Delivered = l.Delivered })],
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<OrderComparison>.Done(OrderComparison.Of(order));
    }

    /// Records the confirmation as sent, word for word, with the quantities it confirmed (the ordered ones when not given).
    /// A confirmation is recorded once: its text is the evidence, so it is never overwritten.
    public async Task<Outcome<OrderComparison>> ConfirmAsync(
        Viewer viewer, int id, string? channel, string? text, IReadOnlyDictionary<string, decimal>? quantities, bool acknowledged, CancellationToken cancellationToken = default)
    {
        var order = await Visible(viewer).Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return Outcome<OrderComparison>.Missing();
        }

        if (order.ConfirmedAt is not null)
        {
            return Outcome<OrderComparison>.Invalid("confirmation", Messages.Get("The confirmation is already recorded; it is kept exactly as sent."));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 8000)
        {
            return Outcome<OrderComparison>.Invalid("text", Messages.Get("The confirmation text is required (at most 8000 characters): keep it exactly as it was sent."));
        }

        var channelName = (channel ?? "email").Trim().ToLowerInvariant();
        if (!Channels.Contains(channelName))
        {
            return Outcome<OrderComparison>.Invalid("channel", Messages.Format("Unknown channel '{0}'; use {1}.", channel, string.Join(", ", Channels)));
        }

        if (QuantitiesProblem(order, quantities) is { } problem)
        {
            return Outcome<OrderComparison>.Invalid("lines", problem);
        }

        foreach (var line in order.Lines)
        {
            line.Confirmed = Lookup(quantities, line.Item) ?? line.Ordered;
        }

        order.ConfirmedAt = clock.GetUtcNow();
        order.ConfirmationChannel = channelName;
        order.ConfirmationText = text;
        order.AcknowledgedAt = acknowledged ? order.ConfirmedAt : null;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<OrderComparison>.Done(OrderComparison.Of(order));
    }

    /// Records what was delivered, per item (items not named were delivered as confirmed).
    public async Task<Outcome<OrderComparison>> DeliverAsync(
        Viewer viewer, int id, DateOnly? on, IReadOnlyDictionary<string, decimal>? quantities, CancellationToken cancellationToken = default)
    {
        var order = await Visible(viewer).Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return Outcome<OrderComparison>.Missing();
        }

        // A delivery on record settles disputes only if nobody can quietly write a second one over it.
        if (order.DeliveredOn is { } recorded)
        {
            return Outcome<OrderComparison>.Invalid("deliveredOn", Messages.Format(
                "The delivery is already recorded (on {0}); it is kept as it was first recorded.", recorded.ToString("d", System.Globalization.CultureInfo.CurrentCulture)));
        }

        if (QuantitiesProblem(order, quantities) is { } problem)
        {
            return Outcome<OrderComparison>.Invalid("lines", problem);
        }

        foreach (var line in order.Lines)
        {
            line.Delivered = Lookup(quantities, line.Item) ?? line.Confirmed ?? line.Ordered;
        }

        if (!Data.BusinessDates.Allows(on))
        {
            return Outcome<OrderComparison>.Invalid("deliveredOn", Data.BusinessDates.Message);
        }

        order.DeliveredOn = on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<OrderComparison>.Done(OrderComparison.Of(order));
    }

    /// The order a case is about: one whose number the case's facts or messages mention, else the customer's latest
    /// delivered order before the case's last message.
    public async Task<OrderComparison?> ForCaseAsync(Viewer viewer, int caseId, CancellationToken cancellationToken = default)
    {
        var visible = db.Customers.VisibleTo(viewer);
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId && visible.Any(v => v.Id == c.CustomerId))
            .Select(c => new { c.CustomerId, c.FactOrder, c.UpdatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.CustomerId == found.CustomerId)
            .OrderByDescending(o => o.OrderedOn).ThenByDescending(o => o.Id).Take(100).ToListAsync(cancellationToken);
        if (orders.Count == 0)
        {
            return null;
        }

        var texts = await db.Interactions.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => (i.Subject ?? "") + " " + i.Body).ToListAsync(cancellationToken);
        texts.Add(found.FactOrder ?? "");
        var mentioned = orders.FirstOrDefault(o => texts.Any(t => t.Contains(o.Number, StringComparison.OrdinalIgnoreCase)));
        var day = DateOnly.FromDateTime(found.UpdatedAt.UtcDateTime);
        var order = mentioned ?? orders.FirstOrDefault(o => o.DeliveredOn is { } delivered && delivered <= day);
        return order is null ? null : OrderComparison.Of(order);
    }

    private IQueryable<Order> Visible(Viewer viewer)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return db.Orders.Where(o => visible.Any(c => c.Id == o.CustomerId));
    }

    private static decimal? Lookup(IReadOnlyDictionary<string, decimal>? quantities, string item) =>
        quantities?.FirstOrDefault(q => q.Key.Trim().Equals(item, StringComparison.OrdinalIgnoreCase)) is { Key: not null } pair ? pair.Value : null;

    /// What is wrong with the quantities of a confirmation or a delivery: an item the order does not have, or a
    /// negative quantity (refused as the order's own lines are). Null when they can be recorded.
    private static string? QuantitiesProblem(Order order, IReadOnlyDictionary<string, decimal>? quantities) =>
        quantities?.Keys.FirstOrDefault(k => !order.Lines.Any(l => l.Item.Equals(k.Trim(), StringComparison.OrdinalIgnoreCase))) is { } unknown
            ? Messages.Format("Order {0} has no item '{1}'.", order.Number, unknown)
            : quantities?.Values.Any(q => q < 0) == true
                ? Messages.Get("Every line needs an item (at most 200 characters) and quantities that are not negative.")
                : null;
}
