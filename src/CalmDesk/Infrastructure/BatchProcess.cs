using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CalmDesk.Infrastructure;

/// <summary>
/// A batch command (`analyze --jsonl`) runs in a child process whose code is compiled fully optimised once, instead of
/// in stages. The server keeps .NET's tiered compilation: it starts fast and, after a warm-up, runs code recompiled with
/// what the first calls taught it (profile-guided), which is worth a fifth of its throughput (bench/load.sh). A batch of
/// a few seconds pays for those stages without living long enough to profit: the instrumented code and the compiler
/// run on the same core as the work. Measured on one core, 50,000 messages took 2.5 s this way against 3.0 s with
/// tiering (docs/benchmarks.md). The child inherits the standard input, output and error and the whole environment, so
/// it does exactly what this process would have done; its exit code is this process's.
/// </summary>
internal static class BatchProcess
{
    private const string Switch = "DOTNET_TieredCompilation";

    /// <summary>Whether <paramref name="args"/> ask for a batch that should run in a fully optimised child: only when
    /// nobody chose the compilation mode already (the child itself, or a user who set the variable).</summary>
    public static bool ShouldRestart(string[] args) =>
        args.Contains("analyze") && args.Contains("--jsonl")
        && Environment.GetEnvironmentVariable(Switch) is null
        && Environment.ProcessPath is not null;

    /// <summary>Runs the same command line in a child without tiered compilation and returns its exit code; null when
    /// the child could not be started (the caller then runs the command itself).</summary>
    public static async Task<int?> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Through the `dotnet` host the entry assembly comes first; through the app's own launcher it is implied.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Switch] = "0";
        Process child;
        try
        {
            child = Process.Start(start) ?? throw new InvalidOperationException();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }

        using (child)
        {
            // Ctrl+C reaches the whole process group, so the child hears it itself and stops; this process waits for it
            // and then ends with its code. A termination meant for this process alone is passed on.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => context.Cancel = true);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Stop(child);
            });
            await child.WaitForExitAsync();
            return child.ExitCode;
        }
    }

    private static void Stop(Process child)
    {
        try
        {
            // Nothing is stored by the batch: it reads lines and writes verdicts, so stopping it at once loses nothing.
            child.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had ended already.
        }
    }
}
