using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CalmDesk.Accounts;

/// Adds the display name and the preferred culture to the claims Identity builds at sign-in.
internal sealed class CalmDeskClaimsFactory(UserManager<CalmDeskUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CalmDeskUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CalmDeskUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        identity.AddClaim(new Claim(UserCultureProvider.ClaimType, user.Culture));
        if (user.RegionalFormat is { Length: > 0 } format)
        {
            identity.AddClaim(new Claim(UserCultureProvider.FormatClaimType, format));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChangeGate.ClaimType, "true"));
        }

        if (user.TimeZone is { Length: > 0 } zone)
        {
            identity.AddClaim(new Claim(Infrastructure.Zones.ClaimType, zone));
        }
        return identity;
    }
}
