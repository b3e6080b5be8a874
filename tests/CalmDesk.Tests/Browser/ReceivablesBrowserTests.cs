using System.Text.Json;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// An Italian rep types amounts on a customer's account page as Italians write them: "1.250" is twelve hundred and
/// fifty euros, "250,50" a payment with cents; a slip in the grouping is refused with nothing stored.
public sealed class ReceivablesBrowserTests(Servers servers)
{
    [Fact]
    public async Task AccountPage_ReadsAmountsAsTheReaderWritesThem()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var key = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var customer = await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Pasticceria Dolce Vita " + key, preferredLanguage = "it", currency = "EUR" }));
        var customerId = customer.GetProperty("id").GetInt32();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });

        await page.GotoAsync($"/customers/{customerId}/account");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");
        var invoice = page.Locator("#invoice-form");
        await invoice.Locator("input[name=Number]").FillAsync("FT-" + key);
        await invoice.Locator("input[name=IssuedOn]").FillAsync("2026-10-01");
        await invoice.Locator("input[name=Amount]").FillAsync("1.25.0");
        await invoice.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToBeVisibleAsync();
        Assert.Empty((await AccountAsync(api, customerId)).GetProperty("invoices").EnumerateArray());

        await page.Locator("#invoice-form input[name=Amount]").FillAsync("1.250");
        await page.Locator("#invoice-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=invoice", StringComparison.Ordinal));
        var payment = page.Locator("#payment-form");
        await payment.Locator("input[name=Reference]").FillAsync("BON-" + key);
        await payment.Locator("input[name=ReceivedOn]").FillAsync("2026-10-20");
        await payment.Locator("input[name=PaymentAmount]").FillAsync("250,50");
        await payment.Locator("input[name=Invoice]").FillAsync("FT-" + key);
        await payment.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=payment", StringComparison.Ordinal));

        var account = await AccountAsync(api, customerId);
        Assert.Equal(1250m, account.GetProperty("invoices")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(250.50m, account.GetProperty("payments")[0].GetProperty("amount").GetDecimal());
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1.250,00");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("999,50");
    }

    private static async Task<JsonElement> AccountAsync(HttpClient api, int customerId) =>
        await Json.ReadAsync(await api.GetAsync($"/api/v1/receivables/customers/{customerId}", TestContext.Current.CancellationToken));
}
