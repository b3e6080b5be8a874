namespace CalmDesk.Cases;

internal enum CaseStatus
{
    Open,
    WaitingOnUs,
    WaitingOnCustomer,
    Resolved,
    Closed,
}
