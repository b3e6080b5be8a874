using CalmDesk.Data;
using CalmDesk.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Infrastructure;

/// An installation upgraded from a version that kept its data-protection keys as files in the data folder.
public sealed class KeysFolderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysAnEarlierVersionKeptInTheDataFolder_MoveIntoTheDatabase_AndStillOpenWhatTheyProtected()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var keys = Path.Combine(data, "keys");
        string stored;
        var earlier = new ServiceCollection();
        earlier.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("CalmDesk");
        await using (var provider = earlier.BuildServiceProvider())
        {
            stored = new MailSecrets(provider.GetRequiredService<IDataProtectionProvider>()).Protect("imap-password-of-sales");
        }

        var keyFiles = Directory.GetFiles(keys, "*.xml");
        Assert.Single(keyFiles);

        var output = new StringWriter();
        await using (var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true)).Build())
        {
            await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: false, output, Token);
            Assert.Contains("Moved 1 data-protection key(s)", output.ToString(), StringComparison.Ordinal);
            Assert.Equal("imap-password-of-sales", app.Services.GetRequiredService<MailSecrets>().Unprotect(stored));
        }

        // The next start (here with the folder gone, as on a second instance) finds the key in the database.
        Directory.Delete(keys, recursive: true);
        var again = new StringWriter();
        await using (var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true)).Build())
        {
            await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: false, again, Token);
            Assert.DoesNotContain("Moved", again.ToString(), StringComparison.Ordinal);
            Assert.Equal("imap-password-of-sales", app.Services.GetRequiredService<MailSecrets>().Unprotect(stored));
            await using var scope = app.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(Token);
            Assert.Equal([Path.GetFileNameWithoutExtension(keyFiles[0])], rows);
        }
    }

    [Fact]
    public async Task AFileThatIsNotAKey_IsReported_AndTheStartGoesOn()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        await File.WriteAllTextAsync(Path.Combine(data, "keys", "key-broken.xml"), "<key id=", Token);
        var output = new StringWriter();
        await using var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true)).Build();
        await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: false, output, Token);
        Assert.Contains("key-broken.xml is not a readable key", output.ToString(), StringComparison.Ordinal);
        var secrets = app.Services.GetRequiredService<MailSecrets>();
        Assert.Equal("still works", secrets.Unprotect(secrets.Protect("still works")));
    }
}
