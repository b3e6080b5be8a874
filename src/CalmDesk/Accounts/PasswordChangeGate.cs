namespace CalmDesk.Accounts;

/// A user who signed in with a password someone else chose (the first administrator's generated one, a one-time
/// password from `calmdesk users add`) is sent to the account page from every other page until they set their own;
/// the API answers 403 to their cookie meanwhile. Sign-out, the error pages and API tokens are not held.
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string ClaimType = "calmdesk:must-change-password";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!context.User.HasClaim(ClaimType, "true") || ApiTokenAuthentication.IsViaToken(context.User)
            || path.StartsWithSegments("/account") || path.StartsWithSegments("/signout") || path.StartsWithSegments("/status"))
        {
            await next(context);
            return;
        }

        if (Infrastructure.ApiProblem.IsApiRequest(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Infrastructure.ApiProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Choose your own password on the account page first.");
            return;
        }

        context.Response.Redirect("/account#must-change");
    }
}
