using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CalmDesk.Infrastructure;

/// <summary>
/// A batch command (`analyze --jsonl`) runs in a child process whose code is compiled fully optimised once, instead of
/// in stages. The server keeps .NET's tiered compilation: it starts fast and, after a warm-up, runs code recompiled with
/// what the first calls taught it (profile-guided), which is worth a fifth of its throughput (bench/load.sh). A batch of
/// a few seconds pays for those stages without living long enough to profit: the instrumented code and the compiler
/// run on the same core as the work. Measured on one core, 50,000 messages took 2.6 s this way against 3.3 s with
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
        // A signal meant for this process (Ctrl+C, which the child hears too, or a SIGTERM sent to this process alone)
        // stops the child at once and this process ends with the child's code. The handlers are in place before the
        // child starts, so no signal finds this process gone and the child left running.
        var stop = new Stopper();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, stop.Handle);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, stop.Handle);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, stop.Handle);
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
            stop.Started(child);
            await child.WaitForExitAsync();
            return child.ExitCode;
        }
    }

    /// <summary>Stops the child when a signal comes, or as soon as it has started if the signal came first.</summary>
    private sealed class Stopper
    {
        private readonly Lock _gate = new();
        private Process? _child;
        private bool _requested;

        public void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            lock (_gate)
            {
                _requested = true;
                if (_child is { } child)
                {
                    Stop(child);
                }
            }
        }

        public void Started(Process child)
        {
            lock (_gate)
            {
                _child = child;
                if (_requested)
                {
                    Stop(child);
                }
            }
        }
    }

    private static void Stop(Process child)
    {
        try
        {
            // Nothing is stored by the batch: it reads lines and writes verdicts, so stopping it at once loses nothing.
            child.Kill();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException or System.ComponentModel.Win32Exception)
        {
            // It had ended already.
        }
    }
}
