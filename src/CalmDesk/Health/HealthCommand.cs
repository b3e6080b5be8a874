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

            static void Report(int done)
            {
                if (done % 10_000 < HealthBook.RefreshBatch)
                {
                    Console.WriteLine($"{done:N0} customers worked out");
                }
            }

            int total;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                total = await scope.ServiceProvider.GetRequiredService<HealthBook>().RefreshAsync(Viewer.System, int.MaxValue, Report, cancellationToken);
            }

            Console.WriteLine($"Worked out the health and balances of {total:N0} customers in {watch.Elapsed.TotalSeconds:N0} s.");
            return 0;
        });
        health.Subcommands.Add(recompute);
        return health;
    }
}
