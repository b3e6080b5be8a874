using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A wrong-delivery complaint opens a case; its page shows the order ordered / confirmed / delivered side by side,
/// marks the line that differs, and (the delivery being ours to get right) points at the "our mistake" playbook.
public sealed class OrderComparisonBrowserTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task WrongDeliveryComplaint_ShowsTheOrderComparisonOnTheCasePage(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync(provider);
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
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

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

    [Theory]
    [AllDatabases]
    public async Task OrdersPage_RecordsAnOrderItsConfirmationAndADeliveryThatDiffers(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync(provider);
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var number = "PO-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var customer = await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Hotel Bellavista " + number, preferredLanguage = "it" }));
        var customerId = customer.GetProperty("id").GetInt32();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });

        await page.GotoAsync($"/customers/{customerId}/orders");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");
        await page.FillAsync("#new-order input[name=Number]", number);
        await page.FillAsync("#new-order input[name=OrderedOn]", "2026-10-01");
        await page.FillAsync("#new-order textarea[name=Lines]", "Chianti 750ml | 40\nProsecco DOC | twelve");
        await page.ClickAsync("#add-order");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("Line 2");
        await page.FillAsync("#new-order textarea[name=Lines]", "Chianti 750ml | 40 | 9,50\nProsecco DOC | 12 | 7");
        await page.ClickAsync("#add-order");

        var order = page.Locator("section.order");
        await Assertions.Expect(order.Locator("h2")).ToContainTextAsync(number);
        await order.Locator("textarea[name=Text]").FillAsync($"Confermiamo l'ordine {number}: 40 Chianti 750ml, 12 Prosecco DOC.");
        await order.Locator("button", new() { HasText = "Record the confirmation" }).ClickAsync();
        await Assertions.Expect(order.Locator("details summary")).ToContainTextAsync("The confirmation as sent");
        await order.Locator("input[name=DeliveredOn]").FillAsync("2026-10-03");
        await order.Locator("textarea[name=Differences]").FillAsync("Chianti 750ml | 24");
        await order.Locator("button", new() { HasText = "Record the delivery" }).ClickAsync();

        await Assertions.Expect(order.Locator("tr.differs-delivery td")).ToHaveTextAsync(["Chianti 750ml", "40", "40", "24"]);
        await Assertions.Expect(order.Locator("form")).ToHaveCountAsync(0);

        // The same rep records abuse taken on the phone from the customer page; it shows in the customer's incidents.
        await page.GotoAsync($"/customers/{customerId}");
        await page.ClickAsync("#record-incident summary");
        await page.SelectOptionAsync("select[name=IncidentSeverity]", "Medium");
        await page.CheckAsync("#record-incident input[value=insult]");
        await page.FillAsync("textarea[name=IncidentEvidence]", "Called me a useless <b>clown</b> twice.");
        await page.ClickAsync("#record-incident button");
        await Assertions.Expect(page.Locator("#customer-incidents summary")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#customer-incidents li")).ToContainTextAsync("useless <b>clown</b>");
    }
}
