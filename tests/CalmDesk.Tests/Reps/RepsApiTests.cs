using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Reps;

public sealed class RepsApiTests(Servers servers)
{
    [Fact]
    public async Task Create_ByRep_IsForbiddenProblem()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");

        var response = await Json.PostAsync(rep, "/api/v1/reps", new { email = "new@example.com", displayName = "New", password = "Password-123", roles = new[] { "Rep" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Create_ByAdmin_AddsARepWithRoles_AndRefusesWeakPasswords(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (admin, _) = await server.SignUpAsync("Admin");
        var email = $"new-{Guid.NewGuid():N}@example.com";

        var created = await Json.PostAsync(admin, "/api/v1/reps", new { email, displayName = "Νίκος Παπαδάκης", password = "Password-123", roles = new[] { "Rep", "Manager" } });
        var weak = await Json.PostAsync(admin, "/api/v1/reps", new { email = "weak@example.com", displayName = "Weak", password = "123", roles = new[] { "Rep" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal(["Manager", "Rep"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await Json.ReadAsync(weak)).GetProperty("errors").TryGetProperty("password", out _));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");
        var weakInItalian = await Json.PostAsync(admin, "/api/v1/reps", new { email = "weak@example.com", displayName = "Weak", password = "123", roles = new[] { "Rep" } });
        Assert.Contains("La password deve avere almeno 10 caratteri.", (await Json.ReadAsync(weakInItalian)).GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()));
    }
}
