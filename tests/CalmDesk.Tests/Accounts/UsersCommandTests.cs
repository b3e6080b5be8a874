using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Accounts;

public sealed class UsersCommandTests
{
    [Fact]
    public async Task AddListAndToken_WorkOnTheSameDataFolder()
    {
        var data = CalmDeskProcess.NewDataDirectory();

        var add = await CalmDeskProcess.RunAsync("users", "add", "elena@example.com", "--name", "Elena Marchetti", "--role", "Manager", "--data", data);
        var list = await CalmDeskProcess.RunAsync("users", "list", "--json", "--data", data);
        var token = await CalmDeskProcess.RunAsync("users", "token", "elena@example.com", "--data", data);
        var unknown = await CalmDeskProcess.RunAsync("users", "token", "nobody@example.com", "--data", data);

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("one-time password", add.Output, StringComparison.Ordinal);
        var users = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
        var elena = Assert.Single(users);
        Assert.Equal("elena@example.com", elena.GetProperty("email").GetString());
        Assert.Equal(["Manager"], elena.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, token.ExitCode);
        Assert.StartsWith("cdk_", token.Output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody@example.com", unknown.Error, StringComparison.Ordinal);
    }

    /// A command reads `--Section:Key=value` settings as the server does: here the database file named on the command
    /// line instead of the one in the data folder.
    [Fact]
    public async Task ACommand_TakesSettingsFromItsCommandLine_AsTheServerDoes()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var elsewhere = Path.Combine(CalmDeskProcess.NewDataDirectory(), "book.db");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        string[] there = ["--data", data, $"--ConnectionStrings:CalmDesk=Data Source={elsewhere}"];

        Assert.Equal(0, (await CalmDeskProcess.RunAsync("db", "migrate", "--data", data)).ExitCode);
        var add = await CalmDeskProcess.RunAsync(["users", "add", "elena@example.com", "--name", "Elena Marchetti", .. there]);
        var listThere = await CalmDeskProcess.RunAsync(["users", "list", "--json", .. there]);
        var listHere = await CalmDeskProcess.RunAsync("users", "list", "--json", "--data", data);
        var bogus = await CalmDeskProcess.RunAsync("users", "list", "--data", data, "--Database:Provider=oracle");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.True(File.Exists(elsewhere));
        Assert.Single(JsonDocument.Parse(listThere.Output).RootElement.EnumerateArray());
        Assert.Empty(JsonDocument.Parse(listHere.Output).RootElement.EnumerateArray());
        Assert.NotEqual(0, bogus.ExitCode);
        Assert.Contains("Database:Provider 'oracle' is not supported", bogus.Output + bogus.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoStepOff_LetsAUserWhoLostThePhoneInWithThePasswordAgain()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        await CalmDeskProcess.RunAsync("users", "add", "lost@example.com", "--name", "Lost Phone", "--data", data);
        var file = Path.Combine(data, "calmdesk.db");
        await SqlAsync(file, "UPDATE AspNetUsers SET TwoFactorEnabled = 1 WHERE Email = 'lost@example.com'");

        var off = await CalmDeskProcess.RunAsync("users", "two-step-off", "lost@example.com", "--data", data);
        var unknown = await CalmDeskProcess.RunAsync("users", "two-step-off", "nobody@example.com", "--data", data);

        Assert.True(off.ExitCode == 0, off.Error);
        Assert.Equal(0L, await SqlAsync(file, "SELECT TwoFactorEnabled FROM AspNetUsers WHERE Email = 'lost@example.com'"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody@example.com", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_ForgetsADeactivatedUser_AndRefusesAnActiveOne()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        await CalmDeskProcess.RunAsync("users", "add", "left@example.com", "--name", "Left Company", "--data", data);
        var file = Path.Combine(data, "calmdesk.db");

        var active = await CalmDeskProcess.RunAsync("users", "erase", "left@example.com", "--data", data);
        await CalmDeskProcess.RunAsync("users", "disable", "left@example.com", "--data", data);
        var erased = await CalmDeskProcess.RunAsync("users", "erase", "left@example.com", "--data", data);

        Assert.Equal(1, active.ExitCode);
        Assert.True(erased.ExitCode == 0, erased.Error);
        Assert.Equal(0L, await SqlAsync(file, "SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'left@example.com' OR DisplayName = 'Left Company'"));
        Assert.Equal(1L, await SqlAsync(file, "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE 'erased-%@invalid' AND PasswordHash IS NULL"));
    }

    private static async Task<object?> SqlAsync(string file, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Token_FromTheCommandLine_IsAcceptedByTheServer()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        await CalmDeskProcess.RunAsync("users", "add", "rep@example.com", "--name", "Rep", "--data", data);
        var token = (await CalmDeskProcess.RunAsync("users", "token", "rep@example.com", "--data", data)).Output.TrimEnd().Split('\n')[^1];
        var port = CalmDeskProcess.FreePort();
        using var server = CalmDeskProcess.Start("serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", "--no-demo");
        try
        {
            await CalmDeskProcess.WaitUntilListeningAsync(server);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var me = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal("rep@example.com", JsonDocument.Parse(await me.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("email").GetString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Serve_WithoutDemoOnAnEmptyDatabase_PrintsAOneTimeAdminPassword()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var port = CalmDeskProcess.FreePort();
        using var server = CalmDeskProcess.Start("--data", data, "--urls", $"http://127.0.0.1:{port}", "--no-demo");
        try
        {
            string? line;
            var seen = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            while ((line = await server.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            {
                seen.Add(line);
                if (line.Contains("one-time password", StringComparison.Ordinal) || seen.Count > 50)
                {
                    break;
                }
            }

            var announcement = Assert.Single(seen, l => l.Contains("one-time password", StringComparison.Ordinal));
            Assert.Contains("admin@calmdesk.local", announcement, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    /// A rep who leaves is let go from the command line too: their customers go to a colleague, they can no longer
    /// sign in, and their tokens stop; roles change; a token can be listed and stopped alone; the last admin stays.
    [Fact]
    public async Task DisableEnableRoleTokensAndRevoke_ManageAccessFromTheCommandLine()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        await CalmDeskProcess.RunAsync("users", "add", "admin@example.com", "--name", "Admin", "--role", "Admin", "--data", data);
        await CalmDeskProcess.RunAsync("users", "add", "rep@example.com", "--name", "Rep", "--data", data);
        await CalmDeskProcess.RunAsync("users", "add", "colleague@example.com", "--name", "Colleague", "--data", data);
        await CalmDeskProcess.RunAsync("users", "token", "rep@example.com", "--name", "first", "--data", data);
        await CalmDeskProcess.RunAsync("users", "token", "rep@example.com", "--name", "second", "--data", data);

        var tokens = await CalmDeskProcess.RunAsync("users", "tokens", "rep@example.com", "--data", data);
        var firstId = tokens.Output.Split('\n').Single(l => l.Contains("\tfirst\t", StringComparison.Ordinal)).Split('\t')[0];
        var revoke = await CalmDeskProcess.RunAsync("users", "revoke", "rep@example.com", firstId, "--data", data);
        var after = await CalmDeskProcess.RunAsync("users", "tokens", "rep@example.com", "--data", data);
        var role = await CalmDeskProcess.RunAsync("users", "role", "rep@example.com", "--role", "Rep", "Manager", "--data", data);
        var lastAdmin = await CalmDeskProcess.RunAsync("users", "disable", "admin@example.com", "--data", data);
        var disable = await CalmDeskProcess.RunAsync("users", "disable", "rep@example.com", "--hand-to", "colleague@example.com", "--data", data);
        var listed = JsonDocument.Parse((await CalmDeskProcess.RunAsync("users", "list", "--json", "--data", data)).Output).RootElement.EnumerateArray()
            .ToDictionary(u => u.GetProperty("email").GetString()!);
        var afterDisable = await CalmDeskProcess.RunAsync("users", "tokens", "rep@example.com", "--data", data);
        var enable = await CalmDeskProcess.RunAsync("users", "enable", "rep@example.com", "--data", data);
        await CalmDeskProcess.RunAsync("users", "token", "rep@example.com", "--name", "third", "--data", data);
        var revokeAll = await CalmDeskProcess.RunAsync("users", "revoke", "rep@example.com", "--all", "--data", data);
        var none = await CalmDeskProcess.RunAsync("users", "tokens", "rep@example.com", "--data", data);

        Assert.Equal(2, tokens.Output.Split('\n').Count(l => l.EndsWith("\tactive", StringComparison.Ordinal)));
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.Contains("stopped", after.Output.Split('\n').Single(l => l.Contains("\tfirst\t", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(role.ExitCode == 0, role.Error);
        Assert.Equal(["Manager", "Rep"], listed["rep@example.com"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(1, lastAdmin.ExitCode);
        Assert.True(listed["admin@example.com"].GetProperty("active").GetBoolean());
        Assert.True(disable.ExitCode == 0, disable.Error);
        Assert.False(listed["rep@example.com"].GetProperty("active").GetBoolean());
        Assert.True(enable.ExitCode == 0, enable.Error);
        // Disabling the rep revoked the token left for good; only the one issued after they came back is left to stop.
        Assert.Contains("stopped", afterDisable.Output.Split('\n').Single(l => l.Contains("\tsecond\t", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Stopped 1 token", revokeAll.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\tactive", none.Output, StringComparison.Ordinal);
    }
}
