using System.CommandLine;
using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Campaigns;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Orders;
using CalmDesk.Receivables;

namespace CalmDesk.Infrastructure;

/// The `calmdesk` command line: `serve` (the default), `db`, `import`, `users`, `analyze`, `commitments`, `mailboxes`, `demo` and `health`.
internal static class CommandLine
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "The data folder: the SQLite file, keys and uploads live here",
        DefaultValueFactory = _ => HostSettings.DefaultDataDirectory,
        Recursive = true,
    };

    /// The settings given on the command line as `--Section:Key=value`, for every command's host (not only `serve`):
    /// `calmdesk users add … --Database:Provider=postgres` works on the database the server uses.
    public static IReadOnlyList<string> Settings { get; private set; } = [];

    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals
        && arg.AsSpan(2, equals - 2).Contains(':');

    public static async Task<int> RunAsync(string[] args)
    {
        Settings = [.. args.Where(IsSetting)];
        args = [.. args.Where(a => !IsSetting(a))];
        var root = new RootCommand("CalmDesk: a workbench for difficult customers. Without a command, serves the web app.");
        root.Options.Add(Data);
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        ServeCommand.Configure(root);

        var import = new Command("import", "Import records from files; safe to re-run, imports nothing twice");
        import.Subcommands.Add(ImportCustomersCommand.Create());
        import.Subcommands.Add(ImportInteractionsCommand.Create());
        foreach (var command in ImportReceivablesCommand.Create())
        {
            import.Subcommands.Add(command);
        }

        import.Subcommands.Add(ImportOrdersCommand.Create());
        root.Subcommands.Add(import);
        root.Subcommands.Add(DbCommand.Create());
        foreach (var command in BackupCommand.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(CampaignsCommand.Create());
        root.Subcommands.Add(CommitmentsCommand.Create());
        root.Subcommands.Add(Mail.MailboxesCommand.Create());
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(Health.HealthCommand.Create());

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (SettingProblem(exception) is { } problem)
        {
            // A setting that is not a number, or out of its range: say which, without a stack trace.
            await Console.Error.WriteLineAsync($"calmdesk: {problem}");
            return 2;
        }
        catch (Exception exception)
        {
            // As System.CommandLine's own handler: the whole exception, except for a cancellation.
            if (exception is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("Unhandled exception: " + exception);
            }

            return 1;
        }
    }

    /// <summary>The message of a configuration error anywhere in the exception's chain: a value that does not convert to
    /// its setting's type, or options that failed their validation.</summary>
    internal static string? SettingProblem(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Microsoft.Extensions.Options.OptionsValidationException invalid)
            {
                return invalid.Message;
            }

            if (exception is InvalidOperationException && exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                return exception.Message;
            }
        }

        return null;
    }

    /// Builds the shared host for a command that does its work and exits, with the schema up to date.
    public static async Task<WebApplication> StartToolHostAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var app = CalmDeskHost.CreateBuilder(new HostSettings(parse.GetValue(Data)!, Quiet: true)).Build();
        await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: false, Console.Out, cancellationToken);
        return app;
    }
}
