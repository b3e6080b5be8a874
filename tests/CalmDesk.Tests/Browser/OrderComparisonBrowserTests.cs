using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A wrong-delivery complaint opens a case; its page shows the order ordered / confirmed / delivered side by side,
/// marks the line that differs, and (the delivery being ours to get right) points at the "our mistake" playbook.
public sealed class OrderComparisonBrowserTests(Servers servers)
{
    [Fact]
    public async Task WrongDeliveryComplaint_ShowsTheOrderComparisonOnTheCasePage()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var number = "SO-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var customer = await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new
        {
            company = "Enoteca Il Grappolo " + number, preferredLanguage = "it", contacts = new[] { new { name = "Franca Ricci" } },
        }));
        var customerId = customer.GetProperty("id").GetInt32();
        var order = await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/orders", new
        {
            customerId, number, orderedOn = "2026-10-01",
            lines = new object[] { new { item = "Chianti 750ml", ordered = 40, unitPrice = 9.5 }, new { item = "Prosecco <b>DOC</b>", ordered = 12, unitPrice = 7 } },
        }));
        var orderId = order.GetProperty("orderId").GetInt32();
        (await Json.PostAsync(api, $"/api/v1/orders/{orderId}/confirmation", new { channel = "email", text = $"Confermiamo l'ordine {number}: 40 Chianti 750ml, 12 Prosecco DOC." })).EnsureSuccessStatusCode();
        (await Json.PostAsync(api, $"/api/v1/orders/{orderId}/delivery", new { deliveredOn = "2026-10-03", quantities = new Dictionary<string, decimal> { ["Chianti 750ml"] = 24 } })).EnsureSuccessStatusCode();
        var message = await Json.ReadAsync(await Json.PostAsync(api, $"/api/v1/customers/{customerId}/interactions", new
        {
            channel = "email", direction = "inbound", subject = "Consegna sbagliata " + number,
            body = $"Buongiorno, nella consegna dell'ordine {number} mancano 16 cartoni di Chianti. Avevamo ordinato 40 cartoni e ne sono arrivati 24. È inaccettabile, ci serve la merce giusta.",
        }));
        var caseId = message.GetProperty("caseId").GetInt32();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync($"/cases/{caseId}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Password-123");
        await page.ClickAsync("button[type=submit]");

        var comparison = page.Locator("#order-comparison");
        await Assertions.Expect(comparison).ToBeVisibleAsync();
        await Assertions.Expect(comparison.Locator("h2")).ToContainTextAsync(number);
        var differing = comparison.Locator("tr.differs-delivery");
        await Assertions.Expect(differing).ToHaveCountAsync(1);
        await Assertions.Expect(differing.Locator("td")).ToHaveTextAsync(["Chianti 750ml", "40", "40", "24"]);
        await Assertions.Expect(page.Locator("#order-verdict")).ToContainTextAsync("does not match what we confirmed");
        await Assertions.Expect(page.Locator("#order-verdict")).ToContainTextAsync("our mistake");
        // The item name is customer-side text: it shows as text, never as markup.
        await Assertions.Expect(comparison.Locator("td", new() { HasText = "Prosecco <b>DOC</b>" })).ToHaveCountAsync(1);
        Assert.Equal(0, await comparison.Locator("b").CountAsync());
        Assert.Equal(0, dialogs);
    }
}
