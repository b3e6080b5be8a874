using System.Globalization;
using CalmDesk.Demo;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Delaying an overdue promise: the date offered is in the future, the date the rep picks is the one saved, and the
/// customer is never sent a notice that names another date.
public sealed class DelayBrowserTests
{
    [Theory]
    [AllDatabases]
    public async Task Rep_DelaysAnOverduePromise_ToTheDateTheyPicked_WithANoticeThatNamesIt(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await CalmDeskServer.StartAsync(provider, demo: true);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/promises");
        await Chromium.SignInAsync(page, DemoPortfolio.RepEmails[1], DemoPortfolio.Password);
        var overdue = page.Locator("#promises tr.state-overdue").First;
        var what = await overdue.Locator("strong").InnerTextAsync();
        await overdue.Locator("a[href$='/delay']").ClickAsync();

        var offered = DateTime.ParseExact(await page.InputValueAsync("#new-due"), "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        Assert.True(offered > TimeZoneInfo.ConvertTime(TimeProvider.System.GetLocalNow(), TimeZoneInfo.Local).DateTime, $"The date offered for an overdue promise, {offered:g}, is already past.");
        var firstNotice = await page.InputValueAsync("#notice");
        var picked = offered.Date.AddDays(3).AddHours(10);
        await page.FillAsync("#new-due", picked.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.ClickAsync("#delay-button");

        // Not sent yet: the notice was written for the other date, so it is redrafted and shown first.
        await Assertions.Expect(page.Locator("#redrafted")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#new-due")).ToHaveValueAsync(picked.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        var notice = await page.InputValueAsync("#notice");
        Assert.NotEqual(firstNotice, notice);
        await page.ClickAsync("#delay-button");

        await Assertions.Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
        // The demo connects no mailbox: the page says the notice was recorded, not that the customer was told.
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("non inviato");
        var moved = page.Locator("#promises tr.state-upcoming", new() { HasText = what }).Filter(new() { HasText = picked.ToString("g", new CultureInfo("it")) });
        await Assertions.Expect(moved).ToHaveCountAsync(1);
    }
}
