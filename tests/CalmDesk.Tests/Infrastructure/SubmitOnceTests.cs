using System.Net;
using System.Text.RegularExpressions;

namespace CalmDesk.Infrastructure;

/// A page form posted again with the same token (a double click, a reload, the back button) does its work once,
/// and every copy of the post is sent where the first went.
public sealed partial class SubmitOnceTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task SameFormPostedFiveTimesAtOnce_RecordsOnce_AndAllGoWhereTheFirstWent(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Double Click Ltd" }))).GetProperty("id").GetInt32();
        var client = await PageSession.SignInAsync(server, email);
        var form = Fields(await client.GetStringAsync($"/customers/{id}", TestContext.Current.CancellationToken));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsync($"/customers/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "interaction",
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["__once"] = form["__once"],
            ["Input.Channel"] = "Call",
            ["Input.Direction"] = "Inbound",
            ["Input.Body"] = "The customer called about the invoice, once.",
        }), TestContext.Current.CancellationToken)));
        var timeline = await Json.ReadAsync(await api.GetAsync($"/api/v1/customers/{id}/interactions", TestContext.Current.CancellationToken));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location?.ToString()).Distinct());
        Assert.Equal(1, timeline.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task RefusedForm_ReleasesItsToken_SoTheCorrectedFormIsRecorded()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Second Try Ltd" }))).GetProperty("id").GetInt32();
        var client = await PageSession.SignInAsync(server, email);
        var form = Fields(await client.GetStringAsync($"/customers/{id}", TestContext.Current.CancellationToken));
        FormUrlEncodedContent Post(string body) => new(new Dictionary<string, string>
        {
            ["_handler"] = "interaction",
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["__once"] = form["__once"],
            ["Input.Channel"] = "Call",
            ["Input.Direction"] = "Inbound",
            ["Input.Body"] = body,
        });

        var refused = await client.PostAsync($"/customers/{id}", Post(""), TestContext.Current.CancellationToken);
        var accepted = await client.PostAsync($"/customers/{id}", Post("Now with the words the customer said."), TestContext.Current.CancellationToken);
        var timeline = await Json.ReadAsync(await api.GetAsync($"/api/v1/customers/{id}/interactions", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(1, timeline.GetProperty("total").GetInt32());
    }

    private static Dictionary<string, string> Fields(string html) =>
        HiddenField().Matches(html).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken|__once)\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenField();
}
