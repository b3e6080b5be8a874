namespace CalmDesk.Commitments;

/// How urgent a promise is now; ordered from most to least urgent.
internal enum CommitmentState
{
    Overdue,
    AtRisk,
    Upcoming,
    Done,
    Cancelled,
}
