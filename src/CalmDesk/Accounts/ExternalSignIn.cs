using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CalmDesk.Accounts;

/// One OpenID Connect provider people may sign in through (Microsoft Entra ID, Google, Keycloak, …), from
/// <c>SignIn:Providers:KEY</c> in the configuration.
internal sealed class ExternalProvider
{
    /// The name on the button: "Sign in with …".
    public string DisplayName { get; set; } = "";

    /// The issuer's address; its discovery document is read from <c>/.well-known/openid-configuration</c> under it.
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// Whether the provider's <c>email</c> claim can be believed without <c>email_verified</c>: true only for a provider
    /// whose addresses the organisation itself manages (its own Keycloak, a single-tenant Entra ID). Otherwise anyone
    /// who can put an address in their profile there could take the account that has it.
    public bool TrustEmail { get; set; }
}

/// <c>SignIn:Providers</c>: the configured providers by key (a short lowercase name such as "entra").
internal sealed class ExternalSignInOptions
{
    public Dictionary<string, ExternalProvider> Providers { get; set; } = new(StringComparer.Ordinal);
}

/// Sign-in through an OpenID Connect provider. Only people an administrator has added may sign in: the first time,
/// the provider's verified e-mail must be a CalmDesk user's, and the provider's account is then linked to that user
/// (by its subject, so a later change of address at the provider keeps working). A deactivated user is refused, a
/// user with two-step sign-in still gives their code, and nobody is created. The code flow with PKCE, the answer
/// coming back as a plain GET (response mode "query"), so the cookies it needs are same-site and the request guard's
/// "changes come from this site" rule holds.
internal static partial class ExternalSignIn
{
    public const string StartPath = "/signin/external";
    public const string DonePath = "/signin/external/done";

    /// Why a sign-in through a provider was sent back to the sign-in page (its <c>external</c> query value).
    public const string Failed = "failed", Unknown = "unknown", Unverified = "unverified";

    private static string Refused(string reason) => "/signin?external=" + reason;

    private const string SchemePrefix = "oidc-";

    // Who the person is and their e-mail, nothing more.
    private static readonly string[] Scopes = ["openid", "profile", "email"];

    public static string Scheme(string key) => SchemePrefix + key;

    /// The configured providers, checked: a mistake stops the program at start with a message naming the setting.
    public static IReadOnlyDictionary<string, ExternalProvider> Read(IConfiguration configuration)
    {
        var options = configuration.GetSection("SignIn").Get<ExternalSignInOptions>() ?? new ExternalSignInOptions();
        foreach (var (key, provider) in options.Providers)
        {
            var problem = !KeyPattern().IsMatch(key) ? "the key must be lowercase letters, digits and dashes"
                : string.IsNullOrWhiteSpace(provider.ClientId) ? "ClientId is missing"
                : !Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) ? "Authority must be an absolute address"
                : authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)
                    ? "Authority must use https (plain http only on this machine's loopback, for a test provider)"
                    : null;
            if (problem is not null)
            {
                throw new InvalidOperationException($"SignIn:Providers:{key}: {problem}.");
            }

