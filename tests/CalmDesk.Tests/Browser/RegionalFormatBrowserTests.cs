using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// English meant US everywhere: a UK rep read 1/2/2027 and 3:25 PM. Now English reads day-first unless the user
/// chooses en-US, and times follow the zone each user picks on the account page.
public sealed class RegionalFormatBrowserTests(Servers servers)
{
    [Fact]
    public async Task EnglishUser_ReadsBritishDates_ThenChoosesUsFormatAndTokyoTime()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (client, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "en");
        var customer = (await Json.ReadAsync(await Json.PostAsync(client, "/api/v1/customers", new { company = "Harrow Joinery Ltd", country = "GB" }))).GetProperty("id").GetInt32();
        var at = new DateTimeOffset(2026, 1, 2, 15, 25, 0, TimeSpan.Zero);
        var posted = await Json.PostAsync(client, $"/api/v1/customers/{customer}/interactions",
            new { channel = "email", direction = "inbound", occurredAt = at, subject = "Order", body = "Could you confirm the delivery for next week?" });
        posted.EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/customers/{customer}");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        var stamp = page.Locator("time[datetime^='2026-01-02T15:25']").First;
        var business = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local);
        await Assertions.Expect(stamp).ToHaveTextAsync(business.ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        await page.GotoAsync("/account");
        await page.SelectOptionAsync("#regional-format", "en-US");
        await page.SelectOptionAsync("#time-zone", "Asia/Tokyo");
        await page.Locator("#culture").Locator("xpath=ancestor::form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#regional-format")).ToHaveValueAsync("en-US");
        await Assertions.Expect(page.Locator("#time-zone")).ToHaveValueAsync("Asia/Tokyo");

        await page.GotoAsync($"/customers/{customer}");
        // 15:25 UTC is 00:25 the next day in Tokyo, written month-first with a 12-hour clock.
        await Assertions.Expect(stamp).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1/3/2026 12:25\s?AM$"));
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("United Kingdom");
    }

    [Fact]
    public async Task ItalianRep_ReadsPluralsAndEvidenceInItalian()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (client, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var customer = (await Json.ReadAsync(await Json.PostAsync(client, "/api/v1/customers", new { company = "Ferramenta Rossi", preferredLanguage = "it" }))).GetProperty("id").GetInt32();
        var posted = await Json.PostAsync(client, $"/api/v1/customers/{customer}/interactions",
            new { channel = "email", direction = "inbound", subject = "Ordine", body = "Siete degli incompetenti, chiamo il mio avvocato!" });
        posted.EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/customers/{customer}");
        await Chromium.SignInAsync(page, email, "Quiet-Harbour-47");

        var titles = await page.Locator("mark.ev").EvaluateAllAsync<string[]>("marks => marks.map(m => m.title)");
        Assert.NotEmpty(titles);
        var all = string.Join("\n", titles);
        Assert.DoesNotContain("lexicon:", all, StringComparison.Ordinal);
        Assert.DoesNotContain("model:", all, StringComparison.Ordinal);
        Assert.DoesNotContain("threat:", all, StringComparison.Ordinal);
        Assert.DoesNotContain("aimed at", all, StringComparison.Ordinal);
        Assert.Matches("elenco di parole|modello", all);
    }
}
