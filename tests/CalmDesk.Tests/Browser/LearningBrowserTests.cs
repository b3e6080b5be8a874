using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

public sealed class LearningBrowserTests(Servers servers)
{
    [Fact]
    public async Task Rep_CorrectsTheAngerOfAMessage_SeesItMarked_AndTheManagerFindsTheExample()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var server = await servers.GetAsync("sqlite");
        var (rep, _, repEmail) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var (_, _, managerEmail) = await server.SignUpWithEmailAsync("Manager", culture: "el");
        var company = $"Enoteca Sarcasmo {Guid.NewGuid().ToString("N")[..6]}";
        var customer = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company, preferredLanguage = "it" }))).GetProperty("id").GetInt32();
        (await Json.PostAsync(rep, $"/api/v1/customers/{customer}/interactions", new
        {
            channel = "chat", direction = "inbound", body = "Complimenti, davvero. Terza settimana che aspetto la fattura corretta.",
        })).EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/customers/{customer}");
        await Chromium.SignInAsync(page, repEmail, "Quiet-Harbour-47");
        var message = page.Locator("#timeline li").First;
        await message.Locator("details.correct-anger summary").ClickAsync();
        await message.Locator("details.correct-anger select").SelectOptionAsync("Furious");
        await message.Locator("details.correct-anger button[type=submit]").ClickAsync();

        var corrected = page.Locator("#timeline li").First.Locator(".badge.set-by-hand");
        await Assertions.Expect(corrected).ToHaveTextAsync("Furioso ✎");

        var manager = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await manager.GotoAsync("/learning");
        await Chromium.SignInAsync(manager, managerEmail, "Quiet-Harbour-47");
        var example = manager.Locator("#corrections li", new() { HasText = company });
        await Assertions.Expect(example).ToContainTextAsync("Έξαλλος");
        await Assertions.Expect(example).ToContainTextAsync("Terza settimana che aspetto");
    }
}
