using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

internal sealed record RepSummary(int Id, string DisplayName, string Email, bool IsActive, IReadOnlyList<string> Roles, int Customers);

/// Creates users with their rep profile and lists them; used by the admin page, the API, the CLI and the demo.
internal sealed class RepDirectory(CalmDeskDbContext db, UserManager<CalmDeskUser> users)
{
    public async Task<IReadOnlyList<RepSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var reps = await db.Reps.AsNoTracking()
            .OrderBy(r => r.DisplayName)
            .Select(r => new { r.Id, r.DisplayName, r.IsActive, r.UserId, Email = r.User!.Email, Customers = db.Customers.Count(c => c.AssignedRepId == r.Id) })
            .ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(cancellationToken);
        return reps.Select(r => new RepSummary(r.Id, r.DisplayName, r.Email ?? "", r.IsActive, roles.GetValueOrDefault(r.UserId, []), r.Customers)).ToList();
    }

    public async Task<Dictionary<string, IReadOnlyList<string>>> RolesByUserAsync(CancellationToken cancellationToken = default)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name!).Order(StringComparer.Ordinal).ToList());
    }

    /// Creates a user with the given roles and the rep profile that customers are assigned to. Returns the errors, if any.
    public async Task<(Rep? Rep, IReadOnlyDictionary<string, string[]> Errors)> CreateAsync(
        string email, string displayName, string password, IReadOnlyCollection<string> roles, string culture = "en", CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors["displayName"] = [Messages.Get("A display name is required.")];
        }

        var unknown = roles.Where(r => Roles.Normalize(r) is null).ToList();
        if (roles.Count == 0 || unknown.Count > 0)
        {
            errors["roles"] = [Messages.Format("Roles must be one or more of {0}.", string.Join(", ", Roles.All))];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = new CalmDeskUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim(), EmailConfirmed = true, Culture = culture };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, Describe(created));
        }

        foreach (var role in roles.Select(r => Roles.Normalize(r)!).Distinct())
        {
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return (null, Describe(added));
            }
        }

        var rep = new Rep { UserId = user.Id, DisplayName = user.DisplayName };
        db.Reps.Add(rep);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (rep, errors);
    }

    private static Dictionary<string, string[]> Describe(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
