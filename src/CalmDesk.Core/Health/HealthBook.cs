using System.Globalization;
using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Mail;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CalmDesk.Health;

/// Gathers the facts of every visible account from the records (invoices, payments, interactions, incidents, cases,
/// promises) and scores them, today and 90 days ago for the trend.
internal sealed class HealthBook(
    CalmDeskDbContext db, TimeProvider clock, IOptions<HealthOptions> options, IOptions<ReceivablesOptions> money, IDbContextFactory<CalmDeskDbContext> contexts,
    IMemoryCache memo)
{
    private static readonly HashSet<string> BoundarySituations = new(StringComparer.Ordinal) { "boundary_request", "unrealistic_demand", "unethical_request" };

    public DateOnly Today => money.Value.Today(clock);

    /// How many out-of-date scores a read works out before answering; more than that (the first read of a big book,
    /// the morning after, a changed setting) are left to the background refresh, and the read says how many wait.
    public const int RefreshOnRead = 1_000;

    /// How many customers one transaction of the refresh works out.
    public const int RefreshBatch = 500;

    /// Raised when the stored facts gain one (2: the abuse the present rep took), so every score is worked out again.
    private const int FactsVersion = 2;

    /// The settings a stored score was worked out with: a change makes every score out of date.
    private string Settings => string.Create(CultureInfo.InvariantCulture,
        $"{FactsVersion}|{options.Value.GrossMarginPercent}|{options.Value.HourlyCost}|{options.Value.EmailMinutes}|{options.Value.CallMinutes}|{options.Value.ChatMinutes}|{options.Value.MeetingMinutes}");

    private IQueryable<Customer> Portfolio(Viewer viewer) =>
        db.Customers.VisibleTo(viewer).Where(c => c.Status == CustomerStatus.Active || c.Status == CustomerStatus.OnHold);

    /// The customers of a portfolio whose stored score is missing or out of date.
    private IQueryable<Customer> Stale(IQueryable<Customer> customers)
    {
        var fresh = Fresh();
        return customers.Where(c => !fresh.Any(h => h.CustomerId == c.Id));
    }

    /// The stored scores that are up to date: worked out since their customer's last change, today, with today's settings.
    private IQueryable<HealthScore> Fresh()
    {
        var today = Today;
        var settings = Settings;
        return db.HealthScores.AsNoTracking().Where(h => h.Computed == h.Changes && h.AsOf == today && h.Settings == settings);
    }

    /// Every visible active or on-hold customer, worst score first, a page at a time, from the stored scores.
    public async Task<HealthPage> PageAsync(Viewer viewer, bool squeakyOnly, int? page, int? size, CancellationToken cancellationToken = default)
    {
        var waiting = await CatchUpAsync(viewer, cancellationToken);
        var (number, pageSize) = Page<HealthReport>.Clamp(page, size);
        var rows = Stored(viewer);
        if (squeakyOnly)
        {
            rows = rows.Where(r => r.Score.CostsMore);
        }

        var total = await rows.CountAsync(cancellationToken);
        var ordered = squeakyOnly ? rows.OrderBy(r => r.Score.NetOrder).ThenBy(r => r.Id) : rows.OrderBy(r => r.Score.Score).ThenBy(r => r.Company).ThenBy(r => r.Id);
        var items = await ordered.Skip((number - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new HealthPage(new Page<HealthReport>([.. items.Select(Report)], number, pageSize, total), waiting);
    }

    /// What the manager's dashboard shows of account health, counted and ranked by the database from the stored
    /// scores: the spread of scores, the worst accounts, those costing more than they bring, and up to
    /// <paramref name="pointsPerCurrency"/> accounts per currency for the revenue-against-cost chart (all of them when
    /// there are fewer, else the ones costing more than they bring first and an even sample of the rest).
    public async Task<HealthSummary> SummaryAsync(Viewer viewer, int listed = 12, int pointsPerCurrency = 300, CancellationToken cancellationToken = default)
    {
        var waiting = await CatchUpAsync(viewer, cancellationToken);
        var summary = await MemoAsync($"summary|{listed}|{pointsPerCurrency}", viewer, () => SummaryHereAsync(viewer, listed, pointsPerCurrency, cancellationToken), cancellationToken);
        return summary with { Waiting = waiting };
    }

    /// A figure over a viewer's whole portfolio, worked out once per refresh of the stored rows (and day and settings),
    /// then read from memory: <see cref="ReadModelStamp"/> moves in every refresh batch's transaction, so any instance
    /// sees a change as soon as it is stored. The viewer's waiting rows are caught up first (once per scope), so the
    /// counter has moved for what was just saved. Kept a minute at most, so what a refresh does not store (a rep's new
    /// display name in a list) shows within one.
    public async Task<T> MemoAsync<T>(string what, Viewer viewer, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        await CatchUpAsync(viewer, cancellationToken);
        var version = await db.ReadModelStamps.AsNoTracking().Where(s => s.Name == ReadModelStamp.Health).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        var key = (nameof(HealthBook), what, viewer.SeesAll ? "" : viewer.UserId, version, Today, Settings);
        if (memo.TryGetValue(key, out T? kept) && kept is not null)
        {
            return kept;
        }

        var value = await compute();
        memo.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1), Size = 1 });
        return value;
    }

    private async Task<HealthSummary> SummaryHereAsync(Viewer viewer, int listed, int pointsPerCurrency, CancellationToken cancellationToken)
    {
        var rows = Stored(viewer);
        var scores = await rows.GroupBy(r => r.Score.Score >= 80 ? 4 : r.Score.Score / 20).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var buckets = new int[5];
        foreach (var bucket in scores)
        {
            buckets[Math.Clamp(bucket.Key, 0, 4)] += bucket.Count;
        }

        var atRiskCount = await rows.CountAsync(r => r.Score.Score < 50, cancellationToken);
        var atRisk = await rows.Where(r => r.Score.Score < 50).OrderBy(r => r.Score.Score).ThenBy(r => r.Company).ThenBy(r => r.Id).Take(listed).ToListAsync(cancellationToken);
        var squeaky = rows.Where(r => r.Score.CostsMore);
        var squeakyCount = await squeaky.CountAsync(cancellationToken);
        var squeakyFirst = await squeaky.OrderBy(r => r.Score.NetOrder).ThenBy(r => r.Id).Take(listed).ToListAsync(cancellationToken);
        var currencies = await rows.GroupBy(r => r.Currency).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ToListAsync(cancellationToken);
        var charts = new List<HealthPoints>();
        foreach (var currency in currencies)
        {
            var mine = rows.Where(r => r.Currency == currency.Key);
            var points = await mine.Where(r => r.Score.CostsMore).OrderBy(r => r.Score.NetOrder).Take(pointsPerCurrency).ToListAsync(cancellationToken);
            var room = pointsPerCurrency - points.Count;
            if (room > 0)
            {
                // Every k-th of the others by id, picked from their ids alone (a filter such as "id % k" can miss a whole
                // currency when its customers' ids share a pattern); then at most one batch of rows is read.
                var others = await mine.Where(r => !r.Score.CostsMore).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
                var picked = others.Count <= room ? others : [.. Enumerable.Range(0, room).Select(i => others[(int)((long)i * others.Count / room)])];
                points.AddRange(await mine.Where(r => picked.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken));
            }

            charts.Add(new HealthPoints(currency.Key, currency.Count, [.. points.Select(Report)]));
        }

        return new HealthSummary(buckets.Sum(), buckets, atRiskCount, [.. atRisk.Select(Report)], squeakyCount, [.. squeakyFirst.Select(Report)], charts, 0);
    }

    /// Works out the stored scores (and aged balances) that are missing or out of date, at most <paramref name="limit"/>
    /// of them, a batch at a time; returns how many. The background refresh calls it for the whole book; a read calls it
    /// for its viewer's customers when few are waiting. Every customer has a row, whatever its status: the aged book
    /// needs former customers who still owe. <paramref name="batchDone"/> hears the running total after each batch.
    public async Task<int> RefreshAsync(Viewer viewer, int limit, Action<int>? batchDone = null, CancellationToken cancellationToken = default)
    {
        // On a context of its own: the request that asked may hold tracked changes of its own (an invoice just added).
        await using var own = await contexts.CreateDbContextAsync(cancellationToken);
        var book = new HealthBook(own, clock, options, money, contexts, memo);
        var done = await book.RefreshHereAsync(
            (after, take) => book.Stale(own.Customers.VisibleTo(viewer)).Where(c => c.Id > after).OrderBy(c => c.Id).Select(c => c.Id).Take(take).ToListAsync(cancellationToken),
            limit, batchDone, cancellationToken);
        _caughtUp.Clear();
        return done;
    }

    /// What the background refresh does every few seconds: nothing when no row waits (found through the indexes, not by
    /// looking at every customer), the waiting ones by id when they are few, else the whole book a batch at a time.
    public async Task<int> RefreshWaitingAsync(CancellationToken cancellationToken) =>
        await WorkOutFewAsync(cancellationToken) ?? await RefreshAsync(Viewer.System, int.MaxValue, cancellationToken: cancellationToken);

    /// Works out these customers' scores (a read's catch-up: the few the whole book has waiting).
    private async Task RefreshAsync(IReadOnlyList<int> customerIds, CancellationToken cancellationToken)
    {
        await using var own = await contexts.CreateDbContextAsync(cancellationToken);
        var sorted = customerIds.Order().ToList();
        await new HealthBook(own, clock, options, money, contexts, memo).RefreshHereAsync(
            (after, take) => Task.FromResult(sorted.Where(id => id > after).Take(take).ToList()), sorted.Count, null, cancellationToken);
        _caughtUp.Clear();
    }

    /// Works out, a batch at a time, the customers <paramref name="next"/> names (given the last id done and how many
    /// to take), at most <paramref name="limit"/> of them.
    private async Task<int> RefreshHereAsync(Func<int, int, Task<List<int>>> next, int limit, Action<int>? batchDone, CancellationToken cancellationToken)
    {
        var today = Today;
        var settings = Settings;
        var done = 0;
        var after = 0;
        while (done < limit)
        {
            var ids = await next(after, Math.Min(RefreshBatch, limit - done));
            if (ids.Count == 0)
            {
                break;
            }

            after = ids[^1];
            // A customer without a row gets one first, so a change saved while its score is being worked out is counted.
            var known = await db.HealthScores.Where(h => ids.Contains(h.CustomerId)).Select(h => h.CustomerId).ToListAsync(cancellationToken);
            var missing = ids.Except(known).ToList();
            if (missing.Count > 0)
            {
                await db.Database.ExecuteSqlRawAsync(HealthChanges.InsertMissing(missing), cancellationToken);
            }

            // The change count is read before the records: a change saved after this read leaves the row out of date.
            var changes = await db.HealthScores.AsNoTracking().Where(h => ids.Contains(h.CustomerId)).ToDictionaryAsync(h => h.CustomerId, h => h.Changes, cancellationToken);
            var (reports, ledger) = Score(await ReadAsync(db.Customers.Where(c => ids.Contains(c.Id)), today.AddDays(-90), today, cancellationToken), today);
            var aging = Aging.Rows(ledger, reports.ToDictionary(r => r.Facts.CustomerId, r => r.Facts.Company));
            var conversations = await InboxBook.WorkOutAsync(db, db.Customers.Where(c => ids.Contains(c.Id)), clock.GetUtcNow(), cancellationToken);
            var figures = await CaseFigure.WorkOut(db.Cases.Where(c => ids.Contains(c.CustomerId) && c.MergedIntoId == null)).AsNoTracking().ToListAsync(cancellationToken);
            var customerFigures = await CustomerFigure.WorkOutAsync(db, ids, cancellationToken);
            await StoreAsync(ids, ledger, reports, aging, new BatchExtras(conversations, figures, customerFigures), changes, today, settings, cancellationToken);
            db.ChangeTracker.Clear();
            done += ids.Count;
            batchDone?.Invoke(done);
        }

        return done;
    }

    /// What a batch stores besides the scores and balances: the conversations waiting for a reply, the cases' and the
    /// customers' figures.
    private sealed record BatchExtras(List<WaitingConversation> Conversations, List<CaseFigure> Figures, List<CustomerFigure> CustomerFigures);

    /// Writes one batch in one transaction: the invoices' settled state, the scores, the balances by lateness, the conversations
    /// waiting for a reply, the cases' and the customers' figures.
    private async Task StoreAsync(
        List<int> ids, LedgerPosition ledger, IEnumerable<HealthReport> reports, IReadOnlyList<AgingRow> aging, BatchExtras extras,
        Dictionary<int, long> changes, DateOnly today, string settings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            Settle(ledger);
            var rows = await db.HealthScores.Where(h => ids.Contains(h.CustomerId)).ToDictionaryAsync(h => h.CustomerId, cancellationToken);
            foreach (var report in reports)
            {
                if (rows.TryGetValue(report.Facts.CustomerId, out var row) && changes.TryGetValue(report.Facts.CustomerId, out var seen))
                {
                    Store(row, report, seen, today, settings);
                }
            }

            await db.AgingBalances.Where(a => ids.Contains(a.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            db.AgingBalances.AddRange(aging.Select(a => new AgingBalance
            {
                CustomerId = a.CustomerId, Currency = a.Currency, Current = a.Current, Days1To30 = a.Days1To30, Days31To60 = a.Days31To60,
                Days61To90 = a.Days61To90, Over90 = a.Over90, Unapplied = a.Unapplied, OldestBucket = a.OldestBucket, OverdueOrder = (double)a.Overdue,
            }));
            await db.WaitingConversations.Where(w => ids.Contains(w.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            db.WaitingConversations.AddRange(extras.Conversations);
            await db.CaseFigures.Where(f => ids.Contains(f.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            db.CaseFigures.AddRange(extras.Figures);
            await db.CustomerFigures.Where(f => ids.Contains(f.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            db.CustomerFigures.AddRange(extras.CustomerFigures);
            await db.SaveChangesAsync(cancellationToken);
            await db.ReadModelStamps.Where(s => s.Name == ReadModelStamp.Health).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (Conflicts.IsConflict(exception))
        {
            // Another refresh (the background's, another instance's, another reader's) stored these customers at the same
            // moment. Its figures may be older than ours, but then it stored the older change count with them, so the rows
            // still wait: the next refresh (a reader's catch-up looks again at once) works them out.
            await transaction.RollbackAsync(cancellationToken);
        }
    }

    /// Works out a viewer's out-of-date scores and balances before a read when there are few; returns how many are left
    /// waiting.
    public async Task<int> CatchUpAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        // One check per request: a page reads the aged book, the late payers and the discount in one scope. A save in
        // the scope (this request changed something) asks again.
        if (_caughtUp.TryGetValue(viewer, out var known) && known.Saves == db.Saves)
        {
            return known.Left;
        }

        var left = await CatchUpOnceAsync(viewer, cancellationToken);
        _caughtUp[viewer] = (db.Saves, left);
        return left;
    }

    private readonly Dictionary<Viewer, (long Saves, int Left)> _caughtUp = [];

    /// One read's catch-up at a time in this process (other instances' are settled by the rollback of the loser).
    private static readonly SemaphoreSlim CatchUpGate = new(1, 1);

    /// How long a reader waits for another's catch-up before doing its own: not for ever, since a reader may hold a
    /// write transaction of its own that the other's refresh is waiting for (SQLite has one writer).
    private static readonly TimeSpan GateWait = TimeSpan.FromSeconds(2);

    private async Task<int> CatchUpOnceAsync(Viewer viewer, CancellationToken cancellationToken) =>
        await WorkOutFewAsync(cancellationToken) is not null
            ? 0
            // Many wait (first start, the morning after, a changed setting): the background refresh works them out; this
            // reader hears how many of theirs are still waiting.
            : await Stale(db.Customers.VisibleTo(viewer)).CountAsync(cancellationToken);

    /// Works out the customers whose records changed since their stored rows were (not those only another day or other
    /// settings made out of date): what the inbox's stored conversations need before a read. False when more than
    /// <see cref="RefreshOnRead"/> wait, left to the background refresh.
    public async Task<bool> CatchUpChangesAsync(CancellationToken cancellationToken) =>
        await WorkOutFewAsync(cancellationToken, changedOnly: true) is not null;

    /// Usually nothing, or the few rows of the last saves, waits in the whole book: found through indexes, not by looking
    /// at every customer, and worked out whoever's they are. Returns how many were worked out, or null when more than
    /// <see cref="RefreshOnRead"/> wait (left to the whole-book refresh).
    private async Task<int?> WorkOutFewAsync(CancellationToken cancellationToken, bool changedOnly = false)
    {
        var waiting = await WaitingAsync(RefreshOnRead + 1, cancellationToken, changedOnly);
        if (waiting.Count == 0)
        {
            return 0;
        }

        if (waiting.Count > RefreshOnRead)
        {
            return null;
        }

        // Whoever arrives while another works the same rows out waits for it, then finds them done.
        var entered = await CatchUpGate.WaitAsync(GateWait, cancellationToken);
        try
        {
            waiting = entered ? await WaitingAsync(RefreshOnRead + 1, cancellationToken, changedOnly) : waiting;
            if (waiting.Count > RefreshOnRead)
            {
                return null;
            }

            if (waiting.Count > 0)
            {
                await RefreshAsync(waiting, cancellationToken);
                // A refresh that lost the race to another one (the background's, another instance's) stores nothing, and the
                // winner may have read the records before the latest save (on PostgreSQL each statement sees what was
                // committed when it began): look again, at most twice, so that this read shows every change saved before it.
                for (var again = 0; again < 2; again++)
                {
                    var left = await WaitingAsync(RefreshOnRead + 1, cancellationToken, changedOnly);
                    if (left.Count == 0 || left.Count > RefreshOnRead)
                    {
                        break;
                    }

                    await RefreshAsync(left, cancellationToken);
                }
            }

            return waiting.Count;
        }
        finally
        {
            if (entered)
            {
                CatchUpGate.Release();
            }
        }
    }

    /// Up to <paramref name="limit"/> customers of the whole book whose stored score is out of date, found through the
    /// indexes on the stored rows: changed since computed (a partial index), another day, other settings. Every customer
    /// has a row from the save that added it (the migration gave one to those before); customers written around the
    /// model (a bulk load) after the last one with a row get theirs here first.
    private async Task<List<int>> WaitingAsync(int limit, CancellationToken cancellationToken, bool changedOnly = false)
    {
        var today = Today;
        var settings = Settings;
        // Both maxima and whether any row changed since computed in one statement: every read of a list asks, and usually
        // nothing has, so that read costs one statement.
        var last = (await db.Database.SqlQueryRaw<Maxima>(Maxima.Query).ToListAsync(cancellationToken)).Single();
        var added = (last.Customer ?? 0) > (last.Row ?? 0);
        if (added)
        {
            await db.Database.ExecuteSqlRawAsync(HealthChanges.InsertMissingAfter, [last.Row ?? 0], cancellationToken);
        }

        var rows = db.HealthScores.AsNoTracking();
        var found = added || last.Changed > 0
            ? await rows.Where(h => h.Computed != h.Changes).Select(h => h.CustomerId).Take(limit).ToListAsync(cancellationToken)
            : [];
        if (changedOnly)
        {
            return found;
        }

        if (found.Count < limit)
        {
            found.AddRange(await rows.Where(h => h.AsOf < today || h.AsOf > today).Select(h => h.CustomerId).Take(limit).ToListAsync(cancellationToken));
        }

        if (found.Count < limit)
        {
            found.AddRange(await rows.Where(h => string.Compare(h.Settings, settings) < 0 || string.Compare(h.Settings, settings) > 0)
                .Select(h => h.CustomerId).Take(limit).ToListAsync(cancellationToken));
        }

        return [.. found.Distinct().Take(limit)];
    }

    /// The last customer's id, the last customer with a stored row (null on an empty book), and whether a stored row changed
    /// since it was computed (1 or 0: its partial index answers without reading the table).
    internal sealed class Maxima
    {
        public const string Query = """
            SELECT (SELECT MAX("Id") FROM "Customers") AS "Customer", (SELECT MAX("CustomerId") FROM "HealthScores") AS "Row",
                   (SELECT COUNT(*) FROM (SELECT 1 FROM "HealthScores" WHERE "Computed" <> "Changes" LIMIT 1) AS "Waiting") AS "Changed"
            """;

        public int? Customer { get; init; }

        public int? Row { get; init; }

        public long Changed { get; init; }
    }

    /// Writes each invoice's settled state where it changed (only those columns: an edit saved meanwhile marks the
    /// customer out of date again).
    private void Settle(LedgerPosition ledger)
    {
        foreach (var state in ledger.Invoices)
        {
            var invoice = state.Invoice;
            var days = state.SettledOn is { } on ? on.DayNumber - invoice.IssuedOn.DayNumber : (int?)null;
            if (invoice.Open == state.Open && invoice.Outstanding == state.Open > 0 && invoice.SettledOn == state.SettledOn && invoice.DaysToPay == days)
            {
                continue;
            }

            var entry = db.Invoices.Attach(invoice);
            invoice.Open = state.Open;
            invoice.Outstanding = state.Open > 0;
            invoice.SettledOn = state.SettledOn;
            invoice.DaysToPay = days;
            entry.State = EntityState.Unchanged;
            foreach (var changed in new[] { nameof(Invoice.Open), nameof(Invoice.Outstanding), nameof(Invoice.SettledOn), nameof(Invoice.DaysToPay) })
            {
                entry.Property(changed).IsModified = true;
            }
        }
    }

    private static void Store(HealthScore row, HealthReport report, long seen, DateOnly today, string settings)
    {
        var f = report.Facts;
        row.Computed = seen;
        row.AsOf = today;
        row.Settings = settings;
        row.Score = report.Score;
        row.BeforeScore = report.Trend is { } trend ? report.Score - trend : null;
        row.CostsMore = report.CostsMoreThanItBrings;
        row.NetOrder = (double)report.Net;
        row.Revenue = f.Revenue;
        row.Concessions = f.Concessions;
        row.Minutes = f.Minutes;
        row.AngerRecent = f.AngerRecent;
        row.AngerBefore = f.AngerBefore;
        row.AbuseIncidents = f.AbuseIncidents;
        row.AbuseAtRep = f.AbuseAtRep;
        row.BoundaryAsks = f.BoundaryAsks;
        row.Overdue = f.Overdue;
        row.OldestOverdueDays = f.OldestOverdueDays;
        row.PaidLate = f.PaidLate;
        row.Paid = f.Paid;
        row.OpenCases = f.OpenCases;
        row.PromisesBrokenByUs = f.PromisesBrokenByUs;
    }

    /// A stored score with its customer; built by member initialisation so queries can go on filtering and grouping it.
    private sealed class StoredRow
    {
        public int Id { get; init; }

        public string Company { get; init; } = "";

        public string Currency { get; init; } = "";

        public int? RepId { get; init; }

        public string? Rep { get; init; }

        public required HealthScore Score { get; init; }
    }

    /// The visible portfolio's stored scores (a customer whose score was never worked out is not among them yet).
    private IQueryable<StoredRow> Stored(Viewer viewer) =>
        Rows(Portfolio(viewer), db.HealthScores.AsNoTracking()).Where(r => r.Score.Computed >= 0);

    /// These customers with their scores among the given ones, as a stored report reads them.
    private static IQueryable<StoredRow> Rows(IQueryable<Customer> customers, IQueryable<HealthScore> scores) =>
        from c in customers
        join h in scores on c.Id equals h.CustomerId
        select new StoredRow { Id = c.Id, Company = c.Company, Currency = c.Currency, RepId = c.AssignedRepId, Rep = c.AssignedRep == null ? null : c.AssignedRep.DisplayName, Score = h };

    /// The report of a stored score, scored again from its facts (simple arithmetic) so penalties carry their figures.
    private HealthReport Report(StoredRow row)
    {
        var h = row.Score;
        var facts = new HealthFacts(row.Id, row.Company, row.Currency, row.RepId, row.Rep, h.AsOf, h.Revenue, h.Concessions, h.Minutes, h.AngerRecent,
            h.AngerBefore, h.AbuseIncidents, h.BoundaryAsks, h.Overdue, h.OldestOverdueDays, h.PaidLate, h.Paid, h.OpenCases, h.PromisesBrokenByUs,
            h.AbuseAtRep);
        var report = AccountHealth.Score(facts, options.Value);
        return report with { Trend = h.BeforeScore is { } before ? report.Score - before : null };
    }

    /// One customer's health (their page): the stored score when it is up to date, which the read's catch-up makes it
    /// when few customers wait; else worked out here from their records (a year of them: slow for the busiest).
    public async Task<HealthReport?> ForAsync(Viewer viewer, int customerId, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(viewer, cancellationToken);
        var customer = db.Customers.VisibleTo(viewer).Where(c => c.Id == customerId);
        var stored = await Rows(customer, Fresh()).SingleOrDefaultAsync(cancellationToken);
        return stored is not null ? Report(stored) : (await ReportsAsync(customer, Today, cancellationToken)).SingleOrDefault();
    }

    /// One customer's health worked out from their records now, whatever is stored: what the stored score must agree with.
    public async Task<HealthReport?> WorkOutAsync(Viewer viewer, int customerId, CancellationToken cancellationToken = default) =>
        (await ReportsAsync(db.Customers.VisibleTo(viewer).Where(c => c.Id == customerId), Today, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<HealthReport>> ReportsAsync(IQueryable<Customer> customers, DateOnly today, CancellationToken cancellationToken) =>
        Score(await ReadAsync(customers, today.AddDays(-90), today, cancellationToken), today).Reports;

    /// Today's reports, with the trend from the facts of 90 days before, from one read of the records; and today's
    /// ledger they were scored on (the refresh stores it too).
    private (List<HealthReport> Reports, LedgerPosition Ledger) Score(Records records, DateOnly today)
    {
        var ledger = Ledger.Settle(records.Invoices, records.Payments, today);
        var before = Facts(records, today.AddDays(-90)).ToDictionary(f => f.CustomerId);
        return ([.. Facts(records, today, ledger).Select(f => AccountHealth.Score(f, options.Value, before.GetValueOrDefault(f.CustomerId)))], ledger);
    }

    public async Task<IReadOnlyList<HealthFacts>> FactsAsync(IQueryable<Customer> customers, DateOnly asOf, CancellationToken cancellationToken) =>
        Facts(await ReadAsync(customers, asOf, asOf, cancellationToken), asOf);

    private sealed record CustomerRow(int Id, string Company, string Currency, int? RepId, string? Rep);

    private sealed record TalkRow(int CustomerId, Channel Channel, Direction Direction, int? MinutesSpent, DateTimeOffset OccurredAt, double Anger, string Situations);

    private sealed record CaseRow(int CustomerId, CaseStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt);

    private sealed record PromiseRow(int CustomerId, CommitmentStatus Status, DateTimeOffset DueAt, DateTimeOffset? CompletedAt);

    private sealed record Records(
        List<CustomerRow> Customers, List<Invoice> Invoices, List<Payment> Payments, List<TalkRow> Talk, List<(int CustomerId, DateTimeOffset OccurredAt, int? RepId)> Incidents,
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
            .Select(i => new { i.CustomerId, i.OccurredAt, i.RepId }).ToListAsync(cancellationToken)).Select(i => (i.CustomerId, i.OccurredAt, i.RepId)).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.CustomerId) && c.MergedIntoId == null && c.OpenedAt < end)
            .Select(c => new CaseRow(c.CustomerId, c.Status, c.OpenedAt, c.ResolvedAt)).ToListAsync(cancellationToken);
        var promises = await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.CustomerId) && c.DueAt >= start && c.DueAt < end)
            .Select(c => new PromiseRow(c.CustomerId, c.Status, c.DueAt, c.CompletedAt)).ToListAsync(cancellationToken);
        return new Records(list, invoices, payments, talk, incidents, cases, promises);
    }

    /// The facts of every customer over the twelve months before `asOf`, from records read for that day or a later one
    /// (and the ledger settled on that day, when the caller has it already).
    private List<HealthFacts> Facts(Records records, DateOnly asOf, LedgerPosition? ledger = null)
    {
        var (start, end) = Window(asOf);
        var from = asOf.AddYears(-1);
        var recent = end.AddDays(-90);
        var invoices = records.Invoices.Where(i => i.IssuedOn <= asOf).ToList();
        ledger ??= Ledger.Settle(invoices, records.Payments, asOf);
        var settings = options.Value;
        // Each customer's records looked up by id, not searched for in every record: linear in the book, not quadratic.
        var invoicesOf = invoices.ToLookup(i => i.CustomerId);
        var statesOf = ledger.Invoices.ToLookup(s => s.Invoice.CustomerId);
        var talkOf = records.Talk.ToLookup(i => i.CustomerId);
        var incidentsOf = records.Incidents.ToLookup(i => i.CustomerId);
        var casesOf = records.Cases.ToLookup(k => k.CustomerId);
        var promisesOf = records.Promises.ToLookup(p => p.CustomerId);
        // An open promise is broken once its moment has passed: today's later ones are not broken yet.
        var passed = clock.GetUtcNow() is var now && now < end ? now : end;
        return [.. records.Customers.Select(c =>
        {
            var mine = invoicesOf[c.Id].Where(i => i.IssuedOn > from && string.Equals(i.Currency, c.Currency, StringComparison.OrdinalIgnoreCase)).ToList();
            var states = statesOf[c.Id].Where(s => s.Invoice.Kind == InvoiceKind.Invoice).ToList();
            var overdue = states.Where(s => s.Open > 0 && s.Invoice.DueOn < asOf).ToList();
            var settledInWindow = states.Where(s => s.SettledOn is { } on && on > from).ToList();
            var talk = talkOf[c.Id].Where(i => i.OccurredAt >= start && i.OccurredAt < end).ToList();
            var inbound = talk.Where(i => i.Direction == Direction.Inbound).ToList();
            var incidents = incidentsOf[c.Id].Where(i => i.OccurredAt >= start && i.OccurredAt < end).ToList();
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
                && ((p.CompletedAt is { } done && done > p.DueAt) || (p.CompletedAt is null && p.Status == CommitmentStatus.Open && p.DueAt < passed)));
            return new HealthFacts(c.Id, c.Company, c.Currency, c.RepId, c.Rep, asOf,
                Revenue: mine.Sum(i => i.Kind == InvoiceKind.CreditNote ? -i.Amount : i.Amount),
                Concessions: mine.Where(i => i.Kind == InvoiceKind.CreditNote).Sum(i => i.Amount),
                Minutes: minutes,
                AngerRecent: Average(inbound.Where(i => i.OccurredAt >= recent).Select(i => i.Anger)),
                AngerBefore: Average(inbound.Where(i => i.OccurredAt < recent && i.OccurredAt >= recent.AddDays(-90)).Select(i => i.Anger)),
                AbuseIncidents: incidents.Count,
                BoundaryAsks: inbound.Count(i => i.Situations.Split(',').Any(BoundarySituations.Contains)),
                Overdue: overdue.Sum(s => s.Open),
                OldestOverdueDays: overdue.Count == 0 ? 0 : overdue.Max(s => s.DaysOverdue(asOf)),
                PaidLate: settledInWindow.Count(s => s.SettledOn > s.Invoice.DueOn),
                Paid: settledInWindow.Count,
                OpenCases: openCases,
                PromisesBrokenByUs: broken,
                AbuseAtRep: incidents.Count(i => i.RepId == c.RepId));
        })];
    }

    private static double Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }
}

/// <summary>A page of account health, with how many scores are still being worked out in the background.</summary>
internal sealed record HealthPage(Page<HealthReport> Page, int Waiting);

/// <summary>The accounts of one currency for the revenue-against-cost chart: how many there are and those drawn.</summary>
internal sealed record HealthPoints(string Currency, int Count, IReadOnlyList<HealthReport> Points);

/// <summary>The dashboard's view of account health (see <see cref="HealthBook.SummaryAsync"/>).</summary>
internal sealed record HealthSummary(
    int Total, IReadOnlyList<int> Buckets, int AtRiskCount, IReadOnlyList<HealthReport> AtRisk, int SqueakyCount, IReadOnlyList<HealthReport> Squeaky,
    IReadOnlyList<HealthPoints> Charts, int Waiting);
