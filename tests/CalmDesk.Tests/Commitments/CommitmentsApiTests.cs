using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Commitments;

public sealed class CommitmentsApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task RepSeesOnlyOwnPromises_DelayNeedsANotice_AndKeepsBothDates(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new
        {
            company = "Trattoria Da Nino " + Guid.NewGuid().ToString("N")[..6],
            preferredLanguage = "it",
            contacts = new[] { new { name = "Nino Esposito", language = "it" } },
        }));
        var due = DateTimeOffset.Parse("2031-05-04T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var created = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/commitments", new
        {
            customerId = customer.GetProperty("id").GetInt32(), what = "Inviare la fattura corretta", dueAt = due,
        }));
        var id = created.GetProperty("id").GetInt32();

        var notice = await Json.ReadAsync(await rep.GetAsync($"/api/v1/commitments/{id}/delay-notice?newDueAt=2031-05-06T09:00:00Z", TestContext.Current.CancellationToken));
        var refused = await Json.PostAsync(rep, $"/api/v1/commitments/{id}/delay", new { newDueAt = due.AddDays(2), reason = "fornitore" });
        var delayed = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/commitments/{id}/delay", new { newDueAt = due.AddDays(2), reason = "fornitore", notice = notice.GetProperty("body").GetString() }));
        var forOther = await other.GetAsync($"/api/v1/commitments/{id}", TestContext.Current.CancellationToken);
        var othersList = await Json.ReadAsync(await other.GetAsync("/api/v1/commitments", TestContext.Current.CancellationToken));
        var managersList = await Json.ReadAsync(await manager.GetAsync("/api/v1/commitments", TestContext.Current.CancellationToken));
        var doneByOther = await Json.PostAsync(other, $"/api/v1/commitments/{id}/done", new { });

        Assert.Equal("it", notice.GetProperty("language").GetString());
        Assert.StartsWith("Gentile Nino Esposito,", notice.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json.ReadAsync(refused)).GetProperty("errors").TryGetProperty("notice", out _));
        var history = delayed.GetProperty("history");
        Assert.Equal("delayed", history[1].GetProperty("kind").GetString());
        Assert.Equal(due, history[1].GetProperty("previousDueAt").GetDateTimeOffset());
        Assert.Equal(due.AddDays(2), history[1].GetProperty("newDueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NotFound, forOther.StatusCode);
        Assert.DoesNotContain(othersList.EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
        Assert.Contains(managersList.EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, doneByOther.StatusCode);
    }
}
