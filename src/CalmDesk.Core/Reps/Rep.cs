using CalmDesk.Accounts;

namespace CalmDesk.Reps;

/// A salesperson, account manager or support rep who looks after customers.
internal sealed class Rep
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public CalmDeskUser? User { get; set; }

    public required string DisplayName { get; set; }

    public bool IsActive { get; set; } = true;
}