            if (string.IsNullOrWhiteSpace(provider.DisplayName))
            {
                provider.DisplayName = key;
            }
        }

        return options.Providers;
    }

    public static void Add(AuthenticationBuilder authentication, IServiceCollection services, IConfiguration configuration)
    {
        var providers = Read(configuration);
        services.AddSingleton(new ConfiguredProviders(providers));
        foreach (var (key, provider) in providers)
        {
            authentication.AddOpenIdConnect(Scheme(key), provider.DisplayName, options =>
            {
                options.Authority = provider.Authority;
                options.ClientId = provider.ClientId;
                options.ClientSecret = provider.ClientSecret;
                options.RequireHttpsMetadata = new Uri(provider.Authority).Scheme == Uri.UriSchemeHttps;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    options.Scope.Add(scope);
                }

                // The provider's answer is only used to find the CalmDesk user; CalmDesk's own cookie is the session.
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.CallbackPath = "/signin/oidc-" + key;
                options.SaveTokens = false;
                options.DisableTelemetry = true;
                // The provider sends the browser back with a top-level GET: a Lax cookie comes along, and over HTTPS it is Secure.
                foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }

                options.Events.OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CalmDesk.Security")
                        .LogWarning(SecurityEvents.SignInFailed, context.Failure, "Sign-in through {Provider} failed from {Address}", key, context.HttpContext.Connection.RemoteIpAddress);
                    context.Response.Redirect(Refused(Failed));
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        // A form post (with the antiforgery token), so no other site can start a sign-in in the user's browser.
        app.MapPost(StartPath, Start).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(DonePath, DoneAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Start([FromForm] string provider, [FromForm] string? returnUrl, ConfiguredProviders providers, SignInManager<CalmDeskUser> signIn)
    {
        if (!providers.All.ContainsKey(provider))
        {
            return TypedResults.Redirect(Refused(Failed));
        }

        var done = DonePath + "?returnUrl=" + Uri.EscapeDataString(LocalPath.OrDefault(returnUrl, "/customers"));
        var properties = signIn.ConfigureExternalAuthenticationProperties(Scheme(provider), done);
        return TypedResults.Challenge(properties, [Scheme(provider)]);
    }

    private static async Task<IResult> DoneAsync(
        HttpContext http, string? returnUrl, ConfiguredProviders providers, SignInManager<CalmDeskUser> signIn, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CalmDesk.Security");
        var address = http.Connection.RemoteIpAddress;
        var info = await signIn.GetExternalLoginInfoAsync();
        var provider = info is not null && info.LoginProvider.StartsWith(SchemePrefix, StringComparison.Ordinal)
            ? providers.All.GetValueOrDefault(info.LoginProvider[SchemePrefix.Length..])
            : null;
        if (info is null || provider is null)
        {
            return TypedResults.Redirect(Refused(Failed));
        }

        var users = signIn.UserManager;
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            // First sign-in through this provider: the provider's e-mail, if it vouches for it, names the user to link.
            var email = info.Principal.FindFirstValue(ClaimTypes.Email);
            var verified = provider.TrustEmail || string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
            user = email is null || !verified ? null : await users.FindByEmailAsync(email);
            if (user is null || user.IsDeactivated)
            {
                await http.SignOutAsync(IdentityConstants.ExternalScheme);
                log.LogWarning(SecurityEvents.SignInFailed, "Sign-in through {Provider} refused from {Address}: {Reason}", info.LoginProvider, address,
                    email is null ? "no e-mail" : !verified ? "e-mail not verified" : user is null ? "no user has the e-mail" : "deactivated");
                return TypedResults.Redirect(Refused(email is not null && !verified ? Unverified : Unknown));
            }

            var linked = await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, provider.DisplayName));
            if (!linked.Succeeded)
            {
                await http.SignOutAsync(IdentityConstants.ExternalScheme);
                return TypedResults.Redirect(Refused(Failed));
            }

            log.LogInformation(SecurityEvents.ExternalLinked, "User {UserId} linked to their account at {Provider}", user.Id, info.LoginProvider);
        }

        // A one-time password someone else chose is not needed by a user who signs in through their provider: it stops
        // working, rather than sending them to change a password they may never have been told. Not for a user refused below.
        if (user.MustChangePassword && !await users.IsLockedOutAsync(user))
        {
            // Removing the password saves the user, the flag with it.
            user.MustChangePassword = false;
            await users.RemovePasswordAsync(user);
        }

        var target = LocalPath.OrDefault(returnUrl, "/customers");
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            return TypedResults.Redirect(target);
        }

        if (result.RequiresTwoFactor)
        {
            return TypedResults.Redirect("/signin/two-step?returnUrl=" + Uri.EscapeDataString(target));
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        log.LogWarning(SecurityEvents.LockedOut, "Sign-in through {Provider} refused for user {UserId} from {Address}: locked or deactivated", info.LoginProvider, user.Id, address);
        return TypedResults.Redirect(Refused(Unknown));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,30}$")]
    private static partial Regex KeyPattern();
}

/// The providers shown on the sign-in page, by key.
internal sealed record ConfiguredProviders(IReadOnlyDictionary<string, ExternalProvider> All)
{
    /// The providers' origins, which the sign-in form may be sent on to.
    public IEnumerable<string> Origins => All.Values.Select(p => new Uri(p.Authority).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase);
}
