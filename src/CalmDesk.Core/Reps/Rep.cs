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

    public const int MaxProfileLength = 500;

    /// In the rep's own words, for the letter that introduces them to a reassigned account ("twelve years in food wholesale").
    public string? Experience { get; set; }

    /// Qualifications or memberships worth mentioning, in the rep's own words.
    public string? Credentials { get; set; }
}
