using System.CommandLine;
using CalmDesk.Imports;
using CalmDesk.Infrastructure;

namespace CalmDesk.Interactions;

internal static class ImportInteractionsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A .csv, .eml or .mbox file" };
        var command = new Command("interactions", "Import interactions from CSV, or e-mail from .eml/.mbox (matched to contacts by address)") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".csv" or ".eml" or ".mbox"))
            {
                await Console.Error.WriteLineAsync($"error: '{path}' is neither .csv, .eml nor .mbox.");
                return 1;
            }

            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return extension == ".csv"
                ? await ImportConsole.RunAsync("interactions", path, (stream, progress) =>
                    scope.ServiceProvider.GetRequiredService<InteractionCsvImport>().RunAsync(stream, progress, cancellationToken))
                : await ImportConsole.RunAsync("e-mail", path, (stream, progress) =>
                    scope.ServiceProvider.GetRequiredService<MailImport>().RunAsync(stream, extension == ".mbox", progress, cancellationToken));
        });
        return command;
    }
}
