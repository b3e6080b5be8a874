namespace CalmDesk.Accounts;

internal static class Roles
{
    public const string Rep = "Rep";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Rep, Manager, Admin];

    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
