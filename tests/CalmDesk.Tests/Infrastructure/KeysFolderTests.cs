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

    /// With DataProtection:CertificateFile, the key ring is stored encrypted with that certificate: a copy of the
    /// database alone (a dump) opens no stored secret; an installation started with the certificate does.
    [Fact]
    public async Task WithACertificate_TheKeysAreStoredEncrypted_AndStillOpenTheSecrets()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "keys.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=CalmDesk keys", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(5));
            await File.WriteAllBytesAsync(file, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "Quiet-Harbour-47"), Token);
        }

        string[] settings = [$"--DataProtection:CertificateFile={file}", "--DataProtection:CertificatePassword=Quiet-Harbour-47"];
        string stored;
        await using (var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true, ExtraArgs: settings)).Build())
        {
            await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: false, TextWriter.Null, Token);
            stored = app.Services.GetRequiredService<MailSecrets>().Protect("imap-password-of-sales");
            await using var scope = app.Services.CreateAsyncScope();
            var xml = Assert.Single(await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync(Token));
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        await using (var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true, ExtraArgs: settings)).Build())
        {
            Assert.Equal("imap-password-of-sales", app.Services.GetRequiredService<MailSecrets>().Unprotect(stored));
        }

        await using (var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true)).Build())
        {
            Assert.Null(app.Services.GetRequiredService<MailSecrets>().Unprotect(stored)); // the database without the certificate
        }

        var wrong = Assert.Throws<InvalidOperationException>(() => CalmDeskHost.CreateBuilder(
            new HostSettings(data, Quiet: true, ExtraArgs: [$"--DataProtection:CertificateFile={file}", "--DataProtection:CertificatePassword=wrong"])));
        Assert.Contains("DataProtection:CertificateFile", wrong.Message, StringComparison.Ordinal);
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
