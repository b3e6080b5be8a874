using CalmDesk.Browser;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CalmDesk.Accounts;

/// Signing in through an OpenID Connect provider, in Chromium, against a real provider on another port: the person an
/// administrator added signs in with the provider's verified e-mail and is linked by subject; a stranger, an e-mail the
/// provider has not verified, a deactivated user and a forged ID token are refused with a readable message; two-step
/// sign-in still asks for its code; and a one-time password someone else chose stops working.
public sealed class ExternalSignInTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlyPeopleAddedByAnAdministrator_SignInThroughTheProvider()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings:
        [
            "--SignIn:Providers:company:DisplayName=Company Login",
            $"--SignIn:Providers:company:Authority={provider.Authority}",
            $"--SignIn:Providers:company:ClientId={TestIdentityProvider.ClientId}",
            $"--SignIn:Providers:company:ClientSecret={TestIdentityProvider.ClientSecret}",
        ]);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");

        // The added person, with the address the provider vouches for, lands where they were going.
        provider.Current = new ProviderPerson("subject-maria", email.ToUpperInvariant(), EmailVerified: true);
        var page = await SignInThroughProviderAsync(browser, server, "/cases");
        Assert.EndsWith("/cases", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await page.Context.CloseAsync();
        Assert.Equal(1, provider.TokensIssued);
        var userId = await UserIdAsync(server, email);
        Assert.Equal(["oidc-company/subject-maria"], await LoginsAsync(server, userId));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            // The link is a change to the user's account, in the audit log like a role given.
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().AuditEntries
                .CountAsync(e => e.Subject == "sign-in-link" && e.SubjectId == userId && e.Action == "added", Token));
        }

        // Linked by subject: a new address at the provider still signs the same person in.
        provider.Current = provider.Current with { Email = "maria.renamed@example.com" };
        page = await SignInThroughProviderAsync(browser, server, "/customers");
        Assert.EndsWith("/customers", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.Context.CloseAsync();

        // Nobody with that address: refused, nobody created.
        var users = await UserCountAsync(server);
        provider.Current = new ProviderPerson("subject-stranger", "stranger@example.com", EmailVerified: true);
        page = await SignInThroughProviderAsync(browser, server, "/customers");
        await RefusedAsync(page, "unknown");
        Assert.Equal(users, await UserCountAsync(server));

        // A user's address the provider has not verified cannot take that user's account.
        var (_, _, other) = await server.SignUpWithEmailAsync("Rep");
        provider.Current = new ProviderPerson("subject-impostor", other, EmailVerified: false);
        page = await SignInThroughProviderAsync(browser, server, "/customers");
        await RefusedAsync(page, "unverified");
        Assert.Empty(await LoginsAsync(server, await UserIdAsync(server, other)));

        // An ID token signed with a key the provider does not publish is not believed.
        provider.Current = new ProviderPerson("subject-maria", email, EmailVerified: true);
        provider.SignWithUnpublishedKey = true;
        page = await SignInThroughProviderAsync(browser, server, "/customers");
        await RefusedAsync(page, "failed");
        provider.SignWithUnpublishedKey = false;

        // Two-step sign-in still asks for its code after the provider.
        await WithUserAsync(server, userId, async (manager, user) =>
        {
            await manager.ResetAuthenticatorKeyAsync(user);
            await manager.SetTwoFactorEnabledAsync(user, true);
        });
        page = await SignInThroughProviderAsync(browser, server, "/customers");
        Assert.Equal("/signin/two-step", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();

        // A deactivated user is refused, although the provider still knows them.
        await WithUserAsync(server, userId, (manager, user) => manager.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        page = await SignInThroughProviderAsync(browser, server, "/customers");
        await RefusedAsync(page, "unknown");
    }

    [Fact]
    public async Task AOneTimePasswordSomeoneElseChose_StopsWorking_WhenTheUserSignsInThroughTheProvider()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings:
        [
            $"--SignIn:Providers:keycloak:Authority={provider.Authority}",
            $"--SignIn:Providers:keycloak:ClientId={TestIdentityProvider.ClientId}",
            $"--SignIn:Providers:keycloak:ClientSecret={TestIdentityProvider.ClientSecret}",
            // The organisation's own provider: its addresses are trusted without email_verified.
            "--SignIn:Providers:keycloak:TrustEmail=true",
        ]);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var userId = await UserIdAsync(server, email);
        await WithUserAsync(server, userId, (manager, user) =>
        {
            user.MustChangePassword = true;
            return manager.UpdateAsync(user);
        });

        provider.Current = new ProviderPerson("kc-1", email, EmailVerified: false);
        var page = await SignInThroughProviderAsync(browser, server, "/customers", button: "#signin-keycloak");
        // Not held on the account page to change a password they were perhaps never told.
        Assert.EndsWith("/customers", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("#no-password")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // The one-time password no longer signs in.
        using var client = server.CreateClient(followRedirects: false);
        using var answer = await PageSession.PostPasswordAsync(client, email);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("class=\"errors\"", await answer.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Not A Key", "https://login.example.com", "id", "lowercase")]
    [InlineData("entra", "http://login.example.com", "id", "https")]
    [InlineData("entra", "https://login.example.com", "", "ClientId")]
    [InlineData("entra", "login.example.com", "id", "absolute")]
    public void AMistakeInTheProviderSettings_StopsTheProgramWithTheSettingNamed(string key, string authority, string clientId, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"SignIn:Providers:{key}:Authority"] = authority,
            [$"SignIn:Providers:{key}:ClientId"] = clientId,
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => { ExternalSignIn.Read(configuration); });
        Assert.Contains($"SignIn:Providers:{key}", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// Opens a protected page in a fresh browser, which sends it to the sign-in page, and presses the provider's button.
    private static async Task<IPage> SignInThroughProviderAsync(IBrowser browser, CalmDeskServer server, string path, string button = "#signin-company")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await page.ClickAsync(button);
        // Back on CalmDesk, past the provider and the callback.
        try
        {
            await page.WaitForURLAsync(url => url.StartsWith(server.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && (!new Uri(url).AbsolutePath.StartsWith("/signin/", StringComparison.Ordinal) || url.Contains("/signin/two-step", StringComparison.Ordinal)),
                new PageWaitForURLOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Stopped at {page.Url}: {await page.ContentAsync()}");
        }

        return page;
    }

    private static async Task RefusedAsync(IPage page, string reason)
    {
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        Assert.EndsWith("external=" + reason, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".errors")).Not.ToBeEmptyAsync();
        // Still signed out: a protected page sends the browser back to sign in.
        await page.GotoAsync("/customers");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }

    private static async Task<string> UserIdAsync(CalmDeskServer server, string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    private static async Task<int> UserCountAsync(CalmDeskServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Users.CountAsync(Token);
    }

    private static async Task<List<string>> LoginsAsync(CalmDeskServer server, string userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().UserLogins
            .Where(l => l.UserId == userId).Select(l => l.LoginProvider + "/" + l.ProviderKey).ToListAsync(Token);
    }

    private static async Task WithUserAsync(CalmDeskServer server, string userId, Func<UserManager<CalmDeskUser>, CalmDeskUser, Task> change)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>();
        await change(manager, (await manager.FindByIdAsync(userId))!);
    }
}
