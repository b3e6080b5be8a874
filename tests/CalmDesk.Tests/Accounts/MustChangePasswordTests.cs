using System.Net;
using CalmDesk.Infrastructure;
using CalmDesk.Reps;

namespace CalmDesk.Accounts;

/// The first administrator's generated password, and a one-time password printed by `calmdesk users add`, are known
/// to whoever read the console: until the user chooses their own, every page leads to the account page and the API
/// refuses their cookie; once changed, everything opens.
public sealed class MustChangePasswordTests(Servers servers)
{
    [Fact]
    public async Task AGivenPassword_LeadsToTheAccountPage_UntilTheUserChoosesTheirOwn()
    {
        var server = await servers.GetAsync("sqlite");
        var email = $"given-{Guid.NewGuid():N}@example.com";
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var (rep, errors) = await scope.ServiceProvider.GetRequiredService<RepDirectory>()
                .CreateAsync(email, "Gianna Rossi", "Given-password-1", [Roles.Admin], mustChangePassword: true, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(rep is not null, string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        using var client = await PageSession.SignInAsync(server, email, "Given-password-1");
        using var held = await client.GetAsync("/customers", TestContext.Current.CancellationToken);
        using var api = await client.GetAsync("/api/v1/customers", TestContext.Current.CancellationToken);
        var account = await client.GetStringAsync("/account", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.StartsWith("/account", held.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("id=\"must-change\"", account, StringComparison.Ordinal);

        using var changed = await client.PostAsync("/account", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = PageSession.AntiforgeryToken(account),
            ["Password.Current"] = "Given-password-1",
            ["Password.New"] = "My-own-password-2",
        }), TestContext.Current.CancellationToken);
        Assert.True(changed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, ((int)changed.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var open = await client.GetAsync("/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using var again = await PageSession.SignInAsync(server, email, "My-own-password-2");
        using var next = await again.GetAsync("/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
