using System.Net;
using System.Net.Http.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Cases;

public sealed class CasesApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task AngryMessage_OpensCase_GuideNotePauseDraftAndReply_AndOtherRepSeesNothing(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new
        {
            company = "Ταβέρνα Το Λιμανάκι " + Guid.NewGuid().ToString("N")[..6],
            preferredLanguage = "el",
            contacts = new[] { new { name = "Γιώργος Μαρκάκης", email = "giorgos@limanaki.example", gender = "male" } },
        }));
        var customerId = customer.GetProperty("id").GetInt32();
        var contactId = customer.GetProperty("contacts")[0].GetProperty("id").GetInt32();
        var message = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customerId}/interactions", new
        {
            channel = "email", direction = "inbound", contactId, subject = "Λάθος παράδοση",
            body = "Μας φέρατε λάθος κιβώτια για δεύτερη φορά! Είστε ανίκανοι, θα πάρω δικηγόρο!!!",
        }));
        var caseId = message.GetProperty("caseId").GetInt32();

        var note = await Json.PostAsync(rep, $"/api/v1/cases/{caseId}/notes", new { body = "Φωνάζει ακόμα, ζητά τον διευθυντή.", channel = "call" });
        var step = await rep.PutAsJsonAsync($"/api/v1/cases/{caseId}/guide/acknowledge", new { done = true }, TestContext.Current.CancellationToken);
        var facts = await rep.PatchAsJsonAsync($"/api/v1/cases/{caseId}", new { factOrder = "SO-1001", rootCause = "ourMistake" }, TestContext.Current.CancellationToken);
        var pause = await Json.PostAsync(rep, $"/api/v1/cases/{caseId}/pause", new { minutes = 60 });
        var draft = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{caseId}/draft", TestContext.Current.CancellationToken));
        var sent = await Json.PostAsync(rep, $"/api/v1/cases/{caseId}/replies", new
        {
            subject = draft.GetProperty("subject").GetString(), body = draft.GetProperty("body").GetString(),
            attachments = new[] { new { fileName = "bolla-SO-1001.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4 bolla"u8) } },
        });
        var detail = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{caseId}", TestContext.Current.CancellationToken));
        var playbooks = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{caseId}/playbooks", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Equal(HttpStatusCode.OK, facts.StatusCode);
        Assert.Equal(HttpStatusCode.Created, pause.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        // The answer lists the file it kept with the reply.
        var kept = Assert.Single((await Json.ReadAsync(sent)).GetProperty("attachments").EnumerateArray());
        Assert.Equal("bolla-SO-1001.pdf", kept.GetProperty("fileName").GetString());
        Assert.Equal("el", draft.GetProperty("language").GetString());
        // Greeted by title and surname, the surname in the vocative (Μαρκάκης → Μαρκάκη).
        Assert.StartsWith("Αγαπητέ κύριε Μαρκάκη,", draft.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("SO-1001", draft.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("waitingOnCustomer", detail.GetProperty("status").GetString());
        Assert.Equal(3, detail.GetProperty("interactions").GetArrayLength());
        Assert.Equal("pause", detail.GetProperty("commitments")[0].GetProperty("source").GetString());
        Assert.Equal("abuse", playbooks[0].GetProperty("id").GetString());
        Assert.Equal("el", playbooks[0].GetProperty("language").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{caseId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PostAsync(other, $"/api/v1/cases/{caseId}/replies", new { body = "x" })).StatusCode);
        var othersList = await Json.ReadAsync(await other.GetAsync("/api/v1/cases?active=false", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(othersList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt32() == caseId);
    }

    [Fact]
    public async Task BadInput_IsAProblemDetailsAnswer_WithTheFields()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        var customer = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Harbour Lane Wines " + Guid.NewGuid().ToString("N")[..6] }));
        var created = await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/cases", new { customerId = customer.GetProperty("id").GetInt32(), title = "Wrong pallets" }));
        var id = created.GetProperty("id").GetInt32();

        var patch = await rep.PatchAsJsonAsync($"/api/v1/cases/{id}", new { status = "asleep" }, TestContext.Current.CancellationToken);
        var step = await rep.PutAsJsonAsync($"/api/v1/cases/{id}/guide/shout", new { done = true }, TestContext.Current.CancellationToken);
        var missing = await rep.GetAsync("/api/v1/cases/999999", TestContext.Current.CancellationToken);
        var note = await Json.PostAsync(rep, $"/api/v1/cases/{id}/notes", new { body = "Called back.", channel = "pigeon" });

        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        Assert.Equal("application/problem+json", patch.Content.Headers.ContentType?.MediaType);
        Assert.True((await Json.ReadAsync(patch)).GetProperty("errors").TryGetProperty("status", out _));
        Assert.True((await Json.ReadAsync(step)).GetProperty("errors").TryGetProperty("step", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True((await Json.ReadAsync(note)).GetProperty("errors").TryGetProperty("channel", out _));
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_DescribesCasesCommitmentsAndNotifications()
    {
        var server = await servers.GetAsync("sqlite");
        using var client = server.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        foreach (var path in new[] { "/api/v1/cases/{id}/guide/{step}", "/api/v1/cases/{id}/draft", "/api/v1/commitments/{id}/delay", "/api/v1/commitments/due", "/api/v1/notifications" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }
}
