using System.Diagnostics;

namespace CalmDesk.Infrastructure;

/// Runs the real `calmdesk` executable, as a user or a script would.
internal static class CalmDeskProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "calmdesk.exe" : "calmdesk");

    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("calmdesk did not start.");
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// Reads the server's output until it says it is listening (two minutes at most: a first start seeds the demo,
    /// about 20 s on an idle machine, and once took over a minute in CI with two test assemblies running beside it),
    /// and keeps draining it afterwards so a full pipe never blocks the server.
    public static async Task WaitUntilListeningAsync(Process server)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        // Both pipes are drained from the start: a server that writes more than a pipe holds to the one nobody reads
        // blocks on that write and never starts listening (the intermittent failure under load).
        var errors = server.StandardError.ReadToEndAsync(CancellationToken.None);
        string? line;
        while ((line = await server.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
        {
            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                _ = server.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return;
            }
        }

        throw new InvalidOperationException($"calmdesk exited ({server.ExitCode}) before listening: {await errors.WaitAsync(TimeSpan.FromSeconds(10), timeout.Token)}");
    }

    /// A loopback port nobody is listening on right now.
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "calmdesk-cli-tests", Guid.NewGuid().ToString("N"));
}
