using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Privacy;

/// A data-protection request answered through the API, as a manager would: correct a contact, export everything held,
/// erase one person, erase the customer; a rep may correct but not export or erase; the admin reads who did each.
public sealed class PrivacyApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task AManagerExportsAndErases_ARepOnlyCorrects_AndTheAuditLogNamesEachOfThem(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (admin, _) = await server.SignUpAsync("Admin");
        var (manager, _, managerEmail) = await server.SignUpWithEmailAsync("Manager");
        var (rep, repId, repEmail) = await server.SignUpWithEmailAsync("Rep");
        var created = await rep.PostAsJsonAsync("/api/v1/customers", new
        {
            company = "Ottica Ferri", preferredLanguage = "it", assignedRepId = repId,
            contacts = new[] { new { name = "Marta Ferri", email = "marta@ferri.example" }, new { name = "Luca Ferri", email = "luca@ferri.example" } },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await Json.ReadAsync(created);
        var id = customer.GetProperty("id").GetInt32();
        var marta = customer.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Marta Ferri").GetProperty("id").GetInt32();
        var luca = customer.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Luca Ferri").GetProperty("id").GetInt32();
        Assert.True((await rep.PostAsJsonAsync($"/api/v1/customers/{id}/interactions",
            new { channel = "email", direction = "inbound", body = "Sono Luca Ferri: gli occhiali sono arrivati rotti, scrivetemi a luca@ferri.example." }, Token)).IsSuccessStatusCode);

        // The rep corrects an address; a bad one is a 400 that names the field.
        var corrected = await rep.PutAsJsonAsync($"/api/v1/customers/{id}/contacts/{marta}", new { name = "Marta Ferri", email = "marta.ferri@ferri.example" }, Token);
        var refused = await rep.PutAsJsonAsync($"/api/v1/customers/{id}/contacts/{marta}", new { name = "Marta Ferri", email = "not an address" }, Token);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("marta.ferri@ferri.example", (await Json.ReadAsync(corrected)).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json.ReadAsync(refused)).GetProperty("errors").TryGetProperty("email", out _));

        // Only managers export and erase.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync($"/api/v1/customers/{id}/export", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.DeleteAsync($"/api/v1/customers/{id}/contacts/{luca}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync($"/api/v1/customers/{id}/erase", new { confirmation = "Ottica Ferri" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/customers/999999/export", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/api/v1/customers/{id}/export?format=xls", Token)).StatusCode);

        using var json = await manager.GetAsync($"/api/v1/customers/{id}/export", Token);
        Assert.Equal(("application/json", "attachment"), (json.Content.Headers.ContentType?.MediaType, json.Content.Headers.ContentDisposition?.DispositionType));
        var document = await Json.ReadAsync(json);
        Assert.Equal(2, document.GetProperty("tables").GetProperty("Contacts").GetArrayLength());
        using var zipped = await manager.GetAsync($"/api/v1/customers/{id}/export?format=zip", Token);
        Assert.Equal("application/zip", zipped.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await zipped.Content.ReadAsStreamAsync(Token)))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "Interactions.csv");
        }

        var erasedLuca = await manager.DeleteAsync($"/api/v1/customers/{id}/contacts/{luca}", Token);
        Assert.Equal(HttpStatusCode.OK, erasedLuca.StatusCode);
        // The message, and the records made from it (its case's title and the contact row itself, blanked before it goes).
        Assert.True((await Json.ReadAsync(erasedLuca)).GetProperty("textsScrubbed").GetInt32() >= 2);
        var timeline = await (await rep.GetAsync($"/api/v1/customers/{id}/interactions", Token)).Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("Luca Ferri", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("luca@ferri.example", timeline, StringComparison.Ordinal);

        var wrong = await manager.PostAsJsonAsync($"/api/v1/customers/{id}/erase", new { confirmation = "Ottica" }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var erased = await manager.PostAsJsonAsync($"/api/v1/customers/{id}/erase", new { confirmation = "Ottica Ferri" }, Token);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var after = await Json.ReadAsync(await manager.GetAsync($"/api/v1/customers/{id}", Token));
        Assert.Equal(("#" + id, 0), (after.GetProperty("company").GetString(), after.GetProperty("contacts").GetArrayLength()));

        // The audit log is the admin's: who corrected, exported and erased, newest first.
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/audit", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/audit?subject=nonsense", Token)).StatusCode);
        var log = await Json.ReadAsync(await admin.GetAsync($"/api/v1/audit?customerId={id}", Token));
        var entries = log.GetProperty("items").EnumerateArray().Select(e => (
            Action: e.GetProperty("action").GetString(), Subject: e.GetProperty("subject").GetString(), Actor: e.GetProperty("actor").GetString(),
            HasValues: e.GetProperty("changes").ValueKind != JsonValueKind.Null)).ToList();
        Assert.Equal(("erasure", "customer", managerEmail + " (API)"), (entries[0].Action, entries[0].Subject, entries[0].Actor));
        Assert.Contains(entries, e => e is { Action: "export", Subject: "customer" } && e.Actor == managerEmail + " (API)");
        Assert.Contains(entries, e => e is { Action: "changed", Subject: "contact" } && e.Actor == repEmail + " (API)" && !e.HasValues);
        Assert.Contains(entries, e => e is { Action: "added", Subject: "customer" } && e.Actor == repEmail + " (API)");
        Assert.DoesNotContain("Ferri", log.GetRawText(), StringComparison.Ordinal);

        using var csv = await admin.GetAsync($"/api/v1/audit/export?customerId={id}", Token);
        Assert.Equal(("text/csv", "attachment"), (csv.Content.Headers.ContentType?.MediaType, csv.Content.Headers.ContentDisposition?.DispositionType));
        var lines = (await csv.Content.ReadAsStringAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(entries.Count + 1, lines.Length);
    }
}
