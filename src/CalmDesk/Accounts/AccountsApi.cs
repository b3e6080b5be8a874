using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

internal sealed record Me(string Id, string Email, string DisplayName, string Culture, IReadOnlyList<string> Roles);

internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithTags("Accounts").WithName(nameof(GetMe)).WithSummary("Who the token or cookie belongs to").RequireAuthorization();
        return api;
    }

    public static void MapSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost("/signout", SignOut).RequireAuthorization().ExcludeFromDescription();

    /// The addresses other products sign in at lead to ours, with what was asked for (the sign-in page checks a return
    /// address is one of ours).
    public static void MapSignInAliases(this IEndpointRouteBuilder app)
    {
        foreach (var alias in new[] { "/login", "/account/login", "/account/signin" })
        {
            app.MapGet(alias, (HttpContext http) => TypedResults.Redirect("/signin" + http.Request.QueryString)).ExcludeFromDescription();
        }
    }

    public static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> GetMe(HttpContext http, UserManager<CalmDeskUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var roles = http.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Me(user.Id, user.Email ?? "", user.DisplayName, user.Culture, roles));
    }

    /// Signs out everywhere: the security stamp changes, so every sign-in cookie of this user (a copy someone took
    /// included) stops working within the validation interval (a minute), not at its expiry.
    public static async Task<RedirectHttpResult> SignOut(HttpContext http, SignInManager<CalmDeskUser> signIn, ILogger<SignInManager<CalmDeskUser>> log)
    {
        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            log.LogInformation(SecurityEvents.SignedOut, "User {UserId} signed out; their sessions end", user.Id);
        }

        await signIn.SignOutAsync();
        return TypedResults.Redirect("/signin");
    }
}
