using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Interactions;

public sealed class InteractionsApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task Add_ThenTimeline_ShowsItNewestFirstWithTheContact(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new
        {
            company = "Trattoria Da Nino",
            preferredLanguage = "it",
            contacts = new[] { new { name = "Nino Esposito", email = "nino@trattoria.example" } },
        }));
        var id = customer.GetProperty("id").GetInt32();
        var contactId = customer.GetProperty("contacts")[0].GetProperty("id").GetInt32();

        var older = await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new
        {
            channel = "email", direction = "inbound", occurredAt = "2026-09-01T08:00:00Z", subject = "Ordine", body = "Dov'è il mio ordine?", contactId,
        });
        var newer = await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new
        {
            channel = "call", direction = "outbound", occurredAt = "2026-09-02T08:00:00Z", body = "Richiamato, consegna domani.", minutesSpent = 9,
        });
        var duplicate = await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new { channel = "email", direction = "inbound", body = "again", externalId = "<same@x>" });
        var duplicateAgain = await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new { channel = "email", direction = "inbound", body = "again", externalId = "<same@x>" });
        var timeline = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers/{id}/interactions?pageSize=2", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, older.StatusCode);
        Assert.Equal(HttpStatusCode.Created, newer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicateAgain.StatusCode);
        Assert.Equal(3, timeline.GetProperty("total").GetInt32());
        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("again", items[0].GetProperty("body").GetString());
        Assert.Equal("Richiamato, consegna domani.", items[1].GetProperty("body").GetString());
        Assert.Equal("outbound", items[1].GetProperty("direction").GetString());
    }

    [Fact]
    public async Task Add_BadChannelAndEmptyBody_AreFieldErrors()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "X" }))).GetProperty("id").GetInt32();

        var response = await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new { channel = "fax", direction = "inbound", body = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("channel", out _));
        Assert.True(errors.TryGetProperty("body", out _));
    }
}
