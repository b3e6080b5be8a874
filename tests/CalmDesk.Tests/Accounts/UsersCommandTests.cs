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
}
