using System.Security.Claims;

namespace CalmDesk.Accounts;

/// Who is asking, reduced to what decides visibility: reps see their own customers, managers and admins all.
internal sealed record Viewer(string UserId, bool SeesAll)
{
    public static Viewer From(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal has no user id claim.");
        return new Viewer(userId, principal.IsInRole(Roles.Manager) || principal.IsInRole(Roles.Admin));
    }

    /// The command line acts with full rights: whoever can run it can read the database anyway.
    public static Viewer System { get; } = new("system", SeesAll: true);
}
