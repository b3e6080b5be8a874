using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CalmDesk.Infrastructure;
using MimeKit;

namespace CalmDesk.Mail;

/// The running server against real IMAP and SMTP servers, through the API only.
public sealed class MailServiceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewMail_IsReadWithinSecondsByIdle_ThoughThePollIsTenMinutesAway()
    {
        var mail = MailServers.Require();
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings: "--Mail:PollSeconds=600");
        var (admin, _) = await server.SignUpAsync("Admin");
        var sales = mail.NewAddress("sales");
        var nino = mail.NewAddress("nino");
        var added = await admin.PostAsJsonAsync("/api/v1/mailboxes", mail.Mailbox(sales), Token);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.DoesNotContain(mail.Password, await added.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        (await Json.PostAsync(admin, "/api/v1/customers", new { company = "Trattoria Da Nino", contacts = new[] { new { name = "Nino", email = nino } } })).EnsureSuccessStatusCode();

        // The watcher connects (and reads what is there) within a pass of the service; only then does the mail arrive.
        await Until(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/mailboxes", Token))[0].GetProperty("lastFetchAt").ValueKind != JsonValueKind.Null);
        var message = new MimeMessage { Subject = "Ordine di domani", Body = new TextPart("plain") { Text = "Confermo per domani 20 casse di acqua." } };
        message.From.Add(MailboxAddress.Parse(nino));
        message.To.Add(MailboxAddress.Parse(sales));
        await mail.SendAsync(message);

        await Until(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/inbox", Token)).GetProperty("items").EnumerateArray()
            .Any(c => c.GetProperty("subject").GetString() == "Ordine di domani"));
    }

    /// Disconnecting a mailbox is an admin's decision the audit log keeps, as it keeps connecting one.
    [Fact]
    public async Task AMailboxDisconnected_IsInTheAuditLog_AndGoneForGood()
    {
        var mail = MailServers.Require();
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings: "--Mail:PollSeconds=600");
        var (admin, _) = await server.SignUpAsync("Admin");
        var added = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/mailboxes", mail.Mailbox(mail.NewAddress("sales")), Token));
        var id = added.GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/mailboxes/{id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/mailboxes/{id}", Token)).StatusCode);

        var log = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?subject=mailbox", Token)).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("subjectId").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["removed", "added"], log.Select(e => e.GetProperty("action").GetString()));
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/mailboxes", Token) ?? []);
    }

    [Fact]
    public async Task AnAttachment_IsADownloadForWhoeverSeesTheCustomer_AndNobodyElse()
    {
        var mail = MailServers.Require();
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings: "--Mail:PollSeconds=600");
        var (admin, _) = await server.SignUpAsync("Admin");
        var (rep, repId) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var sales = mail.NewAddress("sales");
        var nino = mail.NewAddress("nino");
        (await admin.PostAsJsonAsync("/api/v1/mailboxes", mail.Mailbox(sales), Token)).EnsureSuccessStatusCode();
        var customer = (await Json.ReadAsync(await Json.PostAsync(admin, "/api/v1/customers", new
        {
            company = "Trattoria Da Nino", assignedRepId = repId, contacts = new[] { new { name = "Nino", email = nino } },
        }))).GetProperty("id").GetInt32();
        var invoice = "<html><script>alert(1)</script>fattura</html>"u8.ToArray();
        var message = MailServers.Message(nino, sales, "La fattura contestata", "In allegato la fattura che non torna.");
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "In allegato la fattura che non torna." },
            new MimePart("text", "html") { FileName = "fattura.html", Content = new MimeContent(new MemoryStream(invoice)), ContentTransferEncoding = ContentEncoding.Base64 },
        };
        await mail.SendAsync(message);
        await mail.WaitForAsync(sales, 1);
        (await admin.PostAsync("/api/v1/mailboxes/fetch", null, Token)).EnsureSuccessStatusCode();

        JsonElement file = default;
        await Until(async () =>
        {
            var items = (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/interactions", Token)).GetProperty("items");
            var files = items.EnumerateArray().SelectMany(i => i.GetProperty("attachments").EnumerateArray()).ToList();
            file = files.FirstOrDefault();
            return files.Count > 0;
        });
        var id = file.GetProperty("id").GetInt64();
        using var download = await rep.GetAsync($"/attachments/{id}", Token);
        using var refused = await other.GetAsync($"/attachments/{id}", Token);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(invoice, await download.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("attachment", "fattura.html"), (download.Content.Headers.ContentDisposition?.DispositionType, download.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task AMailboxInTheConfiguration_IsConnectedOnStart_WithItsSecretHidden()
    {
        string[] settings =
        [
            "--Mail:Connect:Name=Sales", "--Mail:Connect:Address=sales@ourco.example", "--Mail:Connect:ImapHost=imap.ourco.example",
            "--Mail:Connect:UserName=sales@ourco.example", "--Mail:Connect:Secret=from-the-environment", "--Mail:Connect:SmtpHost=smtp.ourco.example",
        ];
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings: settings);
        var (admin, _) = await server.SignUpAsync("Admin");

        var mailboxes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mailboxes", Token);

        var mailbox = Assert.Single(mailboxes.EnumerateArray());
        Assert.Equal(("sales@ourco.example", 993, "smtp.ourco.example", true), (mailbox.GetProperty("address").GetString(), mailbox.GetProperty("imapPort").GetInt32(),
            mailbox.GetProperty("smtpHost").GetString(), mailbox.GetProperty("isDefaultSender").GetBoolean()));
        Assert.DoesNotContain("from-the-environment", mailboxes.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mailboxes_AreForAdmins_AndUnmatchedMailForEveryRep()
    {
        await using var server = await CalmDeskServer.StartAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");

        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/v1/mailboxes", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/mailboxes", new { name = "x" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/v1/inbox/unmatched", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.PostAsJsonAsync("/api/v1/inbox/unmatched/999/customer", new { company = "Nobody" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/inbox/unmatched", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/v1/inbox?mine=true", Token)).StatusCode);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "Timed out waiting.");
            await Task.Delay(250, Token);
        }
    }
}
