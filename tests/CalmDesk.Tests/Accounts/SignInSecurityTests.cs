using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Accounts;

/// Guessing passwords: the answer never tells which e-mails have an account, one address cannot try more than a few
/// times a minute, a stranger's wrong guesses lock the password for a while but not the owner's API tokens, and
/// signing out ends the session even for a copy of its cookie.
public sealed class SignInSecurityTests(Servers servers)
{
    [Fact]
    public async Task ManyAttemptsFromOneAddress_AreRefusedWith429_AfterTheLimit()
    {
        await using var server = await CalmDeskServer.StartAsync("sqlite", demo: false, clock: null, "--Security:SignInAttemptsPerMinute=3");
        using var client = server.CreateClient(followRedirects: false);
        List<HttpStatusCode> answers = [];
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostSignInAsync(client, $"nobody{i}@example.com", "Wrong-password-1");
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        using var page = await PostSignInAsync(client, "nobody@example.com", "Wrong-password-1");
        Assert.Contains("Too many attempts", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswords_LockThePasswordButNotTheTokens_AndAnswerAsForAnUnknownAddress()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        using var client = server.CreateClient(followRedirects: false);
        var unknown = await ErrorAsync(await PostSignInAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..6] + "@example.com", "Wrong-password-1"));
        var wrong = await ErrorAsync(await PostSignInAsync(client, email, "Wrong-password-1"));
        for (var i = 0; i < 10; i++)
        {
            (await PostSignInAsync(client, email, "Wrong-password-1")).Dispose();
        }

        // Locked: even the right password is refused for now, with the same words as everything else.
        using var locked = await PostSignInAsync(client, email, "Quiet-Harbour-47");
        var lockedError = await ErrorAsync(locked);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedError);
        using var me = await api.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_ForACopyOfItsCookieToo()
    {
        await using var server = await CalmDeskServer.StartAsync("sqlite", demo: false, clock: null, "--Security:SessionCheckSeconds=0");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep");
        var jar = new CookieContainer();
        using var owner = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using (var signedIn = await PostSignInAsync(owner, email, "Quiet-Harbour-47"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // Someone copies the cookie (a shared computer, a proxy log).
        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        thief.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(server.BaseAddress));
        using var before = await thief.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var signOut = await owner.PostAsync("/signout", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await thief.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = PageSession.AntiforgeryToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var start = html.IndexOf("role=\"alert\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "No error on the sign-in page: " + (int)response.StatusCode);
        return html[(start + 13)..html.IndexOf("</p>", start, StringComparison.Ordinal)];
    }
}
