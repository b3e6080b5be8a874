using System.Net;
using System.Net.Http.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Learning;

public sealed class LearningApiTests(Servers servers)
{
    [Fact]
    public async Task CorrectAnger_ThenRefit_TheManagerSeesTheExampleAndTheRejectedRunWithItsReasons()
    {
        var server = await servers.GetAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        var (rep, _) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var customer = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Λευκός Οίνος ΑΕ", preferredLanguage = "el" }))).GetProperty("id").GetInt32();
        var message = (await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customer}/interactions", new
        {
            channel = "email", direction = "inbound", body = "Ωραία εξυπηρέτηση, τρίτη φορά που περιμένω. Μπράβο σας.",
        }))).GetProperty("id").GetInt64();
        var before = await Json.ReadAsync(await manager.GetAsync("/api/v1/learning", cancel));

        var corrected = await rep.PutAsJsonAsync($"/api/v1/customers/{customer}/interactions/{message}/anger", new { level = "angry" }, cancel);
        var notTheirs = await other.PutAsJsonAsync($"/api/v1/customers/{customer}/interactions/{message}/anger", new { level = "calm" }, cancel);
        var badLevel = await rep.PutAsJsonAsync($"/api/v1/customers/{customer}/interactions/{message}/anger", new { level = "livid" }, cancel);
        var repLearning = await rep.GetAsync("/api/v1/learning", cancel);
        var repRefit = await rep.PostAsync("/api/v1/learning/runs", null, cancel);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("angry", (await Json.ReadAsync(corrected)).GetProperty("angerCorrected").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        Assert.True((await Json.ReadAsync(badLevel)).GetProperty("errors").TryGetProperty("level", out _));
        Assert.Equal(HttpStatusCode.Forbidden, repLearning.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, repRefit.StatusCode);
        var timeline = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers/{customer}/interactions", cancel));
        Assert.Equal("angry", timeline.GetProperty("items")[0].GetProperty("angerCorrected").GetString());

        var started = await manager.PostAsync("/api/v1/learning/runs", null, cancel);
        var again = await manager.PostAsync("/api/v1/learning/runs", null, cancel);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await Json.ReadAsync(started)).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var learning = await WaitForRunAsync(manager, runId, cancel);
        var run = learning.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == runId);
        Assert.Equal("rejected", run.GetProperty("status").GetString());
        Assert.NotEmpty(run.GetProperty("reasons").EnumerateArray());
        Assert.Equal(before.GetProperty("shippedVersion").GetString(), learning.GetProperty("activeVersion").GetString());
        var angerCount = learning.GetProperty("corrections").EnumerateArray().Single(c => c.GetProperty("source").GetString() == "angerLevel").GetProperty("count").GetInt32();
        var angerBefore = before.GetProperty("corrections").EnumerateArray().Where(c => c.GetProperty("source").GetString() == "angerLevel").Sum(c => c.GetProperty("count").GetInt32());
        Assert.Equal(angerBefore + 1, angerCount);
        Assert.Contains(learning.GetProperty("recent").EnumerateArray(), c => c.GetProperty("text").GetString()!.StartsWith("Ωραία εξυπηρέτηση", StringComparison.Ordinal));
    }

    private static async Task<System.Text.Json.JsonElement> WaitForRunAsync(HttpClient manager, int runId, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var learning = await Json.ReadAsync(await manager.GetAsync("/api/v1/learning", cancel));
            var run = learning.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == runId);
            if (run.GetProperty("status").GetString() != "running")
            {
                return learning;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancel);
        }

        throw new TimeoutException($"Refit {runId} did not finish in five minutes.");
    }
}
