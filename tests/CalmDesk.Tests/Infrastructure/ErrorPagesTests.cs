using System.Net;

namespace CalmDesk.Infrastructure;

/// Every error a page request meets is a page in the user's language with a way back (the browser's blank
/// "HTTP ERROR" page was shown before); the API keeps answering with problem details.
public sealed class ErrorPagesTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task UnknownPath_IsANotFoundPage_InTheUsersLanguage_WithAWayBack(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var client = await PageSession.SignInAsync(server, email);

        var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Non trovato</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/customers\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherRepsCustomer_IsANotFoundPage_InGreek_ThatNamesNothingOfIt()
    {
        var server = await servers.GetAsync("sqlite");
        var (owner, _) = await server.SignUpAsync("Rep");
        var (_, _, otherEmail) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var id = (await Json.ReadAsync(await Json.PostAsync(owner, "/api/v1/customers", new { company = "Ιδιωτική ΑΕ" }))).GetProperty("id").GetInt32();
        var other = await PageSession.SignInAsync(server, otherEmail);

        // A stale download link too: the page, not an English problem document (a script with a token still gets that).
        foreach (var path in new[] { $"/customers/{id}", $"/customers/{id}/terms", $"/customers/{id}/orders", $"/customers/{id}/account", "/attachments/987654321", "/invoices/987654321/document" })
        {
            var response = await other.GetAsync(path, TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("<h1>Δεν βρέθηκε</h1>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Ιδιωτική ΑΕ", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/customers?page=abc")]
    [InlineData("/customers?rep=x")]
    [InlineData("/cases?page=1e9")]
    [InlineData("/wellbeing?rep=%3Cscript%3E")]
    public async Task MalformedAddress_IsABadRequestPage_NotAServerError(string path)
    {
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Manager", culture: "it");
        var client = await PageSession.SignInAsync(server, email);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>La richiesta non è comprensibile</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllCasesSwitch_ReadsTrueAsWellAsOne()
    {
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep");
        var client = await PageSession.SignInAsync(server, email);

        var response = await client.GetAsync("/cases?all=true", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<option value=\"1\" selected[^>]*>All cases</option>", html);
    }

    [Fact]
    public async Task FormPostedWithAnExpiredToken_IsABadRequestPage_AndSavesNothing()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Expired Form Ltd" }))).GetProperty("id").GetInt32();
        var client = await PageSession.SignInAsync(server, email);

        var response = await client.PostAsync($"/customers/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "interaction",
            ["__RequestVerificationToken"] = "CfDJ8-a-token-from-last-week",
            ["Input.Channel"] = "Call",
            ["Input.Direction"] = "Inbound",
            ["Input.Body"] = "Should not be stored",
        }), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var timeline = await api.GetStringAsync($"/api/v1/customers/{id}/interactions", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Το αίτημα δεν ήταν κατανοητό</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Should not be stored", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiErrors_StayProblemDetails()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _) = await server.SignUpAsync("Rep");

        var response = await api.GetAsync("/api/v1/customers/999999", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
