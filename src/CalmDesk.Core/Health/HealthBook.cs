using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Health;

/// Gathers the facts of every visible account from the records (invoices, payments, interactions, incidents, cases,
/// promises) and scores them, today and 90 days ago for the trend.
internal sealed class HealthBook(CalmDeskDbContext db, TimeProvider clock, IOptions<HealthOptions> options, IOptions<ReceivablesOptions> money)
{
    private static readonly HashSet<string> BoundarySituations = new(StringComparer.Ordinal) { "boundary_request", "unrealistic_demand", "unethical_request" };

    public DateOnly Today => money.Value.Today(clock);

    /// Every visible active or on-hold customer, worst score first.
    public async Task<IReadOnlyList<HealthReport>> PortfolioAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        var customers = db.Customers.VisibleTo(viewer).Where(c => c.Status == CustomerStatus.Active || c.Status == CustomerStatus.OnHold);
        return [.. (await ReportsAsync(customers, Today, cancellationToken)).OrderBy(r => r.Score).ThenBy(r => r.Facts.Company, StringComparer.Ordinal)];
    }

    public async Task<HealthReport?> ForAsync(Viewer viewer, int customerId, CancellationToken cancellationToken = default) =>
        (await ReportsAsync(db.Customers.VisibleTo(viewer).Where(c => c.Id == customerId), Today, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<HealthReport>> ReportsAsync(IQueryable<Customer> customers, DateOnly today, CancellationToken cancellationToken)
    {
        // One read of the records serves both today's facts and those of 90 days ago, for the trend.
        var records = await ReadAsync(customers, today.AddDays(-90), today, cancellationToken);
        var before = Facts(records, today.AddDays(-90)).ToDictionary(f => f.CustomerId);
        return [.. Facts(records, today).Select(f => AccountHealth.Score(f, options.Value, before.GetValueOrDefault(f.CustomerId)))];
    }

    public async Task<IReadOnlyList<HealthFacts>> FactsAsync(IQueryable<Customer> customers, DateOnly asOf, CancellationToken cancellationToken) =>
        Facts(await ReadAsync(customers, asOf, asOf, cancellationToken), asOf);

    private sealed record CustomerRow(int Id, string Company, string Currency, int? RepId, string? Rep);

    private sealed record TalkRow(int CustomerId, Channel Channel, Direction Direction, int? MinutesSpent, DateTimeOffset OccurredAt, double Anger, string Situations);

    private sealed record CaseRow(int CustomerId, CaseStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt);

    private sealed record PromiseRow(int CustomerId, CommitmentStatus Status, DateTimeOffset DueAt, DateTimeOffset? CompletedAt);

    private sealed record Records(
        List<CustomerRow> Customers, List<Invoice> Invoices, List<Payment> Payments, List<TalkRow> Talk, List<(int CustomerId, DateTimeOffset OccurredAt)> Incidents,
        List<CaseRow> Cases, List<PromiseRow> Promises);

    private static (DateTimeOffset Start, DateTimeOffset End) Window(DateOnly asOf)
    {
        var end = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (end.AddYears(-1), end);
    }

    /// Everything the facts of any day from `first` to `last` need, read once.
    private async Task<Records> ReadAsync(IQueryable<Customer> customers, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var list = await customers.AsNoTracking()
            .Select(c => new CustomerRow(c.Id, c.Company, c.Currency, c.AssignedRepId, c.AssignedRep == null ? null : c.AssignedRep.DisplayName))
            .ToListAsync(cancellationToken);
        // The customers as a subquery, not a list of ids: the query stays the same size however many there are.
        var ids = customers.Select(c => c.Id);
        var start = Window(first).Start;
        var end = Window(last).End;
        var invoices = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.CustomerId) && i.IssuedOn <= last).ToListAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.CustomerId) && p.ReceivedOn <= last).ToListAsync(cancellationToken);
        var talk = await db.Interactions.AsNoTracking()
            .Where(i => ids.Contains(i.CustomerId) && i.OccurredAt >= start && i.OccurredAt < end)
            .Select(i => new TalkRow(i.CustomerId, i.Channel, i.Direction, i.MinutesSpent, i.OccurredAt, i.Analysis == null ? 0 : i.Analysis.AngerScore, i.Analysis == null ? "" : i.Analysis.Situations))
            .ToListAsync(cancellationToken);
        var incidents = (await db.AbuseIncidents.AsNoTracking().Where(i => ids.Contains(i.CustomerId) && !i.WronglyDetected && i.OccurredAt >= start && i.OccurredAt < end)
            .Select(i => new { i.CustomerId, i.OccurredAt }).ToListAsync(cancellationToken)).Select(i => (i.CustomerId, i.OccurredAt)).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.CustomerId) && c.MergedIntoId == null && c.OpenedAt < end)
            .Select(c => new CaseRow(c.CustomerId, c.Status, c.OpenedAt, c.ResolvedAt)).ToListAsync(cancellationToken);
        var promises = await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.CustomerId) && c.DueAt >= start && c.DueAt < end)
            .Select(c => new PromiseRow(c.CustomerId, c.Status, c.DueAt, c.CompletedAt)).ToListAsync(cancellationToken);
        return new Records(list, invoices, payments, talk, incidents, cases, promises);
    }

    /// The facts of every customer over the twelve months before `asOf`, from records read for that day or a later one.
    private List<HealthFacts> Facts(Records records, DateOnly asOf)
    {
        var (start, end) = Window(asOf);
        var from = asOf.AddYears(-1);
        var recent = end.AddDays(-90);
        var invoices = records.Invoices.Where(i => i.IssuedOn <= asOf).ToList();
        var ledger = Ledger.Settle(invoices, records.Payments.Where(p => p.ReceivedOn <= asOf), asOf);
        var settings = options.Value;
        // Each customer's records looked up by id, not searched for in every record: linear in the book, not quadratic.
        var invoicesOf = invoices.ToLookup(i => i.CustomerId);
        var statesOf = ledger.Invoices.ToLookup(s => s.Invoice.CustomerId);
        var talkOf = records.Talk.ToLookup(i => i.CustomerId);
        var incidentsOf = records.Incidents.ToLookup(i => i.CustomerId);
        var casesOf = records.Cases.ToLookup(k => k.CustomerId);
        var promisesOf = records.Promises.ToLookup(p => p.CustomerId);
        return [.. records.Customers.Select(c =>
        {
            var mine = invoicesOf[c.Id].Where(i => i.IssuedOn > from && string.Equals(i.Currency, c.Currency, StringComparison.OrdinalIgnoreCase)).ToList();
            var states = statesOf[c.Id].Where(s => s.Invoice.Kind == InvoiceKind.Invoice).ToList();
            var overdue = states.Where(s => s.Open > 0 && s.Invoice.DueOn < asOf).ToList();
            var settledInWindow = states.Where(s => s.SettledOn is { } on && on > from).ToList();
            var talk = talkOf[c.Id].Where(i => i.OccurredAt >= start && i.OccurredAt < end).ToList();
            var inbound = talk.Where(i => i.Direction == Direction.Inbound).ToList();
            var minutes = talk.Sum(i => i.MinutesSpent ?? i.Channel switch
            {
                Channel.Email => settings.EmailMinutes,
                Channel.Call => settings.CallMinutes,
                Channel.Chat => settings.ChatMinutes,
                Channel.Meeting => settings.MeetingMinutes,
                _ => 0,
            });
            var openCases = casesOf[c.Id].Count(k => k.OpenedAt < end
                && (k.ResolvedAt is null ? k.Status is not (CaseStatus.Resolved or CaseStatus.Closed) : k.ResolvedAt >= end));
            var broken = promisesOf[c.Id].Count(p => p.DueAt >= start && p.DueAt < end && p.Status != CommitmentStatus.Cancelled
                && ((p.CompletedAt is { } done && done > p.DueAt) || (p.CompletedAt is null && p.Status == CommitmentStatus.Open && p.DueAt < end)));
            return new HealthFacts(c.Id, c.Company, c.Currency, c.RepId, c.Rep, asOf,
                Revenue: mine.Sum(i => i.Kind == InvoiceKind.CreditNote ? -i.Amount : i.Amount),
                Concessions: mine.Where(i => i.Kind == InvoiceKind.CreditNote).Sum(i => i.Amount),
                Minutes: minutes,
                AngerRecent: Average(inbound.Where(i => i.OccurredAt >= recent).Select(i => i.Anger)),
                AngerBefore: Average(inbound.Where(i => i.OccurredAt < recent && i.OccurredAt >= recent.AddDays(-90)).Select(i => i.Anger)),
                AbuseIncidents: incidentsOf[c.Id].Count(i => i.OccurredAt >= start && i.OccurredAt < end),
                BoundaryAsks: inbound.Count(i => i.Situations.Split(',').Any(BoundarySituations.Contains)),
                Overdue: overdue.Sum(s => s.Open),
                OldestOverdueDays: overdue.Count == 0 ? 0 : overdue.Max(s => s.DaysOverdue(asOf)),
                PaidLate: settledInWindow.Count(s => s.SettledOn > s.Invoice.DueOn),
                Paid: settledInWindow.Count,
                OpenCases: openCases,
                PromisesBrokenByUs: broken);
        })];
    }

    private static double Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }
}
