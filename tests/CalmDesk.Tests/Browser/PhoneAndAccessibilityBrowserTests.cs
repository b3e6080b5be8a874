using CalmDesk.Demo;
using CalmDesk.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Every page a user reaches by following links, opened in Chromium on a phone-sized screen (390 px) as the admin
/// (who also sees every manager page), the Italian rep and the Greek rep: nothing may make the page wider than the screen, and axe-core may find
/// no critical or serious WCAG 2.1 A/AA violation (contrast, names of controls, language, keyboard reach).
public sealed class PhoneAndAccessibilityBrowserTests
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [Fact]
    public async Task EveryPage_OnAPhone_FitsTheScreen_AndHasNoSeriousAccessibilityViolation()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await CalmDeskServer.StartAsync("sqlite", demo: true);
        List<string> failures = [];
        Dictionary<string, List<string>> violations = new(StringComparer.Ordinal);
        var checkedPages = 0;
        foreach (var email in new[] { DemoPortfolio.AdminEmail, DemoPortfolio.RepEmails[1], DemoPortfolio.RepEmails[2] })
        {
            // The walk over plain HTTP finds the addresses; the browser then opens each one as the same user.
            var client = await PageSession.SignInAsync(server, email, DemoPortfolio.Password);
            List<string> paths = [];
            await PageWalker.WalkAsync(client, email, failures, (path, _) =>
            {
                paths.Add(path);
                return Task.CompletedTask;
            });
            paths.Add("/api-reference/");
            // Search results are reached through a form, not a link: one that finds invoices, cases and messages.
            paths.Add("/search?q=inv");

            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/signin");
            await Chromium.SignInAsync(page, email, DemoPortfolio.Password);
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

            HashSet<string> audited = [];
            foreach (var path in paths)
            {
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = path.StartsWith("/api-reference", StringComparison.Ordinal) ? WaitUntilState.NetworkIdle : WaitUntilState.Load });
                checkedPages++;
                // A drafted message, a hand-over note or a confirmation a person unfolds must fit the screen too.
                await page.EvaluateAsync("() => document.querySelectorAll('details:has(pre)').forEach(d => d.open = true)");
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                var wide = await page.EvaluateAsync<string>("""
                    () => [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('table, nav'))
                            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')).join(', ')
                    """);
                if (width > 391)
                {
                    failures.Add($"{email} {path}: {width} px wide on a 390 px screen ({wide})");
                }

                // axe takes a second or two a page: once per route and user is enough (same markup, other data).
                if (!audited.Add(PageWalker.Shape(path.Split('?')[0])))
                {
                    continue;
                }

                var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } };
                if (path.StartsWith("/api-reference", StringComparison.Ordinal))
                {
                    // Scalar's interactive reference keeps its own palette; its language and control names are still checked.
                    options.Rules = new Dictionary<string, RuleOptions> { ["color-contrast"] = new RuleOptions { Enabled = false } };
                }

                var result = await page.RunAxe(options);
                foreach (var violation in result.Violations.Where(v => v.Impact is "critical" or "serious"))
                {
                    var where = string.Join("; ", violation.Nodes.Take(3).Select(n => n.Target.ToString()));
                    var problem = $"{violation.Impact} {violation.Id} at {where}";
                    violations[problem] = violations.GetValueOrDefault(problem, []).Append($"{email.Split('@')[0]} {path}").ToList();
                }
            }
        }

        Assert.True(checkedPages > 60, $"Only {checkedPages} pages were opened: the walk is not seeing the product.");
        failures.AddRange(violations.Select(v => $"{v.Key} — on {v.Value.Count} pages: {string.Join(", ", v.Value.Take(4))}"));
        Assert.True(failures.Count == 0, $"{failures.Count} problems on {checkedPages} pages:\n" + string.Join("\n", failures));
    }
}
