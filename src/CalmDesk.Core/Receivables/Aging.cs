namespace CalmDesk.Receivables;

/// What a customer (or the whole book, with CustomerId 0) owes in one currency, by how late it is.
internal sealed record AgingRow(
    int CustomerId, string Company, string Currency,
    decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90, decimal Unapplied)
{
    public decimal Overdue => Days1To30 + Days31To60 + Days61To90 + Over90;

    /// What is open, less credit not yet matched to an invoice.
    public decimal Balance => Current + Overdue - Unapplied;

    public int OldestBucket => Over90 > 0 ? 4 : Days61To90 > 0 ? 3 : Days31To60 > 0 ? 2 : Days1To30 > 0 ? 1 : 0;
}

/// Days sales outstanding in one currency: the balance over the credit sales of the last <see cref="Days"/> days,
/// times those days. Null when there were no sales to measure against.
internal sealed record DsoFigure(string Currency, decimal Balance, decimal Sales, int Days)
{
    public decimal? Value => Sales > 0 ? Math.Round(Balance / Sales * Days, 1) : null;
}

internal sealed record AgedBook(DateOnly AsOf, IReadOnlyList<AgingRow> Customers, IReadOnlyList<AgingRow> Totals, IReadOnlyList<DsoFigure> Dso)
{
    public const int DefaultPageSize = 50;

    /// How many customer rows there are in all; <see cref="Customers"/> holds one page of them.
    public int CustomerCount { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public int Pages => CustomerCount == 0 ? 1 : (CustomerCount + PageSize - 1) / PageSize;

    /// Customers whose balances are still being worked out in the background (see the health refresh).
    public int Waiting { get; init; }
}

/// The aging arithmetic: the standard buckets (current, 1–30, 31–60, 61–90, over 90 days past due) and DSO.
internal static class Aging
{
    public static readonly IReadOnlyList<string> Buckets = ["current", "1-30", "31-60", "61-90", "90+"];

    /// 0 for not yet due (or due today), then 1–4 for the four overdue bands.
    public static int BucketOf(int daysOverdue) => daysOverdue switch
    {
        <= 0 => 0,
        <= 30 => 1,
        <= 60 => 2,
        <= 90 => 3,
        _ => 4,
    };

    public static IReadOnlyList<AgingRow> Rows(LedgerPosition position, IReadOnlyDictionary<int, string> companies)
    {
        var rows = new List<AgingRow>();
        var open = position.Invoices.Where(s => s.Open > 0)
            .GroupBy(s => (s.Invoice.CustomerId, Currency: s.Invoice.Currency.ToUpperInvariant()))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (customerId, currency) in open.Keys.Concat(position.Unapplied.Keys).Distinct())
        {
            var sums = new decimal[5];
            foreach (var state in open.GetValueOrDefault((customerId, currency)) ?? [])
            {
                sums[BucketOf(position.AsOf.DayNumber - state.Invoice.DueOn.DayNumber)] += state.Open;
            }

            rows.Add(new AgingRow(customerId, companies.GetValueOrDefault(customerId, ""), currency,
                sums[0], sums[1], sums[2], sums[3], sums[4], position.Unapplied.GetValueOrDefault((customerId, currency))));
        }

        // Most overdue first: the oldest bucket, then the amount in it.
        return [.. rows.OrderByDescending(r => r.OldestBucket).ThenByDescending(r => r.Overdue).ThenBy(r => r.Company, StringComparer.CurrentCulture)];
    }

    public static IReadOnlyList<AgingRow> Totals(IEnumerable<AgingRow> rows) =>
        [.. rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AgingRow(0, "", g.Key,
            g.Sum(r => r.Current), g.Sum(r => r.Days1To30), g.Sum(r => r.Days31To60), g.Sum(r => r.Days61To90), g.Sum(r => r.Over90), g.Sum(r => r.Unapplied)))];

    /// Sales per currency over the `days` before `asOf` (credit notes taken off).
    public static Dictionary<string, decimal> Sales(IEnumerable<Invoice> documents, DateOnly asOf, int days)
    {
        var from = asOf.AddDays(-days);
        return documents.Where(d => d.IssuedOn > from && d.IssuedOn <= asOf)
            .GroupBy(d => d.Currency.ToUpperInvariant())
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Kind == InvoiceKind.CreditNote ? -d.Amount : d.Amount));
    }

    public static IReadOnlyList<DsoFigure> Dso(IEnumerable<AgingRow> totals, IReadOnlyDictionary<string, decimal> sales, int days)
    {
        var balances = totals.ToDictionary(t => t.Currency, t => t.Balance);
        return [.. balances.Keys.Union(sales.Keys).Order(StringComparer.Ordinal)
            .Select(c => new DsoFigure(c, balances.GetValueOrDefault(c), sales.GetValueOrDefault(c), days))];
    }
}
