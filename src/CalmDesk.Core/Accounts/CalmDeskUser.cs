using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

/// A person who signs in: a rep, a manager or an administrator.
internal sealed class CalmDeskUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// The language of the interface: "en", "it" or "el".
    public string Culture { get; set; } = "en";

    /// How dates, times and numbers are written for this user ("en-GB", "en-US", "it-CH"); null: the language's usual
    /// country (en-GB for English).
    public string? RegionalFormat { get; set; }

    /// IANA time zone the user reads times in; null: the business's.
    public string? TimeZone { get; set; }

    /// Signed in with a password someone else chose (the first administrator's, a one-time password printed by the
    /// command line): every page leads to the account page until the user sets their own.
    public bool MustChangePassword { get; set; }

    /// Deactivated by an admin (locked out for good), as opposed to locked for a few minutes after wrong passwords,
    /// which stops only the password: the user's API tokens keep working, so a stranger guessing cannot cut them off.
    /// Deactivating sets the lockout to the end of time; compared by year, because a database may store it a little
    /// short of <see cref="DateTimeOffset.MaxValue"/>.
    public bool IsDeactivated => Deactivated(LockoutEnd);

    /// Whether a lockout ending then means deactivated.
    public static bool Deactivated(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.UtcDateTime.Year >= 9999;
}
