using Spectre.Console;

namespace CalmDesk.Imports;

/// Runs an import with a progress bar on a terminal (plain progress lines when piped) and prints the summary.
internal static class ImportConsole
{
    public const int ExitRejected = 3;

    public static async Task<int> RunAsync(string kind, string path, Func<Stream, IProgress<ImportProgress>, Task<ImportReport>> import)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"error: the file '{path}' does not exist.");
            return 1;
        }

        ImportReport report;
        try
        {
            await using var stream = ImportFile.OpenRead(path);
            report = Console.IsOutputRedirected
                ? await import(stream, new PlainProgress())
                : await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"Importing {kind}", maxValue: Math.Max(1, stream.Length));
                        return await import(stream, new Progress<ImportProgress>(p => task.Value = p.BytesRead));
                    });
        }
        catch (InvalidDataException exception)
        {
            await Console.Error.WriteLineAsync($"error: {path}: {exception.Message}");
            return 1;
        }

        ImportMetrics.Record(kind, report);
        Console.WriteLine($"{path}: read {report.Read}, imported {report.Imported}, skipped as duplicates {report.Duplicates}, rejected {report.Rejected.Count}");
        foreach (var rejection in report.Rejected.Take(100))
        {
            Console.WriteLine($"  rejected {rejection.Location}: {rejection.Reason}");
        }

        if (report.Rejected.Count > 100)
        {
            Console.WriteLine($"  … and {report.Rejected.Count - 100} more rejected records");
        }

        return report.Rejected.Count > 0 ? ExitRejected : 0;
    }

    /// Without a terminal, one line every tenth of the file keeps logs readable.
    private sealed class PlainProgress : IProgress<ImportProgress>
    {
        private int _lastTenth = -1;

        public void Report(ImportProgress value)
        {
            if (value.BytesTotal <= 0)
            {
                return;
            }

            var tenth = (int)(value.BytesRead * 10 / value.BytesTotal);
            if (tenth > _lastTenth)
            {
                _lastTenth = tenth;
                Console.WriteLine($"  {tenth * 10}% ({value.Records} records)");
            }
        }
    }
}
