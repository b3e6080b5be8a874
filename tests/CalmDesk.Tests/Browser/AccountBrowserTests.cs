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
        await Chromium.SignInAsync(page, email, "Password-123");

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
}
