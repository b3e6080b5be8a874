using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Receivables;

/// Invoices, payments and what they add up to: the aged book, a customer's account, DSO and the discount's effect.
/// Everything is computed from the stored documents on the day asked, in the business's time zone; a rep sees only
/// their own customers' money.
internal sealed class ReceivablesBook(CalmDeskDbContext db, TimeProvider clock, IOptions<ReceivablesOptions> options, Health.HealthBook? health = null)
{
    private readonly Dictionary<(string UserId, bool SeesAll, int? CustomerId),
        Task<(Dictionary<int, (string Company, string Language)> Customers, List<Invoice> Documents, List<Payment> Payments)>> _snapshots = [];

    private ReceivablesOptions Settings => options.Value;

    public DateOnly Today => Settings.Today(clock);

    /// The aged book on a day: every customer's open balance by lateness (a page of them, oldest debts first), the totals
    /// per currency and DSO. Today's is read from the balances the health refresh keeps (see
    /// <see cref="Health.HealthBook.CatchUpAsync"/>); another day's is settled from every invoice and payment.
    public async Task<AgedBook> AgedBookAsync(Viewer viewer, DateOnly? asOf = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var day = asOf ?? Today;
        var (number, size) = Page<AgingRow>.Clamp(page, pageSize ?? AgedBook.DefaultPageSize);
        if (health is not null && day == Today)
        {
            return await StoredAgedBookAsync(health, viewer, day, number, size, cancellationToken);
        }

        var (companies, documents, payments) = await LoadAsync(viewer, null, cancellationToken);
        var position = Ledger.Settle(documents, payments, day);
        var rows = Aging.Rows(position, companies.ToDictionary(c => c.Key, c => c.Value.Company));
        var totals = Aging.Totals(rows);
        return new AgedBook(day, [.. rows.Skip((number - 1) * size).Take(size)], totals, Aging.Dso(totals, Aging.Sales(documents, day, Settings.DsoDays), Settings.DsoDays))
        {
            CustomerCount = rows.Count, Page = number, PageSize = size,
        };
    }

    private async Task<AgedBook> StoredAgedBookAsync(Health.HealthBook book, Viewer viewer, DateOnly day, int number, int size, CancellationToken cancellationToken)
    {
        var waiting = await book.CatchUpAsync(viewer, cancellationToken);
        var visible = db.Customers.VisibleTo(viewer);
        var balances = from a in db.AgingBalances.AsNoTracking() join c in visible on a.CustomerId equals c.Id select new { a, c.Company };
        var shown = await balances.OrderByDescending(b => b.a.OldestBucket).ThenByDescending(b => b.a.OverdueOrder).ThenBy(b => b.Company).ThenBy(b => b.a.CustomerId)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        // Counted and summed over every balance and the period's sales once per refresh, not on every page.
        var (count, totalRows, salesByCurrency) = await book.MemoAsync($"aged|{Settings.DsoDays}", viewer, async () =>
        {
            var count = await balances.CountAsync(cancellationToken);
            var totals = await balances.GroupBy(b => b.a.Currency).Select(g => new
            {
                g.Key, Current = g.Sum(b => b.a.Current), Days1To30 = g.Sum(b => b.a.Days1To30), Days31To60 = g.Sum(b => b.a.Days31To60),
                Days61To90 = g.Sum(b => b.a.Days61To90), Over90 = g.Sum(b => b.a.Over90), Unapplied = g.Sum(b => b.a.Unapplied),
            }).ToListAsync(cancellationToken);
            var from = day.AddDays(-Settings.DsoDays);
            var sales = await db.Invoices.AsNoTracking().Where(i => visible.Any(c => c.Id == i.CustomerId) && i.IssuedOn > from && i.IssuedOn <= day)
                .GroupBy(i => new { i.Currency, i.Kind }).Select(g => new { g.Key.Currency, g.Key.Kind, Amount = g.Sum(i => i.Amount) }).ToListAsync(cancellationToken);
            IReadOnlyList<AgingRow> totalRows = [.. totals.Select(t => new AgingRow(0, "", t.Key, t.Current, t.Days1To30, t.Days31To60, t.Days61To90, t.Over90, t.Unapplied))
                .OrderBy(t => t.Currency, StringComparer.Ordinal)];
            IReadOnlyDictionary<string, decimal> salesByCurrency = sales.GroupBy(s => s.Currency.ToUpperInvariant())
                .ToDictionary(g => g.Key, g => g.Sum(s => s.Kind == InvoiceKind.CreditNote ? -s.Amount : s.Amount));
            return (count, totalRows, salesByCurrency);
        }, cancellationToken);
        return new AgedBook(
            day,
            [.. shown.Select(b => new AgingRow(b.a.CustomerId, b.Company, b.a.Currency, b.a.Current, b.a.Days1To30, b.a.Days31To60, b.a.Days61To90, b.a.Over90, b.a.Unapplied))],
            totalRows,
            Aging.Dso(totalRows, salesByCurrency, Settings.DsoDays))
        {
            CustomerCount = count, Page = number, PageSize = size, Waiting = waiting,
        };
    }

