using System.CommandLine;
using CalmDesk.Imports;
using CalmDesk.Infrastructure;

namespace CalmDesk.Customers;

internal static class ImportCustomersCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header line; columns: " + string.Join(", ", CustomerCsvImport.Columns) };
        var command = new Command("customers", "Import customers (one contact each) from CSV") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<CustomerCsvImport>();
            return await ImportConsole.RunAsync("customers", parse.GetValue(file)!, (stream, progress) => import.RunAsync(stream, progress, cancellationToken));
        });
        return command;
    }
}
