using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CalmDesk.Infrastructure;

internal static partial class ApiProblem
{
    /// <summary>What a request the API could not read gets wrong, in the caller's language: a query value that is not of
    /// its type ("page=1e3"), or a body that is not the JSON the call takes. Binding failures are thrown
    /// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) so they reach the problem details with this, not as a bare 400.</summary>
    public static void Explain(ProblemDetailsContext context, BadHttpRequestException bad)
    {
        // The exception handler runs outside the request's localisation: take its culture back for the answer.
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            System.Globalization.CultureInfo.CurrentCulture = culture.Culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture.UICulture;
        }

        if (BindFailure().Match(bad.Message) is { Success: true } match)
        {
            var (name, value) = (match.Groups["name"].Value, match.Groups["value"].Value);
            var detail = Localization.Messages.Format("'{0}' is not a valid value for '{1}'.", value, name);
            context.ProblemDetails.Detail = detail;
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [name] = [detail] };
        }
        else if (bad.Message.Contains("request body", StringComparison.Ordinal))
        {
            context.ProblemDetails.Detail = Localization.Messages.Get("The request body is not the JSON this call takes.");
        }
        else
        {
            context.ProblemDetails.Detail = bad.Message;
        }
    }

    // ASP.NET Core's wording: Failed to bind parameter "int? page" from "1e3".
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// Pages redirect to sign-in; the API answers 401/403 with problem details instead.
    public static async Task RedirectOrStatusAsync(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!IsApiRequest(context.HttpContext))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        context.Response.StatusCode = status;
        await WriteAsync(context.HttpContext, status, status == StatusCodes.Status401Unauthorized
            ? "Sign in, or send an API token as 'Authorization: Bearer TOKEN'."
            : "Your role does not allow this.");
    }

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}
