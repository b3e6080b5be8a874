using CalmDesk.Demo;

namespace CalmDesk.Infrastructure;

/// Every page a user can reach by following links, walked on the demo as the manager, the admin and two reps, on
/// every database: none may fail, and each must render a page with a heading (not an empty body).
public sealed class PageWalkTests
{
    [Theory]
    [AllDatabases]
    public async Task EveryLinkedPage_AsManagerAdminAndRep_RendersWithoutAnError(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider, demo: true);
        List<string> failures = [];
        var walked = 0;
        foreach (var email in new[] { DemoPortfolio.ManagerEmail, DemoPortfolio.AdminEmail, DemoPortfolio.RepEmails[1], DemoPortfolio.RepEmails[3] })
        {
            var client = await PageSession.SignInAsync(server, email, DemoPortfolio.Password);
            walked += await PageWalker.WalkAsync(client, email, failures);
        }

        Assert.True(walked > 60, $"Only {walked} pages were reached: the walk is not seeing the product.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {walked} pages failed on {provider}:\n" + string.Join("\n", failures));
    }
}
