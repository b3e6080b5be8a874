using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// My account shows the language the user reads in, and saving it keeps it (it showed English, and saving switched
/// Italian and Greek users to English).
public sealed class AccountBrowserTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task ItalianRep_SeesItalianSelected_SavesWithoutLosingIt_ThenSwitchesToGreek(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync(provider);
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/account");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Il mio account");
        await Assertions.Expect(page.Locator("#culture")).ToHaveValueAsync("it");
        await page.Locator("#culture").Locator("xpath=ancestor::form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Il mio account");
        await Assertions.Expect(page.Locator("#culture")).ToHaveValueAsync("it");

        await page.SelectOptionAsync("#culture", "el");
        await page.Locator("#culture").Locator("xpath=ancestor::form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ο λογαριασμός μου");
        await Assertions.Expect(page.Locator("#culture")).ToHaveValueAsync("el");
    }

    /// API tokens came from the command line only: a user makes, uses and stops their own from My account.
    [Fact]
    public async Task GreekRep_CreatesAnApiToken_ScriptUsesIt_ThenTheRepStopsIt()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/account");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        await page.FillAsync("#token-name", "   ");
        await page.ClickAsync("#create-token");
        await Assertions.Expect(page.Locator("#api-tokens .errors")).ToContainTextAsync("Δώστε στο διακριτικό ένα όνομα");
        await page.FillAsync("#token-name", "Νυχτερινή εισαγωγή <b>");
        await Assertions.Expect(page.Locator("#token-days option:checked")).ToHaveTextAsync("90 ημέρες");
        await page.SelectOptionAsync("#token-days", "30");
        await page.ClickAsync("#create-token");
        var secret = await page.Locator("#new-token").InnerTextAsync();
        Assert.StartsWith("cdk_", secret, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#tokens")).ToContainTextAsync("Νυχτερινή εισαγωγή <b>");
        await Assertions.Expect(page.Locator("#tokens")).ToContainTextAsync(secret[..12] + "…");

        using var script = new HttpClient { BaseAddress = server.BaseAddress };
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        var me = await script.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        // A token cannot make more tokens: a leaked one must not outlive its own stopping.
        var asScript = await script.GetStringAsync("/account", TestContext.Current.CancellationToken);
        Assert.Contains("<h1>", asScript, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"api-tokens\"", asScript, StringComparison.Ordinal);

        // The secret is shown once only; the list then says when the token was last used.
        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("#new-token")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("#tokens tbody tr", new() { HasText = "Νυχτερινή εισαγωγή" });
        // It lasts 30 days, and the list says when it was last used and from where.
        var expires = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().AddDays(30).UtcDateTime);
        await Assertions.Expect(row.Locator("td").Nth(3).Locator("time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex("^" + expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await Assertions.Expect(row.Locator("td").Nth(4).Locator("time")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(4)).ToContainTextAsync("από 127.0.0.1");
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#tokens tbody tr", new() { HasText = "Νυχτερινή εισαγωγή" })).ToContainTextAsync("Απενεργοποιημένο");

        var stopped = await script.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, stopped.StatusCode);
    }
}
