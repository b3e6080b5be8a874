using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Accounts;

internal static class Roles
{
    public const string Rep = "Rep";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Rep, Manager, Admin];

    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));

    /// The ids of the users in a role: who is told when something needs a manager.
    public static async Task<List<string>> UserIdsAsync(CalmDeskDbContext db, string role, CancellationToken cancellationToken) =>
        await (from userRole in db.UserRoles
               join r in db.Roles on userRole.RoleId equals r.Id
               where r.Name == role
               select userRole.UserId).Distinct().ToListAsync(cancellationToken);
}
