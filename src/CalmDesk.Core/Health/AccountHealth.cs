namespace CalmDesk.Health;

/// Everything the health of one account is judged on, over the twelve months before `AsOf`.
internal sealed record HealthFacts(
    int CustomerId, string Company, string Currency, int? RepId, string? RepName, DateOnly AsOf,
    decimal Revenue, decimal Concessions, int Minutes, double AngerRecent, double AngerBefore, int AbuseIncidents,
    int BoundaryAsks, decimal Overdue, int OldestOverdueDays, int PaidLate, int Paid, int OpenCases, int PromisesBrokenByUs,
    int AbuseAtRep); // of the abuse incidents, those the account's present rep took

/// One reason the score is lower than 100, with the figures behind it (the page words them as `health_{Key}`).
internal sealed record HealthPenalty(string Key, int Points, IReadOnlyList<object> Figures);

internal sealed record HealthReport(
    HealthFacts Facts, decimal Margin, decimal TimeCost, decimal CostToServe, decimal Net, int Score, IReadOnlyList<HealthPenalty> Penalties, int? Trend)
{
    /// A squeaky wheel: serving the account costs more than the margin it brings.
    public bool CostsMoreThanItBrings => CostToServe > Margin;

    public string Band => Score >= 75 ? "healthy" : Score >= 50 ? "watch" : "at_risk";
}

/// The score: 100 less explained penalties, each capped so no single factor decides alone. Pure: the same facts give
/// the same score, so it can be tested with known fixtures and recomputed for 90 days ago to show the trend.
internal static class AccountHealth
{
    public static HealthReport Score(HealthFacts f, HealthOptions options, HealthFacts? before = null)
    {
        var margin = Math.Round(f.Revenue * options.GrossMarginPercent / 100m, 2);
        var timeCost = Math.Round(f.Minutes / 60m * options.HourlyCost, 2);
        var cost = timeCost + f.Concessions;
        var penalties = new List<HealthPenalty>();
        void Add(string key, int points, params object[] figures)
        {
            if (points > 0)
            {
                penalties.Add(new HealthPenalty(key, points, figures));
            }
        }

        Add("cost", margin <= 0 ? (cost > 0 ? 30 : 0) : (int)Math.Min(30, Math.Round(30m * cost / margin)),
            cost, margin, f.Currency);
        Add("anger", (int)Math.Min(15, Math.Round(f.AngerRecent * 15 + (f.AngerRecent - f.AngerBefore > 0.1 ? 5 : 0))),
            Math.Round(f.AngerRecent, 2), Math.Round(f.AngerBefore, 2));
        Add("abuse", Math.Min(25, f.AbuseIncidents * 8), f.AbuseIncidents);
        Add("boundaries", Math.Min(10, f.BoundaryAsks * 3), f.BoundaryAsks);
        Add("payment", (f.OldestOverdueDays > 60 ? 15 : f.Overdue > 0 ? 8 : 0) + (f.Paid == 0 ? 0 : (int)Math.Round(10.0 * f.PaidLate / f.Paid)),
            f.Overdue, f.OldestOverdueDays, f.PaidLate, f.Paid, f.Currency);
        Add("cases", Math.Min(10, f.OpenCases * 3), f.OpenCases);
        Add("promises", Math.Min(10, f.PromisesBrokenByUs * 4), f.PromisesBrokenByUs);
        var score = Math.Clamp(100 - penalties.Sum(p => p.Points), 0, 100);
        int? trend = before is null ? null : score - Score(before, options).Score;
        return new HealthReport(f, margin, timeCost, cost, margin - cost, score, penalties, trend);
    }
}
