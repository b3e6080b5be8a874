using CalmDesk.Demo;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// The issue's walk for a manager on the demo: the dashboard draws its charts from the data (the squeaky wheels among
/// them), a hand-over waiting because a threat crossed Laura's line is approved, and one customer is taken through the
/// let-go checklist to a printed letter with its non-renewal date.
public sealed class ManagerDashboardBrowserTests
{
    [Theory]
    [AllDatabases]
    public async Task Manager_SeesTheCharts_ApprovesAHandover_AndWalksACustomerToTheLetGoLetter(string provider)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await CalmDeskServer.StartAsync(provider, demo: true, settings: ["--Letterhead:Name=Bayside Trading <Ltd>", "--Letterhead:Address=4 Quay Street|Bristol BS1 4DJ"]);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/dashboard");
        await Chromium.SignInAsync(page, DemoPortfolio.ManagerEmail, DemoPortfolio.Password);

        await Assertions.Expect(page.Locator("#chart-health svg rect.bar")).ToHaveCountAsync(5);
        var accounts = await page.Locator("#chart-cost svg circle.point").CountAsync();
        Assert.True(accounts >= 30, $"{accounts} accounts plotted");
        await Assertions.Expect(page.Locator("#chart-cost svg circle.squeaky")).ToHaveCountAsync(3);
        // Euros and pounds are never plotted on one axis: one chart per currency, each with its own axis values.
        await Assertions.Expect(page.Locator("#chart-cost figure")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#chart-cost-EUR .axis-revenue")).ToContainTextAsync("€");
        await Assertions.Expect(page.Locator("#chart-cost-GBP .axis-revenue")).ToContainTextAsync("£");
        await Assertions.Expect(page.Locator("#chart-cost-USD .axis-revenue")).ToContainTextAsync("$");
        // Months carry their year.
        Assert.Matches(@"\d\d$", await page.Locator("#chart-abuse svg text").Last.TextContentAsync());
        await Assertions.Expect(page.Locator("#squeaky tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#squeaky")).ToContainTextAsync("Harbour Lane Wines");
        Assert.True(await page.Locator("#chart-abuse svg rect.bar").CountAsync() > 0);
        // No bar reaches up into the row of month labels, however tall (as drawn, not as written).
        var labelsBottom = await page.Locator("#chart-abuse svg text").Last.EvaluateAsync<double>("t => t.getBoundingClientRect().bottom");
        var barsTop = await page.Locator("#chart-abuse svg rect.bar").EvaluateAllAsync<double>("bars => Math.min(...bars.map(b => b.getBoundingClientRect().top))");
        Assert.True(barsTop >= labelsBottom, $"a bar starts at {barsTop}, above the month labels' bottom at {labelsBottom}");
        Assert.True(await page.Locator("#chart-receivables svg rect.bar").CountAsync() >= 5);
        await Assertions.Expect(page.Locator("#at-risk tbody tr").First).ToBeVisibleAsync();

        await page.GotoAsync("/wellbeing");
        var handover = page.Locator("#handovers article.handover").First;
        await Assertions.Expect(handover).ToContainTextAsync("Officine Meccaniche Villa");
        await Assertions.Expect(handover).ToContainTextAsync("threat of violence");
        // The manager sees which colleague works in the Italian customer's language (Giulia's own language is Italian).
        await Assertions.Expect(handover.Locator("select[name=ToRepId] option", new() { HasText = "Giulia Ferraro" })).ToContainTextAsync("works in the customer's language");
        await handover.Locator("button.primary").ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#handovers")).ToHaveCountAsync(0);

        await page.GotoAsync("/customers");
        await page.Locator("a", new() { HasText = "Harbour Lane Wines" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#health")).ToContainTextAsync("It costs more to serve than it brings.");
        await page.ClickAsync("#letgo-link");
        await page.SelectOptionAsync("select[name=Reason]", "Capacity");
        await page.ClickAsync("#start-offboarding button");
        await Assertions.Expect(page.Locator("#issue-letter")).ToBeDisabledAsync();
        foreach (var item in new[] { "facts_verified", "rules_explained", "education_tried", "money_weighed" })
        {
            await page.Locator($"#item-{item} input[name=Evidence]").FillAsync("Checked on the health card: " + item);
            await page.Locator($"#item-{item} button").ClickAsync();
            await Assertions.Expect(page.Locator($"#item-{item}")).ToHaveClassAsync("done");
        }

        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator("#approved")).ToBeVisibleAsync();
        await page.Locator("#letter input[name=Referrals]").First.CheckAsync();
        await page.Locator("#letter form button", new() { HasText = "Save" }).ClickAsync();
        await page.ClickAsync("#issue-letter");

        var letter = page.Locator("#letter-body");
        await Assertions.Expect(letter).ToContainTextAsync("we will not renew our agreement after");
        await Assertions.Expect(letter).ToContainTextAsync("Oliver Grant");
        Assert.DoesNotContain("{", await letter.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#audit li")).ToHaveCountAsync(8);
        // What CalmDesk noted itself reads in the manager's terms: the letter's language by name, the day as they write it.
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("— English");
        await Assertions.Expect(page.Locator("#audit")).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"— \d{4}-\d\d-\d\d"));
        var href = await page.Locator("#print-letter").GetAttributeAsync("href");
        await page.GotoAsync(href!);
        await Assertions.Expect(page.Locator("article.letter h1")).ToContainTextAsync("Our agreement after");
        await Assertions.Expect(page.Locator("header.topbar")).ToHaveCountAsync(0);
        // A letterhead from the settings, the addressee, and the body's paragraphs kept apart.
        await Assertions.Expect(page.Locator("#letterhead")).ToContainTextAsync("Bayside Trading <Ltd>");
        await Assertions.Expect(page.Locator("#letterhead")).ToContainTextAsync("Bristol BS1 4DJ");
        await Assertions.Expect(page.Locator("#recipient")).ToContainTextAsync("Oliver Grant");
        await Assertions.Expect(page.Locator("#recipient")).ToContainTextAsync("Harbour Lane Wines");
        // The customer's postal address, a line of the letter per line of the address.
        await Assertions.Expect(page.Locator("#recipient")).ToContainTextAsync("Market Street");
        Assert.Equal(4, (await page.Locator("#recipient").InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(await page.Locator("article.letter p.paragraph").CountAsync() >= 3);
        // The issued letter is on the customer's timeline, and the customer page shows the leaving date.
        await page.GoBackAsync();
        await page.Locator("a", new() { HasText = "Harbour Lane Wines" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#leaving-on")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".timeline").First).ToContainTextAsync("Our agreement after");
        Assert.Equal(0, dialogs);
    }
}
