using System.Net;
using System.Text;

namespace CalmDesk.Infrastructure;

/// Dates at the ends of the calendar: a campaign effective on 9999-12-31 made the campaign list a 500 for everyone
/// from then on, an invoice issued on 9999-12-31 aborted a whole CSV import, and aging as of 0001-01-01 was a 500.
/// Every date entering the system is now between 1900 and 2199: a bad one is refused on its own (400, or one rejected
/// row), and the lists keep working.
public sealed class EdgeDateTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task DatesOffTheCalendar_AreRefusedAlone_AndNothingBreaks(string provider)
    {
        var server = await servers.GetAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        var (rep, repId) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = (await Json.ReadAsync(await Json.PostAsync(manager, "/api/v1/customers", new { company = "Edge " + key, externalId = "edge-" + key, currency = "EUR", assignedRepId = repId }))).GetProperty("id").GetInt32();

        var campaign = await Json.PostAsync(manager, "/api/v1/campaigns", new { name = "Far " + key, percent = 3, effectiveOn = "9999-12-31", reasons = new[] { "energy" }, customerIds = new[] { customer } });
        var promise = await Json.PostAsync(rep, "/api/v1/commitments", new { customerId = customer, what = "Call back", dueAt = "9999-12-31T10:00:00Z" });
        var invoice = await Json.PostAsync(rep, "/api/v1/receivables/invoices", new { customerId = customer, number = "E-0", issuedOn = "9999-12-31", amount = 10m });
        var renewal = await Json.PostAsync(rep, "/api/v1/customers", new { company = "Renewal " + key, contractRenewalDate = "0001-01-01" });
        var csv = $"""
            customer,number,issued_on,amount
            edge-{key},E-1,9999-12-31,100.00
            edge-{key},E-2,2026-01-05,120.00
            """;
        var imported = await Json.ReadAsync(await manager.PostAsync("/api/v1/receivables/invoices/import", new StringContent(csv, Encoding.UTF8, "text/csv"), cancel));
        using var aging = await manager.GetAsync("/api/v1/receivables/aging?asOf=0001-01-01", cancel);
        using var account = await rep.GetAsync($"/api/v1/receivables/customers/{customer}?asOf=9999-12-31", cancel);

        foreach (var (answer, field) in new[] { (campaign, "effectiveOn"), (promise, "dueAt"), (invoice, "issuedOn"), (renewal, "contractRenewalDate") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.True((await Json.ReadAsync(answer)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal((1, 1), (imported.GetProperty("imported").GetInt32(), imported.GetProperty("rejected").GetArrayLength()));
        Assert.Equal(HttpStatusCode.BadRequest, aging.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, account.StatusCode);
        using var campaigns = await manager.GetAsync("/api/v1/campaigns", cancel);
        Assert.Equal(HttpStatusCode.OK, campaigns.StatusCode);
        using var receivables = await manager.GetAsync("/api/v1/receivables/aging", cancel);
        Assert.Equal(HttpStatusCode.OK, receivables.StatusCode);
    }
}
