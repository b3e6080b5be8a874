namespace CalmDesk.Receivables;

/// How a customer paid in one month: the invoices settled then, how many on time, and how late on average.
internal sealed record PaymentMonth(int Year, int Month, int Settled, int OnTime, double AverageDaysLate);

/// Payment behaviour over time, from the dates invoices were settled in full.
internal static class PaymentBehaviour
{
    public static IReadOnlyList<PaymentMonth> Monthly(LedgerPosition position, int months)
    {
        var first = new DateOnly(position.AsOf.Year, position.AsOf.Month, 1).AddMonths(-(months - 1));
        var settled = position.Invoices.Where(s => s.SettledOn is { } day && day >= first).ToList();
        return [.. Enumerable.Range(0, months).Select(n => first.AddMonths(n)).Select(month =>
        {
            var inMonth = settled.Where(s => s.SettledOn!.Value.Year == month.Year && s.SettledOn.Value.Month == month.Month).ToList();
            var late = inMonth.Select(s => Math.Max(0, s.SettledOn!.Value.DayNumber - s.Invoice.DueOn.DayNumber)).ToList();
            return new PaymentMonth(month.Year, month.Month, inMonth.Count, late.Count(d => d == 0), late.Count == 0 ? 0 : Math.Round(late.Average(), 1));
        })];
    }
}
