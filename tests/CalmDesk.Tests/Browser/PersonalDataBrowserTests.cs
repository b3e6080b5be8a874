using System.Net.Http.Json;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A data-protection request handled from the pages: a Greek manager corrects a contact, downloads the export, erases the
/// customer after typing its name; an Italian admin then reads in the audit log who erased it, without the erased values.
public sealed class PersonalDataBrowserTests(Servers servers)
{
    [Fact]
    public async Task AManagerErasesACustomerFromThePage_AndTheAdminSeesWhoDidIt()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (api, _, managerEmail) = await server.SignUpWithEmailAsync("Manager", culture: "el");
        var (_, _, adminEmail) = await server.SignUpWithEmailAsync("Admin", culture: "it");
        var created = await api.PostAsJsonAsync("/api/v1/customers", new
        {
            company = "Φούρνος Παπαδάκη", preferredLanguage = "el", contacts = new[] { new { name = "Ελένη Παπαδάκη", email = "eleni@fournos.example" } },
        }, TestContext.Current.CancellationToken);
        var id = (await Json.ReadAsync(created)).GetProperty("id").GetInt32();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/customers/{id}");
        await Chromium.SignInAsync(page, managerEmail, "Quiet-Harbour-47");
        await page.ClickAsync("#edit-contacts");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Επαφές και προσωπικά δεδομένα");
        await page.ClickAsync(".contact-edit summary");
        await page.FillAsync(".contact-edit input[name=ContactEmail]", "eleni.p@fournos.example");
        await page.FillAsync(".contact-edit input[name=ContactLanguage]", "zz");
        await page.ClickAsync(".contact-edit button.primary");
        // Refused by the server (no such language), with what was typed still there.
        await Assertions.Expect(page.Locator(".contact-edit .errors")).ToContainTextAsync("zz");
        await Assertions.Expect(page.Locator(".contact-edit input[name=ContactEmail]")).ToHaveValueAsync("eleni.p@fournos.example");
        await page.FillAsync(".contact-edit input[name=ContactLanguage]", "el");
        await page.ClickAsync(".contact-edit button.primary");
        await Assertions.Expect(page.Locator("#privacy-done")).ToHaveTextAsync("Η επαφή αποθηκεύτηκε.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-json"));
        Assert.Equal($"calmdesk-customer-{id}.json", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Contains("eleni.p@fournos.example", exported, StringComparison.Ordinal);

        await page.FillAsync("#erase-confirmation", "Φούρνος");
        await page.ClickAsync("#erase-button");
        await Assertions.Expect(page.Locator("#erase .errors")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#erase-confirmation")).ToHaveValueAsync("Φούρνος");
        await page.FillAsync("#erase-confirmation", "Φούρνος Παπαδάκη");
        await page.ClickAsync("#erase-button");
        await Assertions.Expect(page.Locator("#privacy-done")).ToContainTextAsync("Ο πελάτης διαγράφηκε.");
        await Assertions.Expect(page.Locator("#erase")).ToHaveCountAsync(0);
        await page.GotoAsync($"/customers/{id}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("#" + id);
        await Assertions.Expect(page.Locator("#erased-badge")).ToHaveTextAsync("Διαγράφηκε");

        var admin = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await admin.GotoAsync($"/audit?customer={id}");
        await Chromium.SignInAsync(admin, adminEmail, "Quiet-Harbour-47");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Registro delle modifiche");
        var newest = admin.Locator("#audit tbody tr").First;
        await Assertions.Expect(newest).ToContainTextAsync(managerEmail);
        await Assertions.Expect(newest).ToContainTextAsync("Cancellato");
        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("Esportato");
        await Assertions.Expect(admin.Locator("#audit")).Not.ToContainTextAsync("Παπαδάκη");
        await Assertions.Expect(admin.Locator("#audit")).Not.ToContainTextAsync("eleni");
        var csv = await admin.RunAndWaitForDownloadAsync(() => admin.ClickAsync("#audit-export"));
        Assert.Equal("calmdesk-audit.csv", csv.SuggestedFilename);
    }
}
