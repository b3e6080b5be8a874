using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Re-labelling, merging and splitting cases existed only in the API: a rep now does them from the case page.
public sealed class CaseManagementBrowserTests(Servers servers)
{
    [Fact]
    public async Task Rep_RelabelsACase_MergesADuplicateIntoIt_AndSplitsOffAnotherProblem()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (rep, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new
        {
            company = "Trattoria " + key, preferredLanguage = "it", contacts = new[] { new { name = "Marco Bruno" } },
        }));
        var customerId = customer.GetProperty("id").GetInt32();
        var contactId = customer.GetProperty("contacts")[0].GetProperty("id").GetInt32();
        var message = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/interactions", new
        {
            channel = "email", direction = "inbound", contactId, subject = "Consegna sbagliata",
            body = "Ci avete portato le casse sbagliate, di nuovo.",
        }));
        var caseId = message.GetProperty("caseId").GetInt32();
        var invoiceNote = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/cases/{caseId}/notes", new { body = "Al telefono: anche la fattura 118 ha un importo che non torna.", channel = "call" }));
        var noteId = invoiceNote.GetProperty("id").GetInt64();
        var duplicate = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/cases", new { customerId, title = "Casse sbagliate (doppione)" }));
        var duplicateId = duplicate.GetProperty("id").GetInt32();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/cases/{caseId}");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        // Re-label: a new title and one more situation, shown in Italian.
        await page.ClickAsync("#manage-case details:has(#relabel-form) summary");
        await page.FillAsync("#relabel-title", "Consegna <sbagliata> e fattura");
        await page.CheckAsync("#situation-late_response_complaint");
        await page.ClickAsync("#relabel-button");
        await Assertions.Expect(page.Locator("#case-title")).ToHaveTextAsync("Consegna <sbagliata> e fattura");
        await Assertions.Expect(page.Locator("#case-badges")).ToContainTextAsync("Lamenta ritardi nelle risposte");

        // Merge the duplicate in: it then points here.
        await page.ClickAsync("#manage-case details:has(#merge-form) summary");
        await page.SelectOptionAsync("#merge-source", duplicateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#merge-button");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cases/{caseId}\\?done=saved$"));
        await page.GotoAsync($"/cases/{duplicateId}");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("unito");
        await page.GotoAsync($"/cases/{caseId}");

        // Split: refused without a message ticked (the title kept), then the call note moves to a case of its own.
        await page.ClickAsync("#manage-case details:has(#split-form) summary");
        await page.FillAsync("#split-title", "Fattura 118");
        await page.ClickAsync("#split-button");
        await Assertions.Expect(page.Locator("#manage-case .errors")).ToContainTextAsync("Scegli le interazioni");
        await Assertions.Expect(page.Locator("#split-title")).ToHaveValueAsync("Fattura 118");
        await page.CheckAsync($"#split-{noteId}");
        await page.ClickAsync("#split-button");
        await Assertions.Expect(page.Locator("#case-title")).ToHaveTextAsync("Fattura 118");
        await Assertions.Expect(page.Locator("#case-timeline")).ToContainTextAsync("fattura 118");

        var original = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{caseId}", cancel));
        var ids = original.GetProperty("interactions").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(message.GetProperty("id").GetInt64(), ids);
        Assert.DoesNotContain(noteId, ids);
        Assert.Contains("late_response_complaint", original.GetProperty("situations").EnumerateArray().Select(s => s.GetString()));
        var merged = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{duplicateId}", cancel));
        Assert.Equal(caseId, merged.GetProperty("mergedIntoId").GetInt32());
    }
}
