using System.CommandLine;
using System.Diagnostics;
using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Health;

/// `calmdesk health recompute`: works out every customer's stored health and balances again from the records, for
/// repair (a database restored from elsewhere, rows edited by hand, a crash between a save and its mark). A running
/// server keeps serving meanwhile; its reads and this command may both work a customer out, harmlessly.
internal static class HealthCommand
{
    private const int Batch = 500;

    public static Command Create()
    {
        var health = new Command("health", "Account health and balances kept for the dashboard and the receivables");
        var recompute = new Command("recompute", "Work out every customer's stored health and balances again from the records");
        recompute.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            var watch = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().HealthScores
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.Changes, h => h.Changes + 1), cancellationToken);
            }

            var total = 0;
            int done;
            do
            {
                await using var scope = app.Services.CreateAsyncScope();
                done = await scope.ServiceProvider.GetRequiredService<HealthBook>().RefreshAsync(Viewer.System, Batch, cancellationToken);
                total += done;
                if (done > 0 && total % 10_000 < Batch)
                {
                    Console.WriteLine($"{total:N0} customers worked out");
                }
            }
            while (done == Batch);

            Console.WriteLine($"Worked out the health and balances of {total:N0} customers in {watch.Elapsed.TotalSeconds:N0} s.");
            return 0;
        });
        health.Subcommands.Add(recompute);
        return health;
    }
}
