using System.Text.Encodings.Web;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CalmDesk.Accounts;

/// Authenticates `Authorization: Bearer cdk_…` against the hashed tokens, as the user who owns the token. A request
/// reads its token and owner from the database in one query, or from the few seconds' memory of tokens found valid
/// (ApiTokenCache: a token stopped or an owner changed on this instance is refused on the next call); the principal
/// built from the owner's roles and settings is kept in memory until the owner's stamps change.
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<CalmDeskUser> users,
    IUserClaimsPrincipalFactory<CalmDeskUser> principals,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string CookieOrBearer = "CookieOrBearer";

    /// Present on a principal authenticated by an API token.
    public const string ViaTokenClaim = "calmdesk:via-token";

    /// Whether the request came with an API token rather than the sign-in cookie.
    public static bool IsViaToken(System.Security.Claims.ClaimsPrincipal user) => user.HasClaim(ViaTokenClaim, "true");

    /// Whether a request presents an API token ("Authorization: Bearer …") rather than a sign-in cookie.
    public static bool IsTokenRequest(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await tokens.OwnerAsync(header["Bearer ".Length..].Trim(), Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (owner is null || owner.Deactivated)
        {
            return Refused;
        }

        // The stamps change with the owner's roles, password, name and settings, so a kept principal is never out of date.
        var key = (nameof(ApiTokenAuthentication), owner.UserId, owner.Stamp);
        if (!cache.TryGetValue(key, out System.Security.Claims.ClaimsPrincipal? principal) || principal is null)
        {
            var user = await users.FindByIdAsync(owner.UserId);
            if (user is null || user.IsDeactivated)
            {
                return Refused;
            }

            principal = await principals.CreateAsync(user);
            // Marked, so what only a signed-in person may do (making or stopping tokens) can refuse a token.
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(ViaTokenClaim, "true"));
            cache.Set(key, principal, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5), Size = 1 });
        }

        // A copy per request: a handler further on may add to its own principal's claims.
        return AuthenticateResult.Success(new AuthenticationTicket(principal.Clone(), SchemeName));
    }

    private static AuthenticateResult Refused => AuthenticateResult.Fail("The API token is unknown, revoked, or its user was deactivated.");

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
