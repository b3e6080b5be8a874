using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

public sealed class TimelineBrowserTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task Rep_SignsIn_OpensCustomer_AddsInteraction_AndSeesItOnTheTimeline(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync(provider);
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var company = $"Ταβέρνα Το Λιμανάκι {Guid.NewGuid().ToString("N")[..6]}";
        var created = await Json.PostAsync(api, "/api/v1/customers", new
        {
            company,
            preferredLanguage = "el",
            // An address of its own: on the shared server another rep's customer has giorgos@limanaki.example.
            contacts = new[] { new { name = "Γιώργος Αντωνίου", email = $"giorgos@{company[^6..]}.limanaki.example" } },
        });
        created.EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/customers");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");
        await page.FillAsync("#customer-search", "λιμανακι");
        await page.ClickAsync("form[role=search] button");
        await page.ClickAsync($"#customers a:has-text('{company}')");
        await page.SelectOptionAsync("#channel", "Call");
        await page.SelectOptionAsync("#contact", new SelectOptionValue { Label = "Γιώργος Αντωνίου" });
        await page.FillAsync("#subject", "Λάθος παράδοση");
        const string body = "Μας φέρατε λάθος κιβώτια! <script>alert('x')</script>";
        await page.FillAsync("#body", body);
        await page.FillAsync("#minutes", "12");
        await page.ClickAsync("#add-interaction button[type=submit]");

        var first = page.Locator("#timeline li").First;
        await Assertions.Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator(".body")).ToHaveTextAsync(body);
        await Assertions.Expect(first.Locator(".subject")).ToHaveTextAsync("Λάθος παράδοση");
        await Assertions.Expect(first.Locator(".meta")).ToContainTextAsync("Γιώργος Αντωνίου".Split(' ')[0]);
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator("#timeline script").CountAsync());
    }
}
