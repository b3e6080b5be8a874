using System.Net.Http.Json;
using System.Text.Json;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Customers and contacts were created and edited only through the API or a CSV: a rep now does it from the pages.
public sealed class CustomerEditBrowserTests(Servers servers)
{
    [Fact]
    public async Task Rep_CreatesACustomerWithAContact_EditsIt_AndAddsAnotherContact()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/customers");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        await page.ClickAsync("#new-customer");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nuovo cliente");
        await page.FillAsync("#company", "Hughes & Daughters <Ltd>");
        await page.SelectOptionAsync("#language", "en");
        await page.SelectOptionAsync("#country", "US");
        await page.SelectOptionAsync("#customer-time-zone", "America/New_York");
        await page.FillAsync("#currency", "USD");
        await page.FillAsync("#contact-name", "Sarah Hughes");
        await page.FillAsync("#contact-email", "sarah@hughes.example");
        await page.FillAsync("#currency", "ZZZ");
        await page.SelectOptionAsync("#contactgender", "female");
        await page.ClickAsync("#save-customer");
        // Refused with the reason, and everything typed is still there.
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("ZZZ");
        await Assertions.Expect(page.Locator("#company")).ToHaveValueAsync("Hughes & Daughters <Ltd>");
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync("US");
        await Assertions.Expect(page.Locator("#contact-name")).ToHaveValueAsync("Sarah Hughes");
        await page.FillAsync("#currency", "USD");
        await page.ClickAsync("#save-customer");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hughes & Daughters <Ltd>");
        // The country named in the reader's language.
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Stati Uniti");
        await Assertions.Expect(page.Locator("#contacts")).ToContainTextAsync("Sarah Hughes");
        var id = int.Parse(page.Url.Split("/customers/")[1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

        await page.ClickAsync("#edit-customer");
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync("US");
        await page.FillAsync("#segment", "Joinery");
        await page.FillAsync("#postal-address", "  12 Mill Lane \n\n Springfield, IL 62704 \n");
        await page.ClickAsync("#save-customer");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Joinery");
        // Kept one line per line, trimmed, blank lines dropped.
        Assert.Equal("12 Mill Lane\nSpringfield, IL 62704", await page.Locator("#postal-address").InnerTextAsync());

        await page.ClickAsync("#add-contact summary");
        await page.FillAsync("#new-contact-name", "Tom Reid");
        await page.SelectOptionAsync("#new-contact-gender", "male");
        await page.ClickAsync("#add-contact-button");
        await Assertions.Expect(page.Locator("#contacts")).ToContainTextAsync("Tom Reid");
        await Assertions.Expect(page.Locator("#customer-cases")).ToContainTextAsync("Ancora nessun caso.");

        // The customer page lists the customer's cases and open promises.
        var opened = await Json.PostAsync(api, "/api/v1/cases", new { customerId = id, title = "Consegna in ritardo", situations = new[] { "wrong_delivery" } });
        var caseId = (await Json.ReadAsync(opened)).GetProperty("id").GetInt32();
        (await Json.PostAsync(api, "/api/v1/commitments", new { caseId, what = "Richiamare con la data", dueAt = TimeProvider.System.GetUtcNow().AddDays(1) })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#customer-cases")).ToContainTextAsync("Consegna in ritardo");
        await Assertions.Expect(page.Locator("#customer-promises")).ToContainTextAsync("Richiamare con la data");

        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(("US", "America/New_York", "USD", "Joinery"), (stored.GetProperty("country").GetString(), stored.GetProperty("timeZone").GetString(),
            stored.GetProperty("currency").GetString(), stored.GetProperty("segment").GetString()));
        Assert.Equal("12 Mill Lane\nSpringfield, IL 62704", stored.GetProperty("postalAddress").GetString());
        var genders = stored.GetProperty("contacts").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("gender").GetString());
        Assert.Equal("female", genders["Sarah Hughes"]);
        Assert.Equal("male", genders["Tom Reid"]);
        // A rep's new customer is theirs.
        Assert.True(stored.TryGetProperty("assignedRepId", out var rep) && rep.ValueKind == JsonValueKind.Number);
    }
}
