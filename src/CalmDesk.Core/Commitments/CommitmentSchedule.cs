namespace CalmDesk.Commitments;

/// When a promise's owner hears about it: a reminder a day before (halfway for promises shorter than two
/// days), and 'at risk' in the last two hours (the last quarter for promises shorter than eight hours).
internal static class CommitmentSchedule
{
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);
    public static readonly TimeSpan AtRiskWindow = TimeSpan.FromHours(2);

    public static (DateTimeOffset RemindAt, DateTimeOffset AtRiskAt) For(DateTimeOffset from, DateTimeOffset dueAt)
    {
        var span = dueAt > from ? dueAt - from : TimeSpan.Zero;
        var lead = span >= 2 * ReminderLead ? ReminderLead : span / 2;
        var window = span >= 4 * AtRiskWindow ? AtRiskWindow : span / 4;
        return (dueAt - lead, dueAt - window);
    }

    public static CommitmentState StateOf(Commitment commitment, DateTimeOffset now) => commitment.Status switch
    {
        CommitmentStatus.Done => CommitmentState.Done,
        CommitmentStatus.Cancelled => CommitmentState.Cancelled,
        _ when now >= commitment.DueAt => CommitmentState.Overdue,
        _ when now >= commitment.AtRiskAt => CommitmentState.AtRisk,
        _ => CommitmentState.Upcoming,
    };
}
