using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

internal sealed record RepSummary(int Id, string DisplayName, string Email, bool IsActive, IReadOnlyList<string> Roles, int Customers);

/// An admin's change to a rep; omitted fields stay as they are. A rep who leaves with customers hands them to a colleague.
internal sealed record RepChange(string? DisplayName = null, IReadOnlyList<string>? Roles = null, bool? Active = null, int? HandCustomersToRepId = null);

/// Creates users with their rep profile, lists and edits them; used by the admin page, the API, the CLI and the demo.
internal sealed class RepDirectory(CalmDeskDbContext db, UserManager<CalmDeskUser> users, TimeProvider clock, Audit.AuditLog audit)
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
        string email, string displayName, string password, IReadOnlyCollection<string> roles, string culture = "en", bool mustChangePassword = false,
        CancellationToken cancellationToken = default)
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

        var user = new CalmDeskUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim(), EmailConfirmed = true, Culture = culture, MustChangePassword = mustChangePassword };
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

    public async Task<RepSummary?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => r.Id == id);

    /// Renames a rep, changes their roles, or deactivates them: a deactivated rep cannot sign in and their API tokens stop
    /// working, their customers (with their open promises) move to the colleague named, and nothing of their history is
    /// deleted. The last active admin can neither leave nor lose the role, or nobody could manage the team.
    public async Task<Outcome<RepSummary>> UpdateAsync(Viewer viewer, int id, RepChange change, CancellationToken cancellationToken = default)
    {
        var rep = await db.Reps.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var user = rep is null ? null : await users.FindByIdAsync(rep.UserId);
        if (rep is null || user is null)
        {
            return Outcome<RepSummary>.Missing();
        }

        var errors = new Dictionary<string, string[]>();
        if (change.DisplayName is { } name && string.IsNullOrWhiteSpace(name))
        {
            errors["displayName"] = [Messages.Get("A display name is required.")];
        }
        else if (change.DisplayName is { Length: > 200 })
        {
            errors["displayName"] = [Messages.Get("The display name must be at most 200 characters.")];
        }

        if (change.Roles is { } roles && (roles.Count == 0 || roles.Any(r => Roles.Normalize(r) is null)))
        {
            errors["roles"] = [Messages.Format("Roles must be one or more of {0}.", string.Join(", ", Roles.All))];
        }

        var current = await users.GetRolesAsync(user);
        var newRoles = change.Roles?.Select(r => Roles.Normalize(r)).OfType<string>().Distinct().ToList() ?? [.. current];
        var active = change.Active ?? rep.IsActive;
        var losesAdmin = current.Contains(Roles.Admin) && rep.IsActive && (!active || !newRoles.Contains(Roles.Admin));
        if (losesAdmin && !await AnyActiveAdminAsync(exceptRepId: id, cancellationToken))
        {
            errors["roles"] = [LastAdmin];
        }

        if (active && !rep.IsActive && user.Email is { } address && IsErased(address))
        {
            errors["active"] = [Messages.Get("An erased rep cannot come back: add the person again as a new user.")];
        }

        var leaving = rep.IsActive && !active;
        var customers = leaving ? await db.Customers.Where(c => c.AssignedRepId == id).ToListAsync(cancellationToken) : [];
        if (leaving && customers.Count > 0)
        {
            if (change.HandCustomersToRepId is not { } to)
            {
                errors["handCustomersToRepId"] = [Messages.Count("{0} customers are assigned to this rep: choose the colleague who takes them.", customers.Count)];
            }
            else if (to == id || !await db.Reps.AnyAsync(r => r.Id == to && r.IsActive, cancellationToken))
            {
                errors["handCustomersToRepId"] = [Messages.Get("Choose an active colleague to take the customers.")];
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<RepSummary>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        // Serializable: two admins demoting each other at the same moment both passed the check above; now the database
        // makes one of them give way (a 409 to try again), and the check below, after the change, sees the other's.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        if (change.DisplayName is { } newName)
        {
            rep.DisplayName = newName.Trim();
            user.DisplayName = rep.DisplayName;
        }

        foreach (var customer in customers)
        {
            await AccountTransfer.MoveAsync(db, customer, change.HandCustomersToRepId!.Value, viewer.UserId, StoredText.Write("The rep who looked after this account left the team."), now, cancellationToken);
        }

        if (rep.IsActive && !active)
        {
            // A person who leaves takes no working key with them: their API tokens are revoked, not merely refused while
            // they are inactive, so taking them back on does not wake the old tokens up.
            await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }

        rep.IsActive = active;
        user.LockoutEnabled = true;
        user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        var updated = await users.UpdateAsync(user);
        var removed = current.Except(newRoles, StringComparer.Ordinal).ToList();
        var added = newRoles.Except(current, StringComparer.Ordinal).ToList();
        if (updated.Succeeded && removed.Count > 0)
        {
            updated = await users.RemoveFromRolesAsync(user, removed);
        }

        if (updated.Succeeded && added.Count > 0)
        {
            updated = await users.AddToRolesAsync(user, added);
        }

        if (!updated.Succeeded)
        {
            return Outcome<RepSummary>.Invalid(Describe(updated));
        }

        // Signed-in sessions of a rep who left, or whose roles changed, end at their next check instead of lasting the day.
        await users.UpdateSecurityStampAsync(user);
        await db.SaveChangesAsync(cancellationToken);
        if (losesAdmin && !await AnyActiveAdminAsync(exceptRepId: null, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return Outcome<RepSummary>.Invalid("roles", LastAdmin);
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<RepSummary>.Done((await GetAsync(id, cancellationToken))!);
    }

    /// <summary>Forgets a person who has left (GDPR article 17): a deactivated rep's user and rep rows keep their ids,
    /// so every record they worked on still points at them, but lose the name (now "#ID"), the e-mail (now
    /// erased-ID@invalid), the password, phone, two-step key, recovery codes, links to sign-in providers, API tokens,
    /// roles and profile. The audit log names them as "#ID" where it named them by e-mail, and its values about them
    /// are blanked. Their name in texts people wrote (a note, a letter sent) is left as written. The confirmation must
    /// be their e-mail address, typed.</summary>
    public async Task<Outcome<RepSummary>> EraseAsync(Viewer viewer, int id, string? confirmation, CancellationToken cancellationToken = default)
    {
        var rep = await db.Reps.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var user = rep is null ? null : await users.FindByIdAsync(rep.UserId);
        if (rep is null || user is null)
        {
            return Outcome<RepSummary>.Missing();
        }

        if (rep.IsActive)
        {
            return Outcome<RepSummary>.Invalid("active", Messages.Get("Deactivate the rep first: their customers go to a colleague, and they can no longer sign in."));
        }

        if (user.Email is not { } email || !string.Equals(confirmation?.Trim(), email, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome<RepSummary>.Invalid("confirmation", Messages.Get("Type the rep's e-mail address to confirm."));
        }

        var marks = new Privacy.PersonMarks(rep.DisplayName, email, user.PhoneNumber);
        var pseudonym = "#" + rep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var roles = await users.GetRolesAsync(user);
            if (roles.Count > 0)
            {
                Check(await users.RemoveFromRolesAsync(user, roles));
            }

            await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            var address = $"erased-{rep.Id}{ErasedDomain}";
            user.UserName = address;
            user.Email = address;
            user.DisplayName = pseudonym;
            user.PasswordHash = null;
            user.PhoneNumber = null;
            user.TwoFactorEnabled = false;
            user.MustChangePassword = false;
            user.RegionalFormat = null;
            user.TimeZone = null;
            // Saves the user with a new stamp, so their sessions end too.
            Check(await users.UpdateSecurityStampAsync(user));
            rep.DisplayName = pseudonym;
            rep.Experience = null;
            rep.Credentials = null;
            await db.SaveChangesAsync(cancellationToken);

            // What the log kept of them (this erasure's own entries included): named by the pseudonym, values blanked.
            await db.AuditEntries.Where(e => e.ActorUserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, pseudonym), cancellationToken);
            var repId = rep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var entry in await db.AuditEntries.Where(e => e.Changes != null
                && (e.SubjectId == user.Id || (e.Subject == Audit.AuditTrail.RepSubject && e.SubjectId == repId))).ToListAsync(cancellationToken))
            {
                entry.Changes = marks.Scrub(entry.Changes!);
            }

            audit.Record(Audit.AuditTrail.Erased, Audit.AuditTrail.UserSubject, user.Id, null);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return Outcome<RepSummary>.Done((await GetAsync(id, cancellationToken))!);
    }

    private const string ErasedDomain = "@invalid";

    /// Whether the address is an erased user's (the reserved top-level domain ".invalid" never receives mail).
    public static bool IsErased(string email) => email.EndsWith(ErasedDomain, StringComparison.Ordinal);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string LastAdmin => Messages.Get("This is the last active admin: make another rep an admin first.");

    /// Whether an active rep other than <paramref name="exceptRepId"/> holds the admin role, as the database has it now.
    private async Task<bool> AnyActiveAdminAsync(int? exceptRepId, CancellationToken cancellationToken)
    {
        var admins = await Roles.UserIdsAsync(db, Roles.Admin, cancellationToken);
        return await db.Reps.AnyAsync(r => r.Id != exceptRepId && r.IsActive && admins.Contains(r.UserId), cancellationToken);
    }

    private static Dictionary<string, string[]> Describe(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
            // The e-mail is also the user name: a taken one is reported by both checks, in the same words, and said once.
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct(StringComparer.Ordinal).ToArray());
}
