using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CalmDesk.Infrastructure;

internal static class ApiProblem
{
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
