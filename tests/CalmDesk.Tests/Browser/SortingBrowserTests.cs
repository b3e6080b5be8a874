using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Lists sort by the column a user clicks, the other way on a second click, keeping the search they typed.
public sealed class SortingBrowserTests(Servers servers)
{
    [Fact]
    public async Task ItalianRep_SortsTheirCustomersByRenewal_ThenTheOtherWay_KeepingTheSearch()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var marker = Guid.NewGuid().ToString("N")[..6];
        foreach (var (company, renewal) in new[] { ("Bruno", "2027-05-01"), ("Aurora", (string?)null), ("Corsi", "2027-02-01") })
        {
            (await Json.PostAsync(api, "/api/v1/customers", new { company = $"{company} {marker}", preferredLanguage = "it", currency = "EUR", contractRenewalDate = renewal }))
                .EnsureSuccessStatusCode();
        }

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/customers?q={marker}");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");
        var companies = page.Locator("#customers tbody tr td:first-child");
        await Assertions.Expect(companies).ToHaveTextAsync([$"Aurora {marker}", $"Bruno {marker}", $"Corsi {marker}"]);
        await Assertions.Expect(page.Locator("#customers th[aria-sort]")).ToHaveTextAsync("Azienda ▲");

        await page.Locator("#customers th a", new PageLocatorOptions { HasText = "Rinnovo" }).ClickAsync();
        await Assertions.Expect(companies).ToHaveTextAsync([$"Corsi {marker}", $"Bruno {marker}", $"Aurora {marker}"]);
        await Assertions.Expect(page.Locator("#customers th[aria-sort=ascending]")).ToContainTextAsync("Rinnovo");

        await page.Locator("#customers th a", new PageLocatorOptions { HasText = "Rinnovo" }).ClickAsync();
        // Newest renewal first; a customer without a renewal date stays last either way.
        await Assertions.Expect(companies).ToHaveTextAsync([$"Bruno {marker}", $"Corsi {marker}", $"Aurora {marker}"]);
        await Assertions.Expect(page.Locator("#customers th[aria-sort=descending]")).ToContainTextAsync("Rinnovo");
        Assert.Contains($"q={marker}", page.Url, StringComparison.Ordinal);

        // Filtering again keeps the order.
        await page.ClickAsync("form.filters button[type=submit]");
        await Assertions.Expect(companies).ToHaveTextAsync([$"Bruno {marker}", $"Corsi {marker}", $"Aurora {marker}"]);

        // A column the list cannot sort by is a readable error, in the reader's language.
        var wrong = await page.GotoAsync("/customers?sort=shoe-size");
        Assert.Equal(400, wrong!.Status);
        var viaApi = await api.GetAsync("/api/v1/cases?sort=shoe-size", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, viaApi.StatusCode);
    }
}
