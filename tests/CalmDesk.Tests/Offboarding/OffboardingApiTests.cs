using System.Net;
using System.Net.Http.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Offboarding;

public sealed class OffboardingApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task LetGo_CannotBeShortCutThroughTheApi_AndOnlyManagersApprove(string provider)
    {
        var server = await servers.GetAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        var (rep, _, repEmail) = await server.SignUpWithEmailAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers",
            new { company = "Ξενοδοχείο " + key, preferredLanguage = "el", contacts = new[] { new { name = "Σπύρος Μαυρίδης" } } }));
        var customerId = customer.GetProperty("id").GetInt32();

        var bad = await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/offboarding", new { reason = "mood" });
        var started = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/offboarding", new { reason = "ethics", note = "Asked twice for invoices without VAT" }));
        var id = started.GetProperty("id").GetInt32();
        var earlyLetter = await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/letter", new { });
        var repApproves = await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/approve", new { });
        var earlyApproval = await Json.PostAsync(manager, $"/api/v1/offboarding/{id}/approve", new { });
        foreach (var item in new[] { "facts_verified", "rules_explained", "education_tried", "money_weighed" })
        {
            (await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/checklist", new { item, note = "See case notes for " + item })).EnsureSuccessStatusCode();
        }

        var stillNoLetter = await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/letter", new { });
        var approved = await Json.PostAsync(manager, $"/api/v1/offboarding/{id}/approve", new { note = "Agreed." });
        var letter = await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/letter", new { });
        var twice = await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/letter", new { });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, earlyLetter.StatusCode);
        Assert.Equal("application/problem+json", earlyLetter.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, repApproves.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, earlyApproval.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stillNoLetter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        var issued = await Json.ReadAsync(letter);
        Assert.Equal(("el", "letterIssued"), (issued.GetProperty("letterLanguage").GetString(), issued.GetProperty("status").GetString()));
        Assert.Contains("δεν θα ανανεώσουμε τη συμφωνία μας", issued.GetProperty("letterBody").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        // The letter went out: the customer's page says so instead of recommending the ladder's rungs again.
        var page = await (await PageSession.SignInAsync(server, repEmail)).GetStringAsync($"/customers/{customerId}", cancel);
        Assert.Contains("id=\"notice-given\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ladder\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tolerance_And_Incidents_ArePrivateToTheRepAndTheirManagers()
    {
        var server = await servers.GetAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        var (rep, repId) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        (await rep.PutAsJsonAsync("/api/v1/reps/me/tolerance", new { maxIn30Days = 1, never = new[] { "threat_of_violence" } }, cancel)).EnsureSuccessStatusCode();
        var invalid = await rep.PutAsJsonAsync("/api/v1/reps/me/tolerance", new { maxIn30Days = 99, never = new[] { "rudeness" } }, cancel);
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Abrasive Ltd " + Guid.NewGuid().ToString("N")[..6] }));
        var customerId = customer.GetProperty("id").GetInt32();
        (await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/incidents", new { severity = "high", kinds = new[] { "threat_of_violence" }, evidence = "Said he would 'come round'." }))
            .EnsureSuccessStatusCode();

        var othersView = await other.GetAsync($"/api/v1/reps/{repId}/tolerance", cancel);
        var managersView = await Json.ReadAsync(await manager.GetAsync($"/api/v1/reps/{repId}/tolerance", cancel));
        var othersIncidents = await Json.ReadAsync(await other.GetAsync($"/api/v1/incidents?repId={repId}", cancel));
        var mine = await Json.ReadAsync(await rep.GetAsync("/api/v1/incidents", cancel));
        var handovers = await Json.ReadAsync(await manager.GetAsync("/api/v1/handovers?pending=true", cancel));
        var handover = handovers.EnumerateArray().Single(h => h.GetProperty("customerId").GetInt32() == customerId);
        var repApproves = await Json.PostAsync(rep, $"/api/v1/handovers/{handover.GetProperty("id").GetInt32()}/approve", new { });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersView.StatusCode);
        Assert.Equal(1, managersView.GetProperty("maxIn30Days").GetInt32());
        Assert.Equal(0, othersIncidents.GetArrayLength());
        Assert.Contains(mine.EnumerateArray(), i => i.GetProperty("customerId").GetInt32() == customerId && i.GetProperty("severity").GetString() == "high");
        Assert.Equal("tolerance", handover.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, repApproves.StatusCode);
    }
}
