using System.CommandLine;
using CalmDesk.Infrastructure;

namespace CalmDesk.Data;

internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Database maintenance");
        var migrate = new Command("migrate", "Apply pending schema migrations to the configured database");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CalmDeskHost.CreateBuilder(new HostSettings(parse.GetValue(CommandLine.Data)!, Quiet: true)).Build();
            await using var scope = settings.Services.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
            IReadOnlyList<string> applied;
            try
            {
                applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            }
            catch (NewerDatabaseException newer)
            {
                await Console.Error.WriteLineAsync(newer.Message);
                return 1;
            }

            Console.WriteLine(applied.Count == 0
                ? $"{database.Describe()}: already up to date."
                : $"{database.Describe()}: applied {string.Join(", ", applied)}.");
            return 0;
        });
        db.Subcommands.Add(migrate);
        return db;
    }
}
