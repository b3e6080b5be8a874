using System.Net;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A page on another port of the same host is the same site to a browser, so the Lax sign-in cookie went with its
/// requests: a script there marked a rep's promise kept through the API. Now a change made with the cookie must come
/// from CalmDesk's own pages; the same request from CalmDesk's own page still works, and API tokens are unaffected.
public sealed class CrossSiteBrowserTests(Servers servers)
{
    [Fact]
    public async Task APageOnAnotherPort_CannotChangeAnythingWithTheRepsCookie_WhileCalmDesksOwnPageCan()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var customer = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Ferri Arredamenti" }))).GetProperty("id").GetInt32();
        async Task<int> PromiseAsync() => (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/commitments",
            new { customerId = customer, what = "Send the corrected invoice", dueAt = TimeProvider.System.GetUtcNow().AddDays(1) }))).GetProperty("id").GetInt32();
        var promise = await PromiseAsync();
        var target = new Uri(server.BaseAddress, $"/api/v1/commitments/{promise}/done");

        // The other site: a page that posts to CalmDesk as soon as it opens, the way a script on any page can.
        await using var attacker = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]).Build();
        attacker.MapGet("/", () => Results.Content($$"""
            <!doctype html><title>offer</title>
            <script>
              fetch('{{target}}', { method: 'POST', credentials: 'include', mode: 'no-cors' })
                .finally(() => document.title = 'sent');
            </script>
            """, "text/html"));
        await attacker.StartAsync(TestContext.Current.CancellationToken);

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/customers");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");
        await page.WaitForURLAsync(url => url.Contains("/customers", StringComparison.Ordinal) && !url.Contains("/signin", StringComparison.Ordinal));

        await page.GotoAsync(attacker.Urls.First());
        await Assertions.Expect(page).ToHaveTitleAsync("sent");
        Assert.Equal("open", await StatusAsync(api, promise));

        // From CalmDesk's own page the same request, with the same cookie, is the rep's own and goes through.
        await page.GotoAsync("/customers");
        var status = await page.EvaluateAsync<int>("async url => (await fetch(url, { method: 'POST', credentials: 'include' })).status", target.ToString());
        Assert.Equal((int)HttpStatusCode.OK, status);
        Assert.Equal("done", await StatusAsync(api, promise));

        // A script client with a token has no cookie to borrow and is not asked where it comes from.
        var second = await PromiseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/commitments/{second}/done");
        request.Headers.Add("Origin", "http://elsewhere.example");
        using var response = await api.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheProtectiveHeaders_AndTheCookieIsSecureBehindAnHttpsProxy()
    {
        var server = await servers.GetAsync("sqlite");
        using var client = server.CreateClient(followRedirects: false);
        using var signIn = await client.GetAsync("/signin", TestContext.Current.CancellationToken);
        var policy = string.Join(' ', signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", signIn.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());

        // A proxy on the same machine says the browser came over HTTPS: the cookies it sets are Secure.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var fresh = server.CreateClient(followRedirects: false);
        using var proxied = await fresh.SendAsync(request, TestContext.Current.CancellationToken);
        var cookies = proxied.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string> StatusAsync(HttpClient api, int promise) =>
        (await Json.ReadAsync(await api.GetAsync($"/api/v1/commitments/{promise}", TestContext.Current.CancellationToken))).GetProperty("status").GetString()!;
}
