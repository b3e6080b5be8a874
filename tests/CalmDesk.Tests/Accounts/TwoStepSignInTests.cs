using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CalmDesk.Infrastructure;

namespace CalmDesk.Accounts;

/// Two-step sign-in as a user meets it: the key on *My account* goes into an authenticator app (here, RFC 6238 computed
/// by the test), a first code turns it on and shows recovery codes once; from then the password alone no longer signs
/// in, a wrong code is refused, the app's code or a recovery code (once) completes it, and only the password turns it off.
public sealed partial class TwoStepSignInTests(Servers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterTurningItOn_ThePasswordAloneNoLongerSignsIn()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        using var client = await PageSession.SignInAsync(server, email, "Quiet-Harbour-47");
        var first = await client.GetStringAsync("/account", Token);
        // Reading the page makes no key (a new key would end the user's other sessions): the user asks for one.
        Assert.DoesNotContain("id=\"two-step-key\"", first, StringComparison.Ordinal);
        var account = await PostAsync(client, "/account", first, "two-step-start");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers", Token)).StatusCode);
        var key = KeyPattern().Match(account).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        Assert.Contains("otpauth://totp/CalmDesk%3A", WebUtility.HtmlDecode(account), StringComparison.Ordinal);

        var wrong = await PostAsync(client, "/account", account, "two-step-on", ("TwoStepCode", "000000"));
        Assert.Contains("id=\"two-step-code\"", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"recovery-codes\"", wrong, StringComparison.Ordinal);
        var on = await PostAsync(client, "/account", account, "two-step-on", ("TwoStepCode", Totp(key)));
        var codes = RecoveryPattern().Matches(on).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Contains("id=\"two-step-on\"", await client.GetStringAsync("/account", Token), StringComparison.Ordinal);

        // The password alone now leads to the second step, which a wrong code does not pass.
        using var second = server.CreateClient(followRedirects: false);
        var halfway = await PasswordAsync(second, email);
        Assert.StartsWith("/signin/two-step", halfway, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/customers", Token)).StatusCode);
        var step = await second.GetStringAsync("/signin/two-step", Token);
        Assert.Contains("class=\"errors\"", await PostAsync(second, "/signin/two-step", step, "two-step", ("Code", "123456")), StringComparison.Ordinal);
        using (var passed = await PostRawAsync(second, "/signin/two-step", step, "two-step", ("Code", Totp(key))))
        {
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/customers", Token)).StatusCode);

        // A recovery code works once.
        foreach (var expected in new[] { HttpStatusCode.Redirect, HttpStatusCode.OK })
        {
            using var third = server.CreateClient(followRedirects: false);
            await PasswordAsync(third, email);
            var page = await third.GetStringAsync("/signin/two-step", Token);
            using var answer = await PostRawAsync(third, "/signin/two-step", page, "two-step", ("Code", codes[0]));
            Assert.Equal(expected, answer.StatusCode);
        }

        // Nothing to finish without the password first.
        using (var stranger = server.CreateClient(followRedirects: false))
        {
            using var skipped = await stranger.GetAsync("/signin/two-step", Token);
            Assert.EndsWith("/signin", skipped.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        // API tokens are their own credential: two-step sign-in is for people at a browser.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/customers", Token)).StatusCode);

        // Only the password turns it off; then the password alone signs in again.
        var settings = await second.GetStringAsync("/account", Token);
        Assert.Contains("class=\"errors\"", await PostAsync(second, "/account", settings, "two-step-off", ("TwoStepPassword", "not-the-password")), StringComparison.Ordinal);
        using (var off = await PostRawAsync(second, "/account", settings, "two-step-off", ("TwoStepPassword", "Quiet-Harbour-47")))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        using var fourth = server.CreateClient(followRedirects: false);
        Assert.Equal("/customers", await PasswordAsync(fourth, email));
    }

    /// The current code of an authenticator app for this key (RFC 6238: HMAC-SHA1 over 30-second steps, six digits).
    private static string Totp(string base32)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in base32.TrimEnd('='))
        {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        var step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        // SHA-1 because RFC 6238 and every authenticator app use it; HMAC-SHA1 is not broken as a MAC.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(bytes.ToArray(), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// Signs in with the password through the form; returns where the answer sends the browser.
    private static async Task<string> PasswordAsync(HttpClient client, string email)
    {
        using var response = await PageSession.PostPasswordAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string page, string form, params (string Name, string Value)[] fields)
    {
        using var response = await PostRawAsync(client, path, page, form, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Token);
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string page, string form, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["_handler"] = form, ["__RequestVerificationToken"] = PageSession.AntiforgeryToken(page) };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return client.PostAsync(path, new FormUrlEncodedContent(values), Token);
    }

    [GeneratedRegex("id=\"two-step-key\"[^>]*>([a-z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryPattern();
}
