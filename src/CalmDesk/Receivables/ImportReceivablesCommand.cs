using System.CommandLine;
using CalmDesk.Imports;
using CalmDesk.Infrastructure;

namespace CalmDesk.Receivables;

/// `calmdesk import invoices FILE` and `calmdesk import payments FILE`.
internal static class ImportReceivablesCommand
{
    public static IEnumerable<Command> Create()
    {
        yield return Build("invoices", "Import invoices and credit notes from CSV (before their payments)", ReceivablesCsvImport.InvoiceColumns,
            (import, path, stream, progress, cancellationToken) => import.InvoicesAsync(stream, progress, Path.GetDirectoryName(Path.GetFullPath(path)), cancellationToken),
            "A `document` column names each invoice's file (a PDF, say), relative to the CSV's folder.");
        yield return Build("payments", "Import payments from CSV", ReceivablesCsvImport.PaymentColumns,
            (import, _, stream, progress, cancellationToken) => import.PaymentsAsync(stream, progress, cancellationToken));
    }

    private static Command Build(
        string name, string description, IReadOnlyList<string> columns,
        Func<ReceivablesCsvImport, string, Stream, IProgress<ImportProgress>, CancellationToken, Task<ImportReport>> run, string? more = null)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header line; columns: " + string.Join(", ", columns) + (more is null ? "" : ". " + more) };
        var command = new Command(name, description) { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ReceivablesCsvImport>();
            return await ImportConsole.RunAsync(name, parse.GetValue(file)!, (stream, progress) => run(import, parse.GetValue(file)!, stream, progress, cancellationToken));
        });
        return command;
    }
}
