using System.Text.Encodings.Web;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CalmDesk.Accounts;

/// Authenticates `Authorization: Bearer cdk_…` against the hashed tokens, as the user who owns the token.
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<CalmDeskUser> users,
    IUserClaimsPrincipalFactory<CalmDeskUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string CookieOrBearer = "CookieOrBearer";

    /// Present on a principal authenticated by an API token.
    public const string ViaTokenClaim = "calmdesk:via-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var userId = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || user.IsDeactivated)
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked, or its user was deactivated.");
        }

        var principal = await principals.CreateAsync(user);
        // Marked, so what only a signed-in person may do (making or stopping tokens) can refuse a token.
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(ViaTokenClaim, "true"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "The API token is missing, unknown or revoked.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your role does not allow this.");
    }
}
