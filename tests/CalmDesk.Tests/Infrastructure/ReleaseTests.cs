using System.Diagnostics;
using System.Net;

namespace CalmDesk.Infrastructure;

/// The release a server gets (deploy/release.sh): one self-contained folder. It is built, then started with no .NET
/// on the path and no DOTNET_ROOT, as on a fresh server, on a fresh data folder; it must answer its health check and
/// its sign-in page, and carry the systemd unit.
public sealed class ReleaseTests
{
    [Fact]
    public async Task TheSelfContainedRelease_StartsWithoutDotnet_AndServes()
    {
        var root = Repository.Root;
        var output = Path.Combine(Path.GetTempPath(), "calmdesk-release-tests", Guid.NewGuid().ToString("N"));
        var built = await RunAsync(new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "release.sh"), output]) { WorkingDirectory = root }, TimeSpan.FromMinutes(10));
        Assert.True(built.ExitCode == 0, built.Error);
        var executable = Path.Combine(output, "calmdesk");
        Assert.True(File.Exists(executable) && File.Exists(Path.Combine(output, "calmdesk.service")));
        Assert.False(File.Exists(Path.Combine(output, "calmdesk.dll")), "A single-file release has no loose calmdesk.dll.");

        var data = Path.Combine(output, "data");
        var port = CalmDeskProcess.FreePort();
        var start = new ProcessStartInfo(executable, ["serve", "--no-demo", "--data", data, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = output,
        };
        // As on a server without .NET: nothing to find a runtime by.
        start.Environment.Remove("DOTNET_ROOT");
        start.Environment["PATH"] = "/usr/bin:/bin";
        using var server = Process.Start(start)!;
        try
        {
            await CalmDeskProcess.WaitUntilListeningAsync(server);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
            var signIn = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
            using var styles = await client.GetAsync("/app.css", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("id=\"password\"", signIn, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(ProcessStartInfo info, TimeSpan limit)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error);
    }
}
