using System.Net;
using System.Net.Http.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Accounts;

/// An API token's rights are the owner's rights at the moment of the call: the principal a token speaks with is kept
/// between calls, so it must follow a role given or taken away, and a deactivation, on the very next call; a deactivation
/// revokes the owner's tokens for good.
public sealed class TokenPrincipalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task AToken_FollowsItsOwnersRoles_AndDeactivation_OnTheNextCall(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (admin, _) = await server.SignUpAsync("Admin");
        var (rep, repId) = await server.SignUpAsync("Rep");

        var asRep = (await rep.GetAsync("/api/v1/reps", Token)).StatusCode;
        var promoted = await admin.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { roles = new[] { "Rep", "Manager" } }, Token);
        var asManager = (await rep.GetAsync("/api/v1/reps", Token)).StatusCode;
        var again = (await rep.GetAsync("/api/v1/reps", Token)).StatusCode;
        var demoted = await admin.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { roles = new[] { "Rep" } }, Token);
        var asRepAgain = (await rep.GetAsync("/api/v1/reps", Token)).StatusCode;
        var ownCustomers = (await rep.GetAsync("/api/v1/customers", Token)).StatusCode;
        var disabled = await admin.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { active = false }, Token);
        var afterDisable = (await rep.GetAsync("/api/v1/customers", Token)).StatusCode;
        var reactivated = await admin.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { active = true }, Token);
        var afterReactivation = (await rep.GetAsync("/api/v1/customers", Token)).StatusCode;

        Assert.Equal(HttpStatusCode.Forbidden, asRep);
        Assert.True(promoted.IsSuccessStatusCode, await promoted.Content.ReadAsStringAsync(Token));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (asManager, again));
        Assert.True(demoted.IsSuccessStatusCode, await demoted.Content.ReadAsStringAsync(Token));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (asRepAgain, ownCustomers));
        Assert.True(disabled.IsSuccessStatusCode, await disabled.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable);
        // Leaving revoked the token: taking the person back on does not wake it up.
        Assert.True(reactivated.IsSuccessStatusCode, await reactivated.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Unauthorized, afterReactivation);
    }
}
