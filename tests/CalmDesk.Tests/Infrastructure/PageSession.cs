using System.Net;
using System.Text.RegularExpressions;

namespace CalmDesk.Infrastructure;

/// Signs in through the real sign-in form (with its antiforgery token), as a browser without JavaScript would.
internal static partial class PageSession
{
    public static async Task<HttpClient> SignInAsync(CalmDeskServer server, string email, string password = "Quiet-Harbour-47")
    {
        var client = server.CreateClient(followRedirects: false);
        using var response = await PostPasswordAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// Opens the sign-in page and posts the e-mail and password through its form; the answer as it came.
    public static async Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string email, string password = "Quiet-Harbour-47")
    {
        var form = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
