using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

public sealed class MailboxBookTests
{
    [Fact]
    public void Validate_RefusesClearTextToAnotherMachine_AllowsItOnLoopback()
    {
        var remote = new MailboxInput("Sales", "sales@ourco.example", "imap.ourco.example", "sales", "pw", ImapSecurity: "none", SmtpHost: "smtp.ourco.example", SmtpSecurity: "None");
        var local = remote with { ImapHost = "127.0.0.1", SmtpHost = "localhost" };
        var bad = new MailboxInput("", "not an address", "", "", "", ImapPort: 70000, ImapSecurity: "ssl3");

        Assert.Equal(["imapSecurity", "smtpSecurity"], remote.Validate(secretRequired: true).Keys.Order());
        Assert.Empty(local.Validate(secretRequired: true));
        Assert.Equal(["address", "imapHost", "imapPort", "imapSecurity", "name", "secret", "userName"], bad.Validate(secretRequired: true).Keys.Order());
        Assert.DoesNotContain("secret", (bad with { Secret = null }).Validate(secretRequired: false).Keys);
    }

    [Theory]
    [AllDatabases]
    public async Task Add_StoresTheSecretEncrypted_NeverShowsIt_AndKeepsItWhenAChangeLeavesItEmpty(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var book = MailTestKit.Book(db, database);
        var input = new MailboxInput("Sales", "sales@ourco.example", "imap.ourco.example", "sales@ourco.example", "s3cret-Pa55", SmtpHost: "smtp.ourco.example");

        var added = await book.AddAsync(input, TestContext.Current.CancellationToken);
        var twice = await book.AddAsync(input with { Name = "Again" }, TestContext.Current.CancellationToken);
        var changed = await book.UpdateAsync(added.Value!.Id, input with { Secret = "", Name = "Sales team", ImapPort = 1993 }, TestContext.Current.CancellationToken);

        var stored = await db.Mailboxes.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("s3cret", stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal("s3cret-Pa55", MailTestKit.Secrets.Unprotect(stored.ProtectedSecret));
        Assert.Equal((993, 587, true), (added.Value.ImapPort, added.Value.SmtpPort, added.Value.IsDefaultSender));
        Assert.Contains("address", twice.Errors.Keys);
        Assert.Equal(("Sales team", 1993), (changed.Value!.Name, changed.Value.ImapPort));
        Assert.DoesNotContain("s3cret", System.Text.Json.JsonSerializer.Serialize(changed.Value), StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task Test_NamesWhatFails_WhenNoServerListens(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there any more
        var added = await MailTestKit.Book(db, database).AddAsync(
            new MailboxInput("Local", "local@ourco.example", "127.0.0.1", "local", "pw", ImapPort: port, ImapSecurity: "none"), TestContext.Current.CancellationToken);

        var test = await MailTestKit.Book(db, database).TestAsync(added.Value!.Id, TestContext.Current.CancellationToken);
        var report = await MailTestKit.Fetcher(db, database).FetchAsync(added.Value.Id, TestContext.Current.CancellationToken);

        Assert.Equal("IMAP: the server refused the connection: check the port.", test.Value!.Problem);
        Assert.Equal("the server refused the connection: check the port.", report.Error);
        Assert.Equal("the server refused the connection: check the port.", (await db.Mailboxes.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).LastError);
    }
}
