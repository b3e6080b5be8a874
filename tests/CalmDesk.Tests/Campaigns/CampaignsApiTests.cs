using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Campaigns;

public sealed class CampaignsApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task Campaign_OnlyManagersStartOne_RepsSendTheirOwn_AndAnAngryReplyIsTracked(string provider)
    {
        var server = await servers.GetAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        var (rep, _) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers",
            new { company = "Taverna " + key, preferredLanguage = "el", currency = "EUR", contacts = new[] { new { name = "Γιώργος Αντωνίου" } } }));
        var customerId = customer.GetProperty("id").GetInt32();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await Json.PostAsync(rep, "/api/v1/receivables/invoices", new { customerId, number = "T-" + key, issuedOn = today.AddDays(-20), amount = 640.00m });
        var campaign = new
        {
            name = "Review " + key, percent = 5, effectiveOn = today.AddDays(40), reasons = new[] { "shipping" },
            orderThreshold = 1000, betterRatePercent = 2, customerIds = new[] { customerId },
        };

        var byRep = await Json.PostAsync(rep, "/api/v1/campaigns", campaign);
        var bad = await Json.PostAsync(manager, "/api/v1/campaigns", new { name = "x", percent = 0, reasons = new[] { "weather" } });
        var created = await Json.PostAsync(manager, "/api/v1/campaigns", campaign);
        var detail = await Json.ReadAsync(created);
        var campaignId = detail.GetProperty("summary").GetProperty("id").GetInt32();
        var recipient = detail.GetProperty("recipients")[0];
        var recipientId = recipient.GetProperty("id").GetInt32();
        var byOther = await other.GetAsync($"/api/v1/campaigns/{campaignId}", cancel);
        var sendByOther = await Json.PostAsync(other, $"/api/v1/campaigns/recipients/{recipientId}/send", new { });
        var sent = await Json.PostAsync(rep, $"/api/v1/campaigns/recipients/{recipientId}/send", new { });
        var again = await Json.PostAsync(rep, $"/api/v1/campaigns/recipients/{recipientId}/send", new { });
        var reply = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/interactions",
            new { channel = "email", direction = "inbound", body = "Είναι απαράδεκτο! Πάλι; Είστε απατεώνες, θα φύγουμε αμέσως!" }));
        var tracked = await Json.ReadAsync(await rep.GetAsync($"/api/v1/campaigns/{campaignId}?language=it", cancel));

        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json.ReadAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("percent", out _) && errors.TryGetProperty("reasons", out _) && errors.TryGetProperty("effectiveOn", out _));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("el", recipient.GetProperty("language").GetString());
        Assert.StartsWith("Αλλαγή στις τιμές σας", recipient.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("640,00\u00A0€", recipient.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal("application/problem+json", byOther.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, sendByOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var caseId = reply.GetProperty("caseId").GetInt32();
        var summary = tracked.GetProperty("summary");
        Assert.Equal((1, 1, 1, 1), (summary.GetProperty("sent").GetInt32(), summary.GetProperty("replied").GetInt32(), summary.GetProperty("angry").GetInt32(), summary.GetProperty("cases").GetInt32()));
        var followUp = tracked.GetProperty("recipients")[0].GetProperty("followUp");
        Assert.Equal(caseId, followUp.GetProperty("caseId").GetInt32());
        Assert.Contains(tracked.GetProperty("recipients")[0].GetProperty("talkingPoints").EnumerateArray(),
            p => p.GetString()!.Contains("2%", StringComparison.Ordinal) && p.GetString()!.Contains("Gli ordini", StringComparison.Ordinal));
        var @case = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{caseId}", cancel));
        Assert.Contains("price_objection", @case.GetRawText(), StringComparison.Ordinal);
    }
}
