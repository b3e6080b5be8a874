using System.Security.Claims;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Localization;

namespace CalmDesk.Accounts;

/// A signed-in user's chosen language (a claim set at sign-in) wins over the browser's on pages. An API
/// client that sends Accept-Language asked for that language explicitly, so there the header wins.
internal sealed class UserCultureProvider : RequestCultureProvider
{
    public const string ClaimType = "calmdesk:culture";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (ApiProblem.IsApiRequest(httpContext) && httpContext.Request.Headers.AcceptLanguage.Count > 0)
        {
            return Task.FromResult<ProviderCultureResult?>(null);
        }

        var culture = httpContext.User.FindFirstValue(ClaimType);
        return Task.FromResult(string.IsNullOrEmpty(culture) ? null : new ProviderCultureResult(culture));
    }
}
