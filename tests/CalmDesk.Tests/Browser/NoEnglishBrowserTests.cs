using System.Globalization;
using System.Text.RegularExpressions;
using CalmDesk.Data;
using CalmDesk.Demo;
using CalmDesk.Infrastructure;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// An Italian or Greek user read English on many screens. Every page the administrator reaches (who also sees every
/// manager's and rep's page) is opened in Chromium in Italian and in Greek, and every text on it, including tooltips,
/// placeholders and the names given to controls, must be in that language. What people and customers wrote is not
/// ours to translate: a text found in what the database stores (a customer's mail, a company's name, a note a rep
/// typed) is theirs, except the sentences CalmDesk stores itself, which must be read in the reader's language.
public sealed partial class NoEnglishBrowserTests
{
    [Theory]
    [InlineData("it")]
    [InlineData("el")]
    public async Task EveryPage_InTheUsersLanguage_HasNoEnglishOfOurs(string language)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await CalmDeskServer.StartAsync("sqlite", demo: true);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Users
                .Where(u => u.Email == DemoPortfolio.AdminEmail)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Culture, language), TestContext.Current.CancellationToken);
        }

        var written = await WrittenByPeopleAsync(server, language);
        var ours = Repository.EnglishTextsTranslatedInto(language);

        List<string> failures = [];
        var client = await PageSession.SignInAsync(server, DemoPortfolio.AdminEmail, DemoPortfolio.Password);
        List<string> paths = ["/search?q=inv", "/account"];
        await PageWalker.WalkAsync(client, "admin", failures, (path, _) =>
        {
            paths.Add(path);
            return Task.CompletedTask;
        });

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await Chromium.SignInAsync(page, DemoPortfolio.AdminEmail, DemoPortfolio.Password);
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));

        Dictionary<string, List<string>> english = new(StringComparer.Ordinal);
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            await page.GotoAsync(path);
            var texts = await page.EvaluateAsync<string[]>("""
                () => {
                  const pageLang = document.documentElement.lang, out = [];
                  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let node; (node = walker.nextNode());) {
                    const element = node.parentElement;
                    // Text marked as written in another language (a draft in the customer's language) is not the page's.
                    const marked = element && element.closest('[lang]');
                    if (!element || element.closest('script, style') || (marked && marked.getAttribute('lang') !== pageLang)) continue;
                    out.push(node.textContent);
                  }
                  for (const element of document.querySelectorAll('[title], [placeholder], [aria-label], [alt], input[type=submit][value]'))
                    for (const name of ['title', 'placeholder', 'aria-label', 'alt', 'value'])
                      if (element.hasAttribute(name) && (name !== 'value' || element.type === 'submit')) out.push(element.getAttribute(name));
                  return out;
                }
                """);
            foreach (var text in texts.Select(Tidy).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (LooksEnglish(text, ours) && !WrittenByPeople(text, written))
                {
                    english[text] = english.GetValueOrDefault(text, []).Append(path).ToList();
                }
            }
        }

        Assert.True(paths.Count > 40, $"Only {paths.Count} pages were opened: the walk is not seeing the product.");
        failures.AddRange(english.Select(e => $"“{e.Key}” on {e.Value.Count} pages: {string.Join(", ", e.Value.Take(3))}"));
        Assert.True(failures.Count == 0, $"{failures.Count} English texts or broken links on {paths.Count} pages in {language}:\n" + string.Join("\n", failures));
    }

    /// Whether a text reads as English: one of our own English texts as it stands, or two or more of the small words
    /// English uses in every sentence and Italian and Greek never do.
    private static bool LooksEnglish(string text, HashSet<string> ours)
    {
        if (ours.Contains(text))
        {
            return true;
        }

        // Words quoted from a message («invoice», “refund”) are the customer's.
        var unquoted = Quoted().Replace(text, " ");
        return EnglishWord().Matches(unquoted).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count() >= 2;
    }

    private static bool WrittenByPeople(string text, string written)
    {
        var core = text.Trim('…', '.', ' ', '·', '-', '←', '→');
        return core.Length > 0 && written.Contains(core, StringComparison.Ordinal);
    }

    /// Every text column of every table, joined: what customers and people wrote. A sentence CalmDesk stored itself
    /// (<see cref="StoredText"/>) is left out when it reads differently in the language under test, so that showing it
    /// untranslated is caught.
    private static async Task<string> WrittenByPeopleAsync(CalmDeskServer server, string language)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        List<string> tables = [];
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var all = new System.Text.StringBuilder();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (reader.GetValue(i) is not string value || value.Length == 0)
                        {
                            continue;
                        }

                        // A stored sentence is read line by line; what a person typed reads as it was stored.
                        var lines = value.Split('\n');
                        foreach (var part in StoredText.Read(value) == value ? [value] : lines.Where(l => StoredText.Read(l) == l))
                        {
                            all.Append(Tidy(part)).Append('\u0001');
                        }
                    }
                }
            }

            return all.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static string Tidy(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("«[^»]*»|“[^”]*”|\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(?:the|and|your|you|with|this|that|from|was|has|have|are|will|been|any|not|for|of|to|by|is|be|when|what|who|how|there|their|which|yet|than|into|about|an|at|on|or|if|we|our|can|could|should|would|no one|none)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();
}
