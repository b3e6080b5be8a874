using System.CommandLine;
using CalmDesk.Imports;
using CalmDesk.Infrastructure;

namespace CalmDesk.Orders;

/// `calmdesk import orders FILE`.
internal static class ImportOrdersCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header line, one row per order line; columns: " + string.Join(", ", OrderCsvImport.Columns) };
        var command = new Command("orders", "Import orders from CSV, one row per line (customers first)") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<OrderCsvImport>();
            return await ImportConsole.RunAsync("orders", parse.GetValue(file)!, (stream, progress) => import.ImportAsync(stream, progress, cancellationToken));
        });
        return command;
    }
}
