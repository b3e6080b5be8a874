namespace CalmDesk.Health;

/// One rung of the recommendations ladder, with the evidence that puts it on (the figures name what was found).
internal sealed record Rung(string Step, bool Recommended, IReadOnlyList<string> Reasons);

/// For a troubled account, what to try, in order: educate (expectations beyond what is possible), set or restate
/// boundaries, reassign (abuse aimed at the present rep; done already when the abuse was aimed at an earlier one), and
/// only then let go — recommended only when the account both scores badly and costs more than it brings, or keeps
/// abusing our people, and never before the earlier rungs have something behind them.
internal static class Ladder
{
    public static IReadOnlyList<Rung> For(HealthReport report)
    {
        var f = report.Facts;
        var educate = new List<string>();
        if (f.BoundaryAsks > 0)
        {
            educate.Add("asks_beyond_terms");
        }

        if (f.OpenCases >= 2)
        {
            educate.Add("many_open_cases");
        }

        var boundaries = new List<string>();
        if (f.BoundaryAsks > 0)
        {
            boundaries.Add("asks_beyond_terms");
        }

        if (f.Overdue > 0)
        {
            boundaries.Add("overdue");
        }

        var reassign = new List<string>();
        if (f.AbuseAtRep > 0)
        {
            reassign.Add("abuse");
        }
        else if (f.AbuseIncidents > 0)
        {
            // The account went to a colleague after the abuse: the rung has been climbed, and stays so until he is
            // abused too.
            reassign.Add("reassigned");
        }

        var letGo = new List<string>();
        if (report.CostsMoreThanItBrings)
        {
            letGo.Add("costs_more_than_it_brings");
        }

        if (f.AbuseIncidents >= 3)
        {
            letGo.Add("repeated_abuse");
        }

        if (report.Score < 40)
        {
            letGo.Add("low_score");
        }

        var tried = educate.Count > 0 || boundaries.Count > 0 || reassign.Count > 0;
        return
        [
            new("educate", educate.Count > 0, educate),
            new("boundaries", boundaries.Count > 0, boundaries),
            new("reassign", f.AbuseAtRep > 0, reassign),
            new("let_go", tried && letGo.Count >= 2, letGo),
        ];
    }
}
