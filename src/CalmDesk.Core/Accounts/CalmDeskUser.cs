using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

/// A person who signs in: a rep, a manager or an administrator.
internal sealed class CalmDeskUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string Culture { get; set; } = "en";
}
