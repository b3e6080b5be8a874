using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CalmDesk.Accounts;

/// Someone signed in at the provider, as its ID token describes them.
internal sealed record ProviderPerson(string Subject, string Email, bool EmailVerified, string Name = "Test Person");

/// A small OpenID Connect provider on a real loopback port, for the sign-in tests: discovery, its signing keys, the
/// authorization endpoint (which answers at once for <see cref="Current"/>, as a provider does for someone already
/// signed in there) and the token endpoint, which checks the client's secret, the one-time code, its redirect address
/// and the PKCE verifier before it signs an RS256 ID token carrying the nonce. It follows the protocol only as far as
/// a relying party can see; a provider's own sign-in and consent pages are not part of it.
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "calmdesk-tests";
    public const string ClientSecret = "provider-secret-for-tests";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    private sealed record Grant(ProviderPerson Person, string RedirectUri, string Challenge, string? Nonce);

    private TestIdentityProvider(WebApplication app) => _app = app;

    /// The issuer, without a trailing slash, as the ID tokens name it.
    public string Authority => _app.Urls.First().TrimEnd('/');

    /// Whom the next authorization is for.
    public ProviderPerson Current { get; set; } = new("subject-0", "nobody@example.com", true);

    /// Signs the next ID tokens with a key the provider does not publish, as a forger would.
    public bool SignWithUnpublishedKey { get; set; }

    /// How many ID tokens were issued.
    public int TokensIssued => _tokens;

    private int _tokens;

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        provider.Map(app);
        await app.StartAsync();
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
        }));

        app.MapGet("/jwks", () =>
        {
            var key = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "published", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } },
            });
        });

        app.MapGet("/authorize", (HttpContext http) =>
        {
            var query = http.Request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code"
                // Absent means the code flow's default, a query string; form_post would come back as a cross-site POST.
                || query["response_mode"].ToString() is not ("" or "query")
                || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"])
                || !query["scope"].ToString().Split(' ').Contains("openid") || !Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var redirect))
            {
                return Results.BadRequest("invalid_request: " + http.Request.QueryString);
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = new Grant(Current, redirect.ToString(), query["code_challenge"]!, query["nonce"]);
            return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
        });

        app.MapPost("/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            // A code is used once, by the redirect address it was given for, by whoever holds the PKCE verifier.
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)
                || grant.RedirectUri != form["redirect_uri"]
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            Interlocked.Increment(ref _tokens);
            return Results.Json(new { access_token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), token_type = "Bearer", expires_in = 300, id_token = IdToken(grant) });
        });
    }

    private string IdToken(Grant grant)
    {
        Dictionary<string, object> claims = new(StringComparer.Ordinal)
        {
            ["sub"] = grant.Person.Subject,
            ["email"] = grant.Person.Email,
            ["email_verified"] = grant.Person.EmailVerified,
            ["name"] = grant.Person.Name,
        };
        if (grant.Nonce is not null)
        {
            claims["nonce"] = grant.Nonce;
        }

        var key = new RsaSecurityKey(SignWithUnpublishedKey ? _stranger : _rsa) { KeyId = "published" };
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
        _stranger.Dispose();
    }
}
