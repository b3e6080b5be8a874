using Microsoft.Net.Http.Headers;

namespace CalmDesk.Infrastructure;

/// Two defences every response and every change gets, whatever endpoint serves it.
/// <list type="bullet">
/// <item>Headers that keep a page from being framed, sniffed, or leaking its address, and a content security policy
/// that lets a page load only this site's own styles, images and forms (the pages run no script); the API's answers are
/// not to be cached.</item>
/// <item>A change made with the sign-in cookie (a POST, PUT, PATCH or DELETE without an API token) must come from a
/// page of this site. Pages carry an antiforgery token, but the API takes JSON from scripts, and a page of another
/// site (or of another port on the same host, which a Lax cookie does not stop) could otherwise post there with the
/// rep's cookie. Browsers say where a request comes from (<c>Origin</c>, <c>Sec-Fetch-Site</c>); a request without
/// either is not from a browser, so no one's cookie can be borrowed by it.</item>
/// <item>A change made with an API token goes through the API only, never through a page's form.</item>
/// </list>
internal sealed class RequestGuard(RequestDelegate next, Accounts.ConfiguredProviders providers)
{
    // The sign-in page's form for a sign-in provider is answered with a redirect to that provider, which form-action
    // must allow; no other page posts anywhere but here.
    private readonly string _pagePolicy = PagePolicy("'self'");
    private readonly string _signInPolicy = PagePolicy(string.Join(' ', ["'self'", .. providers.Origins]));

    private static string PagePolicy(string formAction) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        $"form-action {formAction}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // Scalar's interactive reference is a script application with its configuration inline.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        var path = context.Request.Path;
        headers[HeaderNames.ContentSecurityPolicy] = path.StartsWithSegments("/api-reference") ? ReferencePolicy
            : path.StartsWithSegments("/signin") ? _signInPolicy
            : _pagePolicy;
        if (ApiProblem.IsApiRequest(context))
        {
            // The API's answers are one person's view of the book: no shared or browser cache keeps a copy.
            headers.CacheControl = "no-store";
        }

        if (ChangesSomething(context.Request) && !Accounts.ApiTokenAuthentication.IsTokenRequest(context.Request)
            && !FromThisSite(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            if (ApiProblem.IsApiRequest(context))
            {
                await ApiProblem.WriteAsync(context, StatusCodes.Status403Forbidden,
                    "This change came from a page of another site. Make it from CalmDesk's own pages, or send an API token as 'Authorization: Bearer TOKEN'.");
            }

            return;
        }

        // An API token is for the API. The pages' forms are a person's: a token that could post them could change its
        // owner's password (and so outlive its own revocation) or sign every browser of its owner out.
        if (ChangesSomething(context.Request) && Accounts.ApiTokenAuthentication.IsTokenRequest(context.Request) && !ApiProblem.IsApiRequest(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ApiProblem.WriteAsync(context, StatusCodes.Status403Forbidden,
                "An API token may change things through the API (/api/v1) only; the pages' forms are for a signed-in person.");
            return;
        }

        await next(context);
    }

    private static bool ChangesSomething(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    /// Whether the browser says the request comes from a page of this very origin (scheme, host and port).
    public static bool FromThisSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
        }

        // No Origin: a browser that sends Sec-Fetch-Site still says where the request came from.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }
}
