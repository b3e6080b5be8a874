using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A manager's price campaign reaches a rep's Italian customer: the rep reads the talking points, sends the drafted
/// Italian announcement from the page, and after an angry reply sees it flagged with its case and the call-back.
public sealed class CampaignBrowserTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task Rep_SendsTheDraftedAnnouncement_AndTheAngryReplyShowsWithItsCase(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync(provider);
        var (rep, _, email) = await server.SignUpWithEmailAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var key = Guid.NewGuid().ToString("N")[..6];
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new
        {
            company = "Pasticceria Rinaldi " + key, preferredLanguage = "it", currency = "EUR", contacts = new[] { new { name = "Sara Rinaldi" } },
        }));
        var customerId = customer.GetProperty("id").GetInt32();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        (await Json.PostAsync(rep, "/api/v1/receivables/invoices", new { customerId, number = "P-" + key, issuedOn = today.AddDays(-15), amount = 1250m })).EnsureSuccessStatusCode();
        var campaign = await Json.ReadAsync(await Json.PostAsync(manager, "/api/v1/campaigns", new
        {
            name = "Listino " + key, percent = 3.5, effectiveOn = today.AddDays(30), reasons = new[] { "supplier", "energy" },
            competitorPercent = 6, customerIds = new[] { customerId },
        }));
        var campaignId = campaign.GetProperty("summary").GetProperty("id").GetInt32();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync($"/campaigns/{campaignId}");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        var card = page.Locator("section.recipient");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.Locator(".talking-points li").First).ToContainTextAsync("1 invoices");
        await Assertions.Expect(card.Locator("textarea[name=Body][lang=it]")).ToContainTextAsync("aumentano del 3,5%");
        await card.Locator("button.primary").ClickAsync();
        // No mailbox sends here and the contact has no address: the page says so rather than "sent".
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("recorded in the timeline but not sent");
        await Assertions.Expect(card.Locator("textarea")).ToHaveCountAsync(0);
        await Assertions.Expect(card).ToContainTextAsync("No reply yet.");

        var reply = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/interactions", new
        {
            channel = "email", direction = "inbound",
            body = "Ma state scherzando? Siete dei ladri, vergognatevi! <script>alert(1)</script> Cambio fornitore!",
        }));
        var caseId = reply.GetProperty("caseId").GetInt32();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#angry-count")).ToHaveTextAsync("1");
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("angry"));
        await Assertions.Expect(card.Locator($"a[href='/cases/{caseId}']")).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator(".replies q")).ToContainTextAsync("<script>alert(1)</script>");
        await Assertions.Expect(card).ToContainTextAsync("Call back about the price change");
        Assert.Equal(0, dialogs);
    }
}
