using System.Net;

namespace CalmDesk.Infrastructure;

public sealed class OperationsTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task Health_ChecksTheDatabase(string provider)
    {
        var server = await servers.GetAsync(provider);

        var response = await server.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApi_DescribesEveryFeatureAndHasABrowsableReference()
    {
        var server = await servers.GetAsync("sqlite");
        var client = server.CreateClient();

        var document = await Json.ReadAsync(await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var reference = await client.GetAsync("/api-reference", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/customers", paths);
        Assert.Contains("/api/v1/customers/{customerId}/interactions", paths);
        Assert.Contains("/api/v1/reps", paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Theory]
    [InlineData("/login", "")]
    [InlineData("/account/login?returnUrl=%2Fcases", "?returnUrl=%2Fcases")]
    public async Task SignInAddressesOfOtherProducts_LeadToOurSignInPage(string path, string query)
    {
        var server = await servers.GetAsync("sqlite");

        var response = await server.CreateClient(followRedirects: false).GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin" + query, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownApiPath_IsANotFoundProblem()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");

        var response = await rep.GetAsync("/api/v1/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
