namespace CalmDesk.Interactions;

internal enum Direction
{
    /// From the customer to us.
    Inbound,

    /// From us to the customer.
    Outbound,

    /// Our own note; the customer never sees it.
    Internal,
}
