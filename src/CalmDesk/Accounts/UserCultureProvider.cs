using System.Security.Claims;
using CalmDesk.Customers;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Localization;

namespace CalmDesk.Accounts;

/// A signed-in user's chosen language (a claim set at sign-in) wins over the browser's on pages, and their regional
/// format sets how dates and numbers are written (en-GB unless they chose en-US). An API client that sends
/// Accept-Language asked for that language explicitly, so there the header wins.
internal sealed class UserCultureProvider : RequestCultureProvider
{
    public const string ClaimType = "calmdesk:culture";

    public const string FormatClaimType = "calmdesk:format";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (ApiProblem.IsApiRequest(httpContext) && httpContext.Request.Headers.AcceptLanguage.Count > 0)
        {
            return Task.FromResult<ProviderCultureResult?>(null);
        }

        var language = httpContext.User.FindFirstValue(ClaimType);
        if (string.IsNullOrEmpty(language))
        {
            return Task.FromResult<ProviderCultureResult?>(null);
        }

        var format = httpContext.User.FindFirstValue(FormatClaimType);
        var culture = RegionalFormats.IsOffered(format) ? format! : Languages.CultureOrInvariant(language).Name;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, language));
    }
}
