using System.CommandLine;

namespace CalmDesk.Infrastructure;

internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080" };
    private static readonly Option<bool> NoDemo = new("--no-demo") { Description = "On an empty database, create one administrator instead of the demo portfolio" };

    public static Command Create()
    {
        var serve = new Command("serve", "Serve the web app and the API (the default command)");
        Configure(serve);
        return serve;
    }

    /// Both `calmdesk` and `calmdesk serve` serve; unknown options pass through to ASP.NET Core configuration.
    public static void Configure(Command command)
    {
        command.Options.Add(Urls);
        command.Options.Add(NoDemo);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.UnmatchedTokens.Count > 0 && !parse.UnmatchedTokens[0].StartsWith('-'))
            {
                await Console.Error.WriteLineAsync($"Unknown command '{parse.UnmatchedTokens[0]}'. Run 'calmdesk --help' for the list.");
                return 1;
            }

            var settings = new HostSettings(
                parse.GetValue(CommandLine.Data)!, parse.GetValue(Urls) ?? "http://localhost:5080", !parse.GetValue(NoDemo), [.. parse.UnmatchedTokens]);
            var app = CalmDeskHost.CreateBuilder(settings).Build();
            WebFeatures.Map(app);
            await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: true, Console.Out, cancellationToken);
            await app.RunAsync();
            return 0;
        });
    }
}
