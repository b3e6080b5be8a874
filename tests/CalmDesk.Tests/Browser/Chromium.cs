using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Debian's Chromium driven by Playwright (no browser download): skipped when absent, a failure under CI=true.
internal static class Chromium
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("CALMDESK_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"CI=true but Chromium is not at {path}: browser tests must run in CI.");
            }

            Assert.Skip($"Chromium not found at {path} (install Debian's chromium or set CALMDESK_TEST_CHROMIUM).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from trying to phone home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// Signs in on the sign-in page the browser was sent to (any protected page redirects there and back).
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
