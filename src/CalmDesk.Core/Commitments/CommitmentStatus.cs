namespace CalmDesk.Commitments;

internal enum CommitmentStatus
{
    Open,
    Done,
    Cancelled,
}
