using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A refused change to a customer's contract terms shows the form again with everything the rep typed in it.
public sealed class TermsBrowserTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task RefusedTerms_KeepEveryFieldAsTyped_AndTheCorrectedFormSaves(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync(provider);
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Όροι & Συμφωνίες ΟΕ", preferredLanguage = "el" }))).GetProperty("id").GetInt32();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/customers/{id}/terms");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        await page.FillAsync("input[name=DepositPercent]", "30");
        await page.FillAsync("input[name=DepositMethods]", "τραπεζική μεταφορά");
        await page.FillAsync("input[name=OpenDays]", "mon,tue,someday");
        await page.FillAsync("input[name=OpensAt]", "08:30");
        await page.FillAsync("input[name=PaymentTermsDays]", "45");
        await page.FillAsync("textarea[name=Clauses]", "delivery: Παράδοση μόνο Τρίτη και Πέμπτη.");
        await page.ClickAsync("#terms-form button[type=submit]");

        await Assertions.Expect(page.Locator("[role=alert]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name=DepositPercent]")).ToHaveValueAsync("30");
        await Assertions.Expect(page.Locator("input[name=DepositMethods]")).ToHaveValueAsync("τραπεζική μεταφορά");
        await Assertions.Expect(page.Locator("input[name=OpenDays]")).ToHaveValueAsync("mon,tue,someday");
        await Assertions.Expect(page.Locator("input[name=OpensAt]")).ToHaveValueAsync("08:30");
        await Assertions.Expect(page.Locator("input[name=PaymentTermsDays]")).ToHaveValueAsync("45");
        await Assertions.Expect(page.Locator("textarea[name=Clauses]")).ToHaveValueAsync("delivery: Παράδοση μόνο Τρίτη και Πέμπτη.");

        await page.FillAsync("input[name=OpenDays]", "mon,tue");
        await page.ClickAsync("#terms-form button[type=submit]");
        await Assertions.Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name=DepositMethods]")).ToHaveValueAsync("τραπεζική μεταφορά");
        await Assertions.Expect(page.Locator("input[name=PaymentTermsDays]")).ToHaveValueAsync("45");
    }
}
