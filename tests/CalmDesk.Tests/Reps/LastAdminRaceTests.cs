using System.Text.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Reps;

/// The last active admin can neither leave nor lose the role, also when the last two admins take it from each other in
/// the same instant: one of them gives way (400 or 409, never a 500), and the book always keeps an admin.
public sealed class LastAdminRaceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task TwoAdminsDemotingEachOtherAtOnce_LeaveOneAdmin(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (survivor, survivorId) = await server.SignUpAsync("Admin");
        // The first-run administrator steps aside, so that the admins of each round are the only ones.
        foreach (var rep in (await Json.ReadAsync(await survivor.GetAsync("/api/v1/reps", Token))).EnumerateArray().Where(r => r.GetProperty("id").GetInt32() != survivorId))
        {
            (await survivor.PatchAsync($"/api/v1/reps/{rep.GetProperty("id").GetInt32()}", Body(new { active = false }), Token)).EnsureSuccessStatusCode();
        }

        for (var round = 0; round < 4; round++)
        {
            var (first, firstId) = await server.SignUpAsync("Admin");
            var (second, secondId) = await server.SignUpAsync("Admin");
            (await first.PatchAsync($"/api/v1/reps/{survivorId}", Body(new { roles = new[] { "Rep" } }), Token)).EnsureSuccessStatusCode();

            using var start = new SemaphoreSlim(0);
            var one = Task.Run(async () => { await start.WaitAsync(Token); return await first.PatchAsync($"/api/v1/reps/{secondId}", Body(new { roles = new[] { "Rep" } }), Token); }, Token);
            var other = Task.Run(async () => { await start.WaitAsync(Token); return await second.PatchAsync($"/api/v1/reps/{firstId}", Body(new { roles = new[] { "Rep" } }), Token); }, Token);
            start.Release(2);
            var answers = await Task.WhenAll(one, other);

            var codes = answers.Select(a => (int)a.StatusCode).Order().ToList();
            Assert.True(codes.All(c => c is 200 or 400 or 403 or 409) && codes.Count(c => c == 200) <= 1, $"Round {round}: " + string.Join(", ", codes));
            var admins = await ActiveAdminsAsync(server);
            Assert.True(admins.Count == 1, $"Round {round}: {admins.Count} active admins after {string.Join(", ", codes)}");
            (survivor, survivorId) = admins[0] == firstId ? (first, firstId) : (second, secondId);
        }
    }

    private static async Task<List<int>> ActiveAdminsAsync(CalmDeskServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var reps = await scope.ServiceProvider.GetRequiredService<RepDirectory>().ListAsync(Token);
        return [.. reps.Where(r => r.IsActive && r.Roles.Contains("Admin")).Select(r => r.Id)];
    }

    private static StringContent Body(object value) => new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
