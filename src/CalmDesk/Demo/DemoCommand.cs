using System.CommandLine;
using System.Globalization;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Demo;

/// `calmdesk demo generate`: fills the configured database (SQLite or PostgreSQL) with a big generated book, for load
/// tests and for seeing CalmDesk with a real company's numbers. An empty database gets the demo portfolio first, so
/// the demo's people (and a generated team) can sign in with the demo password.
internal static class DemoCommand
{
    public static Command Create()
    {
        var demo = new Command("demo", "Demo and load-test data");
        var customers = new Option<int>("--customers") { Description = "How many customers to add", Required = true };
        var interactions = new Option<int>("--interactions") { Description = "How many messages, calls and notes to add in all (skewed: a few customers get thousands)", Required = true };
        var seed = new Option<int>("--seed") { Description = "The same seed writes the same book", DefaultValueFactory = _ => 2026 };
        var generate = new Command("generate", "Add a big, realistic generated book to the configured database") { customers, interactions, seed };
        generate.SetAction(async (parse, cancellationToken) =>
        {
            var size = new BookSize(parse.GetValue(customers), parse.GetValue(interactions), parse.GetValue(seed));
            if (size.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync("error: " + problem);
                return 1;
            }

            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using (var first = app.Services.CreateAsyncScope())
            {
                if (!await first.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Users.AnyAsync(cancellationToken))
                {
                    await first.ServiceProvider.GetRequiredService<DemoPortfolio>().SeedAsync(cancellationToken);
                    Console.WriteLine($"Demo portfolio created. Sign in as {DemoPortfolio.ManagerEmail} with the password {DemoPortfolio.Password}.");
                }
            }

            await using var scope = app.Services.CreateAsyncScope();
            var book = await scope.ServiceProvider.GetRequiredService<BookGenerator>().GenerateAsync(size, Console.Out, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Added {book.Customers:N0} customers, {book.Interactions:N0} interactions, {book.Invoices:N0} invoices, {book.Payments:N0} payments, {book.Cases:N0} cases, {book.Promises:N0} promises and {book.Incidents:N0} incidents in {book.Took.TotalSeconds:N0} s."));
            if (book.RepsAdded > 0)
            {
                Console.WriteLine(book.RepsAdded == 1
                    ? "1 rep was added (rep01@generated.calmdesk.app), with the demo password."
                    : $"{book.RepsAdded} reps were added (rep01@generated.calmdesk.app …), with the demo password.");
            }

            return 0;
        });
        demo.Subcommands.Add(generate);
        return demo;
    }
}
