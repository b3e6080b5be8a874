using System.Security.Claims;
using Microsoft.AspNetCore.Localization;

namespace CalmDesk.Accounts;

/// A signed-in user's chosen language (stored as a claim at sign-in) wins over the browser's.
internal sealed class UserCultureProvider : RequestCultureProvider
{
    public const string ClaimType = "calmdesk:culture";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = httpContext.User.FindFirstValue(ClaimType);
        return Task.FromResult(string.IsNullOrEmpty(culture) ? null : new ProviderCultureResult(culture));
    }
}