    public async Task<CustomerAccount?> AccountAsync(Viewer viewer, int customerId, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var day = asOf ?? Today;
        var (companies, documents, payments) = await LoadAsync(viewer, customerId, cancellationToken);
        if (!companies.TryGetValue(customerId, out var customer))
        {
            return null;
        }

        var position = Ledger.Settle(documents, payments, day);
        var states = position.Invoices.ToDictionary(s => s.Invoice.Id);
        var numbers = documents.ToDictionary(d => d.Id, d => d.Number);
        return new CustomerAccount(
            customerId, customer.Company, customer.Language, day,
            Aging.Rows(position, new Dictionary<int, string> { [customerId] = customer.Company }),
            [.. documents.OrderByDescending(d => d.IssuedOn).ThenByDescending(d => d.Id).Select(d => View(d, customer.Company, states.GetValueOrDefault(d.Id), day))],
            [.. payments.OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id)
                .Select(p => new PaymentView(p.Id, p.CustomerId, p.Reference, p.InvoiceId is { } id ? numbers.GetValueOrDefault(id) : null, p.ReceivedOn, p.Amount, p.Currency, p.DiscountTaken))],
            PaymentBehaviour.Monthly(position, 12));
    }

    /// Open invoices past their due date, most overdue first, for the viewer's customers.
    public async Task<IReadOnlyList<InvoiceView>> OverdueAsync(Viewer viewer, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var day = asOf ?? Today;
        var (companies, states) = await OverdueCoreAsync(viewer, day, null, cancellationToken);
        return [.. states.Select(s => View(s.Invoice, companies[s.Invoice.CustomerId].Company, s, day))];
    }

    /// A page of <see cref="OverdueAsync"/> (today's, in the same order) and how many there are: every overdue invoice is
    /// ordered from three columns, and only the page's are read whole.
    public async Task<Page<InvoiceView>> OverduePageAsync(Viewer viewer, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var day = Today;
        if (health is null)
        {
            var all = await OverdueAsync(viewer, day, cancellationToken);
            return new Page<InvoiceView>([.. all.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, all.Count);
        }

        await health.CatchUpAsync(viewer, cancellationToken);
        var overdue = from i in db.Invoices.AsNoTracking()
                      join c in db.Customers.VisibleTo(viewer) on i.CustomerId equals c.Id
                      where i.Outstanding && i.Kind == InvoiceKind.Invoice && i.DueOn < day
                      select i;
        var order = (await overdue.Select(i => new { i.Id, i.DueOn, i.Open }).ToListAsync(cancellationToken))
            .OrderBy(i => i.DueOn).ThenByDescending(i => i.Open).ThenBy(i => i.Id).ToList();
        var ids = order.Skip((page - 1) * pageSize).Take(pageSize).Select(i => i.Id).ToList();
        var rows = await (from i in db.Invoices.AsNoTracking()
                          join c in db.Customers on i.CustomerId equals c.Id
                          where ids.Contains(i.Id)
                          select new { Invoice = i, c.Company }).ToDictionaryAsync(r => r.Invoice.Id, cancellationToken);
        return new Page<InvoiceView>(
            [.. ids.Select(id => rows[id]).Select(r => View(r.Invoice, r.Company, new InvoiceState(r.Invoice, r.Invoice.Open, r.Invoice.SettledOn), day))],
            page, pageSize, order.Count);
    }

    /// The same invoices as ledger positions, for the code that drafts letters about them.
    internal async Task<IReadOnlyList<InvoiceState>> OverdueStatesAsync(Viewer viewer, DateOnly day, CancellationToken cancellationToken) =>
        (await OverdueCoreAsync(viewer, day, null, cancellationToken)).States;

    /// The overdue invoices of these customers only (a page of late payers).
    internal async Task<IReadOnlyList<InvoiceState>> OverdueStatesAsync(Viewer viewer, DateOnly day, IReadOnlyCollection<int> customerIds, CancellationToken cancellationToken) =>
        (await OverdueCoreAsync(viewer, day, customerIds, cancellationToken)).States;

    /// Every late account (customer and currency), most overdue first: the order of the late payers' pages. Today's is
    /// worked out once per refresh of the stored balances.
    internal async Task<IReadOnlyList<(int CustomerId, string Currency)>> LateAccountsAsync(Viewer viewer, DateOnly day, CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<(int CustomerId, string Currency)>> Order() =>
            [.. (await OverdueStatesAsync(viewer, day, cancellationToken))
                .GroupBy(s => (s.Invoice.CustomerId, Currency: s.Invoice.Currency.ToUpperInvariant()))
                .OrderByDescending(g => g.Max(s => s.DaysOverdue(day))).ThenByDescending(g => g.Sum(s => s.Open)).ThenBy(g => g.Key.CustomerId)
                .Select(g => g.Key)];

        if (health is null || day != Today)
        {
            return await Order();
        }

        return await health.MemoAsync("late", viewer, Order, cancellationToken);
    }

    private async Task<(Dictionary<int, (string Company, string Language)> Companies, List<InvoiceState> States)> OverdueCoreAsync(
        Viewer viewer, DateOnly day, IReadOnlyCollection<int>? only, CancellationToken cancellationToken)
    {
        if (health is not null && day == Today)
        {
            // Today's open amounts are kept on the invoices by the account refresh: one indexed query.
            await health.CatchUpAsync(viewer, cancellationToken);
            var visible = db.Customers.VisibleTo(viewer);
            if (only is not null)
            {
                visible = visible.Where(c => only.Contains(c.Id));
            }

            var open = await (from i in db.Invoices.AsNoTracking()
                              join c in visible on i.CustomerId equals c.Id
                              where i.Outstanding && i.Kind == InvoiceKind.Invoice && i.DueOn < day
                              select new { Invoice = i, c.Company, c.PreferredLanguage }).ToListAsync(cancellationToken);
            return (open.Select(o => (o.Invoice.CustomerId, o.Company, o.PreferredLanguage)).DistinctBy(o => o.CustomerId).ToDictionary(o => o.CustomerId, o => (o.Company, o.PreferredLanguage)),
                [.. open.Select(o => new InvoiceState(o.Invoice, o.Invoice.Open, o.Invoice.SettledOn)).OrderByDescending(s => s.DaysOverdue(day)).ThenByDescending(s => s.Open)]);
        }

        var (companies, documents, payments) = await LoadAsync(viewer, null, cancellationToken);
        return (companies, [.. Ledger.Settle(documents, payments, day).Invoices.Where(s => s.IsOverdue(day) && (only is null || only.Contains(s.Invoice.CustomerId)))
            .OrderByDescending(s => s.DaysOverdue(day)).ThenByDescending(s => s.Open)]);
    }

    /// Invoices that offered the early-payment discount against those that did not: how many took it, what it cost,
    /// and how fast each group paid (days from issue to settlement).
    public async Task<IReadOnlyList<DiscountEffect>> DiscountEffectAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        var day = Today;
        if (health is not null)
        {
            // Counted once per refresh: they read every invoice of the portfolio.
            return await health.MemoAsync("discount", viewer, () => CountDiscountEffectAsync(viewer, day, cancellationToken), cancellationToken);
        }

        var (_, documents, payments) = await LoadAsync(viewer, null, cancellationToken);
        var position = Ledger.Settle(documents, payments, day);
        var taken = payments.Where(p => p.DiscountTaken > 0 && p.InvoiceId is not null).ToLookup(p => p.InvoiceId!.Value);
        return [.. position.Invoices.Where(s => s.Invoice.Kind == InvoiceKind.Invoice)
            .GroupBy(s => s.Invoice.Currency.ToUpperInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var offered = g.Where(s => s.Invoice.EarlyDiscountPercent > 0).ToList();
                var plain = g.Where(s => s.Invoice.EarlyDiscountPercent is not > 0).ToList();
                return new DiscountEffect(g.Key, offered.Count, offered.Count(s => taken.Contains(s.Invoice.Id)),
                    offered.Sum(s => taken[s.Invoice.Id].Sum(p => p.DiscountTaken)), DaysToPay(offered), plain.Count, DaysToPay(plain));
            })];
    }

    /// The same figures counted by the database from the settled state the account refresh keeps on each invoice.
    private async Task<IReadOnlyList<DiscountEffect>> CountDiscountEffectAsync(Viewer viewer, DateOnly day, CancellationToken cancellationToken)
    {
        var visible = db.Customers.VisibleTo(viewer);
        var invoices = db.Invoices.AsNoTracking().Where(i => i.Kind == InvoiceKind.Invoice && i.IssuedOn <= day && visible.Any(c => c.Id == i.CustomerId));
        // The book stores a discount only when one is offered (above zero), so "offered" is a null test, not a decimal
        // comparison (which SQLite would make for every invoice in .NET).
        var groups = await invoices.GroupBy(i => new { Currency = i.Currency.ToUpper(), Offered = i.EarlyDiscountPercent != null })
            .Select(g => new { g.Key.Currency, g.Key.Offered, Count = g.Count(), Settled = g.Count(i => i.DaysToPay != null), Days = g.Sum(i => i.DaysToPay ?? 0) })
            .ToListAsync(cancellationToken);
        var taken = await (from p in db.Payments.AsNoTracking()
                           join i in invoices on p.InvoiceId equals i.Id
                           where i.EarlyDiscountPercent != null && p.DiscountTaken > 0
                           select new { Currency = i.Currency.ToUpper(), i.Id, p.DiscountTaken })
            .GroupBy(t => t.Currency).Select(g => new { g.Key, Invoices = g.Select(t => t.Id).Distinct().Count(), Given = g.Sum(t => t.DiscountTaken) })
            .ToListAsync(cancellationToken);
        double? Days(int settled, int days) => settled == 0 ? null : Math.Round((double)days / settled, 1);
        return [.. groups.Select(g => g.Currency).Distinct().Order(StringComparer.Ordinal).Select(currency =>
        {
            var offered = groups.SingleOrDefault(g => g.Currency == currency && g.Offered);
            var plain = groups.SingleOrDefault(g => g.Currency == currency && !g.Offered);
            var took = taken.SingleOrDefault(t => t.Key == currency);
            return new DiscountEffect(currency, offered?.Count ?? 0, took?.Invoices ?? 0, took?.Given ?? 0m, Days(offered?.Settled ?? 0, offered?.Days ?? 0),
                plain?.Count ?? 0, Days(plain?.Settled ?? 0, plain?.Days ?? 0));
        })];
    }

    private static double? DaysToPay(List<InvoiceState> states)
    {
        var days = states.Where(s => s.SettledOn is not null).Select(s => (double)(s.SettledOn!.Value.DayNumber - s.Invoice.IssuedOn.DayNumber)).ToList();
        return days.Count == 0 ? null : Math.Round(days.Average(), 1);
    }

    public async Task<Outcome<InvoiceView>> AddInvoiceAsync(Viewer viewer, InvoiceInput input, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        var customer = input.CustomerId is { } id ? await db.Customers.VisibleTo(viewer).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (input.CustomerId is not null && customer is null)
        {
            errors["customerId"] = [Messages.Get("There is no such customer that you can see.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<InvoiceView>.Invalid(errors);
        }

        var number = input.Number!.Trim();
        if (await db.Invoices.AnyAsync(i => i.CustomerId == customer!.Id && i.Number == number, cancellationToken))
        {
            return Outcome<InvoiceView>.Invalid("number", Messages.Format("This customer already has an invoice numbered {0}.", number));
        }

        var kind = input.KindOrDefault;
        int? corrects = null;
        if (input.Corrects is { Length: > 0 } correctsNumber)
        {
            corrects = await db.Invoices.Where(i => i.CustomerId == customer!.Id && i.Number == correctsNumber.Trim() && i.Kind == InvoiceKind.Invoice)
                .Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
            if (corrects is null)
            {
                return Outcome<InvoiceView>.Invalid("corrects", Messages.Format("This customer has no invoice numbered {0}.", correctsNumber));
            }
        }

        var invoice = BuildInvoice(customer!, input, kind, corrects, await TermsDaysAsync(customer!.Id, cancellationToken));
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        _snapshots.Clear();
        return Outcome<InvoiceView>.Done(View(invoice, customer!.Company, new InvoiceState(invoice, kind == InvoiceKind.Invoice ? invoice.Amount : 0, null), Today));
    }

    /// The payment terms in days for a customer: their contract's written terms, else the organisation's, else the
    /// configured default (`Receivables:DefaultTermsDays`).
    internal async Task<int> TermsDaysAsync(int customerId, CancellationToken cancellationToken)
    {
        return (await EffectiveTerms.ForCustomerAsync(db, customerId, cancellationToken)).PaymentTermsDays ?? Settings.DefaultTermsDays;
    }

    /// The invoice as it will be stored: the customer's currency and payment terms where the input is silent, and the
    /// early-payment offer on invoices (not credit notes) unless the input sets its own percentage (0 for none).
    internal Invoice BuildInvoice(Customer customer, InvoiceInput input, InvoiceKind kind, int? corrects, int termsDays)
    {
        var issued = input.IssuedOn!.Value;
        var percent = kind == InvoiceKind.CreditNote ? 0 : input.EarlyDiscountPercent ?? Settings.EarlyDiscountPercent;
        return new Invoice
        {
            CustomerId = customer.Id,
            Number = input.Number!.Trim(),
            Kind = kind,
            IssuedOn = issued,
            DueOn = input.DueOn ?? issued.AddDays(termsDays),
            Amount = input.Amount!.Value,
            Currency = (input.Currency ?? customer.Currency).Trim().ToUpperInvariant(),
            CorrectsInvoiceId = corrects,
            EarlyDiscountPercent = percent > 0 ? percent : null,
            EarlyDiscountUntil = percent > 0 ? issued.AddDays(Settings.EarlyDiscountDays) : null,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    public async Task<Outcome<PaymentView>> AddPaymentAsync(Viewer viewer, PaymentInput input, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        var customer = input.CustomerId is { } id ? await db.Customers.VisibleTo(viewer).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (input.CustomerId is not null && customer is null)
        {
            errors["customerId"] = [Messages.Get("There is no such customer that you can see.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<PaymentView>.Invalid(errors);
        }

        var (payment, problem) = await BuildPaymentAsync(customer!, input, cancellationToken);
        if (payment is null)
        {
            return Outcome<PaymentView>.Invalid(problem!.Value.Field, problem.Value.Message);
        }

        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        _snapshots.Clear();
        return Outcome<PaymentView>.Done(new PaymentView(payment.Id, payment.CustomerId, payment.Reference, input.Invoice?.Trim(), payment.ReceivedOn, payment.Amount, payment.Currency, payment.DiscountTaken));
    }

    /// The payment as it will be stored, or the one rule it breaks: a known reference, an unknown invoice, another
    /// currency than the invoice's, or a discount the invoice did not offer (or offered until an earlier day).
    internal async Task<(Payment? Payment, (string Field, string Message)? Problem)> BuildPaymentAsync(Customer customer, PaymentInput input, CancellationToken cancellationToken)
    {
        var reference = input.Reference!.Trim();
        // Money not yet received cannot settle anything: a date after today is a typing slip (2030 for 2026).
        if (input.ReceivedOn > Today)
        {
            return (null, ("receivedOn", Messages.Format("A payment cannot be dated after today ({0:d}).", Today)));
        }

        if (await db.Payments.AnyAsync(p => p.CustomerId == customer.Id && p.Reference == reference, cancellationToken))
        {
            return (null, ("reference", Messages.Format("This customer already has a payment with reference {0}.", reference)));
        }

        Invoice? invoice = null;
        if (input.Invoice is { Length: > 0 } number)
        {
            invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.CustomerId == customer.Id && i.Number == number.Trim() && i.Kind == InvoiceKind.Invoice, cancellationToken);
            if (invoice is null)
            {
                return (null, ("invoice", Messages.Format("This customer has no invoice numbered {0}.", number)));
            }
        }

        var currency = (input.Currency ?? invoice?.Currency ?? customer.Currency).Trim().ToUpperInvariant();
        if (invoice is not null && invoice.Currency != currency)
        {
            return (null, ("currency", Messages.Format("Invoice {0} is in {1}; a payment in {2} cannot settle it.", invoice.Number, invoice.Currency, currency)));
        }

        var discount = input.DiscountTaken ?? 0;
        if (discount > 0)
        {
            if (invoice is not { EarlyDiscountPercent: { } percent, EarlyDiscountUntil: { } until })
            {
                return (null, ("discountTaken", Messages.Get("A discount can only be taken on an invoice that offered one.")));
            }

            if (input.ReceivedOn > until)
            {
                return (null, ("discountTaken", Messages.Format("The early-payment discount on invoice {0} ran until {1:d}.", invoice.Number, until)));
            }

            var most = decimal.Round(invoice.Amount * percent / 100m, 2);
            if (discount > most)
            {
                return (null, ("discountTaken", Messages.Format("Invoice {0} offered {1}% off, at most {2:N2}.", invoice.Number, percent, most)));
            }

            // The discount is offered once per invoice, however many payments settle it (stored ones, and those of the
            // same import not yet saved).
            var taken = await db.Payments.Where(p => p.InvoiceId == invoice.Id).Select(p => p.DiscountTaken).ToListAsync(cancellationToken);
            var already = taken.Sum() + db.Payments.Local.Where(p => p.Id == 0 && p.InvoiceId == invoice.Id).Sum(p => p.DiscountTaken);
            if (already + discount > most)
            {
                return (null, ("discountTaken", Messages.Format("Invoice {0} offered {1}% off, at most {2:N2}; {3:N2} of it has already been taken.", invoice.Number, percent, most, already)));
            }
        }

        return (new Payment
        {
            CustomerId = customer.Id,
            Reference = reference,
            InvoiceId = invoice?.Id,
            ReceivedOn = input.ReceivedOn!.Value,
            Amount = input.Amount!.Value,
            Currency = currency,
            DiscountTaken = discount,
            CreatedAt = clock.GetUtcNow(),
        }, null);
    }

    /// The viewer's invoices and payments, read once per scope (a page asks for the aged book, the late payers and the
    /// discount's effect in one request) and read afresh after this book records an invoice or a payment.
    private Task<(Dictionary<int, (string Company, string Language)> Customers, List<Invoice> Documents, List<Payment> Payments)> LoadAsync(
        Viewer viewer, int? customerId, CancellationToken cancellationToken)
    {
        var key = (viewer.UserId, viewer.SeesAll, customerId);
        if (!_snapshots.TryGetValue(key, out var load) || load.IsFaulted || load.IsCanceled)
        {
            load = ReadAsync(viewer, customerId, cancellationToken);
            _snapshots[key] = load;
        }

        return load;
    }

    private async Task<(Dictionary<int, (string Company, string Language)> Customers, List<Invoice> Documents, List<Payment> Payments)> ReadAsync(
        Viewer viewer, int? customerId, CancellationToken cancellationToken)
    {
        var visible = db.Customers.VisibleTo(viewer).Where(c => customerId == null || c.Id == customerId);
        var customers = await visible.AsNoTracking().Select(c => new { c.Id, c.Company, c.PreferredLanguage }).ToListAsync(cancellationToken);
        var documents = await db.Invoices.AsNoTracking().Where(i => visible.Any(c => c.Id == i.CustomerId)).ToListAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Where(p => visible.Any(c => c.Id == p.CustomerId)).ToListAsync(cancellationToken);
        return (customers.ToDictionary(c => c.Id, c => (c.Company, c.PreferredLanguage)), documents, payments);
    }

    internal static InvoiceView View(Invoice invoice, string company, InvoiceState? state, DateOnly asOf) => new(
        invoice.Id, invoice.CustomerId, company, invoice.Number, invoice.Kind, invoice.IssuedOn, invoice.DueOn, invoice.Amount, invoice.Currency,
        state?.Open ?? 0, state?.SettledOn, state is { Open: > 0 } ? state.DaysOverdue(asOf) : 0, invoice.EarlyDiscountPercent, invoice.EarlyDiscountUntil)
    {
        Document = invoice.DocumentName,
        DocumentSize = invoice.DocumentSize,
    };

    /// Keeps a file (already in the attachment store) as the invoice's document, replacing an earlier one; null when
    /// the invoice is not the viewer's to see.
    public async Task<InvoiceDocument?> SetDocumentAsync(Viewer viewer, int invoiceId, Mail.Attachment document, CancellationToken cancellationToken = default)
    {
        var visible = db.Customers.VisibleTo(viewer);
        var invoice = await db.Invoices.Where(i => i.Id == invoiceId && visible.Any(c => c.Id == i.CustomerId)).SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        invoice.SetDocument(document);
        await db.SaveChangesAsync(cancellationToken);
        _snapshots.Clear();
        return new InvoiceDocument(invoice.Id, invoice.Number, document.FileName, document.ContentType, document.Size, document.Sha256);
    }

    /// The invoice's document, when the viewer sees the invoice and one is on file.
    public async Task<InvoiceDocument?> DocumentAsync(Viewer viewer, int invoiceId, CancellationToken cancellationToken = default)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId && i.DocumentSha256 != null && visible.Any(c => c.Id == i.CustomerId))
            .Select(i => new InvoiceDocument(i.Id, i.Number, i.DocumentName!, i.DocumentType ?? "application/octet-stream", i.DocumentSize ?? 0, i.DocumentSha256!))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
