using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Accounts;

/// An API token changes things through the API only: a page's form posted with a token (the password form, signing
/// out) is refused before it is read, so a leaked token cannot set its owner's password or end their sessions.
public sealed class TokenPagesTests(Servers servers)
{
    [Fact]
    public async Task ATokenPostingAPagesForm_IsRefused_AndTheApiStillAnswersIt()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");

        using var password = await api.PostAsync("/account", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password", ["Password.Current"] = "Quiet-Harbour-47", ["Password.New"] = "Another-Harbour-48", ["Password.Confirm"] = "Another-Harbour-48",
        }), cancel);
        using var signOut = await api.PostAsync("/signout", new FormUrlEncodedContent([]), cancel);
        using var stillWorks = await api.GetAsync("/api/v1/customers", cancel);
        var person = await PageSession.SignInAsync(server, email);

        Assert.Equal(HttpStatusCode.Forbidden, password.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/account", cancel)).StatusCode);
    }
}
