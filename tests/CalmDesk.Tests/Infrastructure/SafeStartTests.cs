using Microsoft.Data.Sqlite;

namespace CalmDesk.Infrastructure;

/// Starting the real program safely: the demo (whose password is in the README) is not served to the network by
/// accident, the database file is private to its owner, and a database a newer version upgraded is not touched.
public sealed class SafeStartTests
{
    [Fact]
    public async Task TheDemo_IsNotServedOnANetworkAddress_UnlessAsked()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var (exitCode, _, error) = await CalmDeskProcess.RunAsync("serve", "--data", data, "--urls", $"http://0.0.0.0:{CalmDeskProcess.FreePort()}");

        Assert.Equal(2, exitCode);
        Assert.Contains("--demo-on-network", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "calmdesk.db")), "Nothing should have been created.");
    }

    /// A setting given a value that is not a number, or one out of its range, stops the command with one line naming the
    /// setting (exit code 2), not a stack trace; the server does not start on it either.
    [Fact]
    public async Task ABadSetting_IsNamedInOneLine_WithoutAStackTrace()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var notANumber = await CalmDeskProcess.RunAsync("users", "list", "--data", data, "--Security:TokenCheckSeconds=ten");
        var outOfRange = await CalmDeskProcess.RunAsync("users", "list", "--data", data, "--Analysis:OpenCase=2");
        var serve = await CalmDeskProcess.RunAsync("serve", "--data", data, "--urls", $"http://127.0.0.1:{CalmDeskProcess.FreePort()}", "--Security:SessionCheckSeconds=soon");

        foreach (var ((exitCode, _, error), setting) in new[] { (notANumber, "Security:TokenCheckSeconds"), (outOfRange, "Analysis:OpenCase"), (serve, "Security:SessionCheckSeconds") })
        {
            Assert.True(exitCode == 2, $"{setting}: exit code {exitCode}: {error}");
            Assert.Contains(setting, error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDatabaseFile_IsReadableByItsOwnerOnly_AndANewerOneIsRefused()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var (created, output, error) = await CalmDeskProcess.RunAsync("db", "migrate", "--data", data);
        Assert.True(created == 0, output + error);
        var file = Path.Combine(data, "calmdesk.db");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(data) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead));
        }

        // A newer CalmDesk applied a migration this one does not know.
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (refused, _, why) = await CalmDeskProcess.RunAsync("db", "migrate", "--data", data);
        Assert.Equal(1, refused);
        Assert.Contains("29991231000000_FromTheFuture", why, StringComparison.Ordinal);
        var (serving, _, serveWhy) = await CalmDeskProcess.RunAsync("serve", "--data", data, "--no-demo", "--urls", $"http://127.0.0.1:{CalmDeskProcess.FreePort()}");
        Assert.Equal(1, serving);
        Assert.Contains("newer CalmDesk", serveWhy, StringComparison.Ordinal);
    }
}
