using System.CommandLine;

namespace CalmDesk.Infrastructure;

internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080" };
    private static readonly Option<bool> NoDemo = new("--no-demo") { Description = "On an empty database, create one administrator instead of the demo portfolio" };
    private static readonly Option<bool> DemoOnNetwork = new("--demo-on-network") { Description = "Serve the demo (whose password is published) on an address other machines can reach" };

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
        command.Options.Add(DemoOnNetwork);
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
            if (settings.Demo && !parse.GetValue(DemoOnNetwork) && !OnlyThisMachine(settings.Urls!))
            {
                await Console.Error.WriteLineAsync(
                    $"Refusing to serve the demo on {settings.Urls}: its accounts' password is published, so anyone on the network could sign in. " +
                    "Listen on localhost / 127.0.0.1, start a real installation with --no-demo, or say --demo-on-network if that is what you want.");
                return 2;
            }

            var app = CalmDeskHost.CreateBuilder(settings).Build();
            WebFeatures.Map(app);
            try
            {
                await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: true, Console.Out, cancellationToken);
            }
            catch (Data.NewerDatabaseException newer)
            {
                await Console.Error.WriteLineAsync(newer.Message);
                return 1;
            }

            await app.RunAsync();
            return 0;
        });
    }

    /// Whether every address listened on is this machine's loopback (localhost, 127.0.0.0/8, ::1).
    public static bool OnlyThisMachine(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            var host = BindingAddress.Parse(url).Host.Trim('[', ']');
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
        });
}
