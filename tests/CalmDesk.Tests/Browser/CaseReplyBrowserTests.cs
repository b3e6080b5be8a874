using CalmDesk.Demo;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// A reply is recorded once however the button is pressed, and the box is empty afterwards (not refilled with the
/// draft just sent), until the rep asks for another draft.
public sealed class CaseReplyBrowserTests
{
    [Theory]
    [AllDatabases]
    public async Task Rep_DoubleClicksSend_TheReplyIsRecordedOnce_AndTheBoxEmpties(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await CalmDeskServer.StartAsync(provider, demo: true);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/cases");
        await Chromium.SignInAsync(page, DemoPortfolio.RepEmails[2], DemoPortfolio.Password);
        await page.Locator("#cases tbody tr").First.Locator("a").First.ClickAsync();
        var sentBefore = await page.Locator("#case-timeline li.outbound").CountAsync();
        var draft = await page.InputValueAsync("#reply-body");
        Assert.False(string.IsNullOrWhiteSpace(draft));

        await page.DblClickAsync("#reply-form button[type=submit]");
        await Assertions.Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#case-timeline li.outbound")).ToHaveCountAsync(sentBefore + 1);
        await Assertions.Expect(page.Locator("#reply-body")).ToHaveValueAsync("");
        await page.ClickAsync("#draft-again");
        await Assertions.Expect(page.Locator("#reply-body")).Not.ToHaveValueAsync("");
    }
}
