namespace CalmDesk.Customers;

internal enum CustomerStatus
{
    Prospect,
    Active,
    OnHold,
    Former,
}
