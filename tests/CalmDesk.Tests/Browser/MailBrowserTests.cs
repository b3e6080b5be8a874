using System.Net.Http.Json;
using CalmDesk.Infrastructure;
using CalmDesk.Mail;
using Microsoft.Playwright;
using MimeKit;

namespace CalmDesk.Browser;

/// The whole loop on real servers, as a team meets it: an admin connects the team's mailbox, a customer's angry mail
/// arrives through Postfix into Dovecot, an Italian rep finds it in the inbox, answers from the case in the browser (the
/// guard holding back a first draft that lectures), and the answer reaches the customer's mailbox threaded under their message.
public sealed class MailBrowserTests
{
    [Fact]
    public async Task CustomerMail_ShowsInTheInbox_AndTheRepsReplyFromTheBrowserReachesTheCustomerThreaded()
    {
        var mail = MailServers.Require();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await CalmDeskServer.StartAsync("sqlite", settings: "--Mail:PollSeconds=600");
        var (admin, _) = await server.SignUpAsync("Admin");
        var (rep, repId, repEmail) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var sales = mail.NewAddress("sales");
        var nino = mail.NewAddress("nino");
        (await admin.PostAsJsonAsync("/api/v1/mailboxes", mail.Mailbox(sales), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var customer = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new
        {
            company = "Trattoria Da Nino", preferredLanguage = "it", assignedRepId = repId,
            contacts = new[] { new { name = "Nino Esposito", email = nino } },
        }))).GetProperty("id").GetInt32();

        var complaint = new MimeMessage { Subject = "Consegna sbagliata", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("trattoria.test") };
        complaint.From.Add(new MailboxAddress("Nino Esposito", nino));
        complaint.To.Add(MailboxAddress.Parse(sales));
        complaint.Body = new TextPart("plain") { Text = "Avete consegnato i cartoni sbagliati, di nuovo! Sono stufo: voglio quelli giusti entro domani." };
        await mail.SendAsync(complaint);
        await mail.WaitForAsync(sales, 1);
        (await admin.PostAsync("/api/v1/mailboxes/fetch", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/inbox");
        await Chromium.SignInAsync(page, repEmail, "Quiet-Harbour-47");
        var conversation = page.Locator("#inbox tbody tr", new() { HasText = "Trattoria Da Nino" });
        for (var i = 0; i < 40 && await conversation.CountAsync() == 0; i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        await Assertions.Expect(conversation).ToContainTextAsync("Consegna sbagliata");
        await Assertions.Expect(conversation).ToHaveClassAsync("unread");
        await conversation.Locator("a", new() { HasText = "Consegna sbagliata" }).ClickAsync();
        // The customer's words are above the box where the rep answers them.
        await Assertions.Expect(page.Locator("#reply #latest-message")).ToContainTextAsync("Avete consegnato i cartoni sbagliati");
        // The guard holds a reply that lectures, naming the words; the rep rewrites it. The file chosen with the first
        // attempt is kept for the second.
        var note = "Bolla di consegna corretta n. 4471"u8.ToArray();
        await page.SetInputFilesAsync("#reply-file-input", new FilePayload { Name = "bolla 4471.txt", MimeType = "text/plain", Buffer = note });
        await page.FillAsync("#reply-body", "Come le avevo detto, la colpa è sua: l'ordine era sbagliato.");
        await page.ClickAsync("#reply-form button[type=submit]");
        await Assertions.Expect(page.Locator("#reply-guard")).ToContainTextAsync("\u201cCome le avevo detto\u201d");
        await Assertions.Expect(page.Locator("#send-anyway")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#reply-files input[type=checkbox]:checked")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#reply-files")).ToContainTextAsync("bolla 4471.txt");
        await page.FillAsync("#reply-body", "Gentile Nino,\n\nha ragione, ci scusiamo: i cartoni giusti partono stasera e arrivano domattina.\n\nGiulia");
        await page.ClickAsync("#reply-form button[type=submit]");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("posta in uscita");

        var received = Assert.Single(await mail.WaitForAsync(nino, 1));
        Assert.Equal(complaint.MessageId, received.InReplyTo);
        Assert.Equal("Re: Consegna sbagliata", received.Subject);
        Assert.Contains("i cartoni giusti partono stasera", received.TextBody, StringComparison.Ordinal);
        var file = Assert.IsAssignableFrom<MimePart>(Assert.Single(received.Attachments));
        using var content = new MemoryStream();
        await file.Content!.DecodeToAsync(content, TestContext.Current.CancellationToken);
        Assert.Equal(("bolla 4471.txt", Convert.ToHexString(note)), (file.FileName, Convert.ToHexString(content.ToArray())));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#case-timeline li.outbound .badge.delivery-sent")).ToHaveTextAsync("Inviata");
        await Assertions.Expect(page.Locator("#case-timeline li.outbound")).ToContainTextAsync("bolla 4471.txt");
        await page.GotoAsync("/inbox");
        await Assertions.Expect(page.Locator("#inbox-empty")).ToBeVisibleAsync();
        Assert.True(customer > 0);
    }
}
