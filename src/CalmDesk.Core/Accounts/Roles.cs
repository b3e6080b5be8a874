namespace CalmDesk.Accounts;

internal static class Roles
{
    public const string Rep = "Rep";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    /// Managers and admins see the whole portfolio; reps see only their own customers.
    public const string ManagerOrAdmin = Manager + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Rep, Manager, Admin];

    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
