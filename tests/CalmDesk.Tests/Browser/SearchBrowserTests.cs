using System.Net;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// One box at the top of every page finds customers, messages, cases and invoices, however the name is typed.
public sealed class SearchBrowserTests(Servers servers)
{
    [Fact]
    public async Task GreekRep_TypesAGreekNameInLatinLetters_FindsTheirCustomerMessageAndInvoice_NotAColleagues()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var (colleague, _) = await server.SignUpAsync("Rep");
        var marker = Guid.NewGuid().ToString("N")[..6];
        var customer = await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new
        {
            company = $"Φαρμακείο Ψυχογιού {marker}", preferredLanguage = "el", currency = "EUR",
            contacts = new[] { new { name = "Ιωάννης Ψυχογιός", email = $"psychogios{marker}@example.gr" } },
        }));
        var customerId = customer.GetProperty("id").GetInt32();
        var message = await Json.ReadAsync(await Json.PostAsync(api, $"/api/v1/customers/{customerId}/interactions", new
        {
            channel = "email", direction = "inbound", subject = "Παραγγελία",
            body = $"Καλημέρα σας. Ο κ. Ψυχογιός <b>{marker}</b> ρωτά αν η παραγγελία του μπορεί να φύγει αύριο το πρωί.",
        }));
        var messageId = message.GetProperty("id").GetInt64();
        (await Json.PostAsync(api, "/api/v1/receivables/invoices", new { customerId, number = $"ΤΠΥ-{marker}", issuedOn = "2026-10-01", amount = 1234.5m })).EnsureSuccessStatusCode();
        (await Json.PostAsync(colleague, "/api/v1/customers", new { company = $"Psychogios Imports {marker}", preferredLanguage = "en", currency = "EUR" })).EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/customers");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");
        await page.FillAsync("#global-search", $"psixogio {marker}");
        await page.PressAsync("#global-search", "Enter");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Αναζήτηση");
        await Assertions.Expect(page.Locator("#found-customers")).ToContainTextAsync($"Φαρμακείο Ψυχογιού {marker}");
        await Assertions.Expect(page.Locator("#found-customers")).Not.ToContainTextAsync("Psychogios Imports");

        // The message is found by the man's name, shown with the match marked and its markup as text.
        await page.FillAsync("#search-q", "PSYCHOGIOS");
        await page.PressAsync("#search-q", "Enter");
        var hit = page.Locator("#found-messages li").Filter(new LocatorFilterOptions { HasText = marker });
        await Assertions.Expect(hit.Locator("mark")).ToHaveTextAsync("Ψυχογιός");
        await Assertions.Expect(hit).ToContainTextAsync($"<b>{marker}</b>");
        await hit.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator($"#interaction-{messageId}")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#interaction-{messageId}")).ToContainTextAsync("ρωτά αν η παραγγελία");

        // The invoice number typed in lower case and Latin letters; the amount in Greek format.
        await page.GotoAsync($"/search?q={Uri.EscapeDataString($"tpi-{marker}")}");
        await Assertions.Expect(page.Locator("#found-invoices")).ToContainTextAsync($"ΤΠΥ-{marker}");
        await Assertions.Expect(page.Locator("#found-invoices")).ToContainTextAsync("1.234,50");
        await page.Locator("#found-invoices a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#invoices tr[id^=invoice-]")).ToContainTextAsync($"ΤΠΥ-{marker}");

        await page.GotoAsync("/search?q=%CE%B1");
        await Assertions.Expect(page.Locator("#search-too-short")).ToHaveTextAsync("Πληκτρολογήστε τουλάχιστον 2 χαρακτήρες.");
        var tooShort = await api.GetAsync("/api/v1/search?q=a", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var viaApi = await Json.ReadAsync(await api.GetAsync($"/api/v1/search?q=psychogios+{marker}", TestContext.Current.CancellationToken));
        Assert.Equal([customerId], viaApi.GetProperty("customers").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
    }
}
