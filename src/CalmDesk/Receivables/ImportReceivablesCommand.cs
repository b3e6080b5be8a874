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
            (import, stream, progress, cancellationToken) => import.InvoicesAsync(stream, progress, cancellationToken));
        yield return Build("payments", "Import payments from CSV", ReceivablesCsvImport.PaymentColumns,
            (import, stream, progress, cancellationToken) => import.PaymentsAsync(stream, progress, cancellationToken));
    }

    private static Command Build(
        string name, string description, IReadOnlyList<string> columns,
        Func<ReceivablesCsvImport, Stream, IProgress<ImportProgress>, CancellationToken, Task<ImportReport>> run)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header line; columns: " + string.Join(", ", columns) };
        var command = new Command(name, description) { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ReceivablesCsvImport>();
            return await ImportConsole.RunAsync(name, parse.GetValue(file)!, (stream, progress) => run(import, stream, progress, cancellationToken));
        });
        return command;
    }
}
