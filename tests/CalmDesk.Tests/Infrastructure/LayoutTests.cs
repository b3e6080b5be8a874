namespace CalmDesk.Infrastructure;

/// The top bar's bell was an emoji, drawn as an empty box on a machine without an emoji font.
public sealed class LayoutTests(Servers servers)
{
    [Fact]
    public async Task Bell_IsADrawingWithALabel_NotAnEmoji()
    {
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var browser = await PageSession.SignInAsync(server, email);

        var html = await browser.GetStringAsync("/account", TestContext.Current.CancellationToken);

        Assert.Contains("""<a href="/notifications" id="bell" class="bell" title="Ειδοποιήσεις"><span class="sr-only">Ειδοποιήσεις</span><svg class="bell-icon" """, html, StringComparison.Ordinal);
        Assert.DoesNotContain("\U0001F514", html, StringComparison.Ordinal);
    }
}
