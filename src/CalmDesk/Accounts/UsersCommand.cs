using System.CommandLine;
using System.Text.Json;
using CalmDesk.Infrastructure;
using CalmDesk.Reps;
using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage users and API tokens");
        users.Subcommands.Add(List());
        users.Subcommands.Add(Token());
        users.Subcommands.Add(Add());
        return users;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("list", "List users and their roles") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var reps = await scope.ServiceProvider.GetRequiredService<RepDirectory>().ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                var rows = reps.Select(r => new { email = r.Email, displayName = r.DisplayName, roles = r.Roles, repId = r.Id, active = r.IsActive, customers = r.Customers });
                Console.WriteLine(JsonSerializer.Serialize(rows));
                return 0;
            }

            foreach (var rep in reps)
            {
                Console.WriteLine($"{rep.Email,-36} {rep.DisplayName,-28} {string.Join(",", rep.Roles),-20} {rep.Customers,5} customers");
            }

            return 0;
        });
        return command;
    }

    private static Command Token()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user the token acts as" };
        var name = new Option<string>("--name") { Description = "A label to recognise the token by", DefaultValueFactory = _ => "cli" };
        var command = new Command("token", "Create an API token; the token is printed once, as the last line") { email, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>().FindByEmailAsync(parse.GetValue(email)!);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"error: no user has the email {parse.GetValue(email)}.");
                return 1;
            }

            var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().IssueAsync(user.Id, parse.GetValue(name)!, cancellationToken);
            Console.WriteLine($"API token for {user.Email}; send it as 'Authorization: Bearer TOKEN'. It is shown only now:");
            Console.WriteLine(token);
            return 0;
        });
        return command;
    }

    private static Command Add()
    {
        var email = new Argument<string>("EMAIL");
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var roles = new Option<string[]>("--role") { Description = "Rep, Manager or Admin (repeatable)", DefaultValueFactory = _ => ["Rep"], AllowMultipleArgumentsPerToken = true };
        var password = new Option<string?>("--password") { Description = "Initial password; generated and printed when omitted" };
        var command = new Command("add", "Create a user with a rep profile") { email, name, roles, password };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var secret = parse.GetValue(password) ?? OneTimePassword.Create();
            var (rep, errors) = await scope.ServiceProvider.GetRequiredService<RepDirectory>()
                .CreateAsync(parse.GetValue(email)!, parse.GetValue(name)!, secret, parse.GetValue(roles)!, cancellationToken: cancellationToken);
            if (rep is null)
            {
                foreach (var message in errors.SelectMany(e => e.Value))
                {
                    await Console.Error.WriteLineAsync("error: " + message);
                }

                return 1;
            }

            Console.WriteLine(parse.GetValue(password) is null
                ? $"Created {parse.GetValue(email)} with the one-time password {secret}"
                : $"Created {parse.GetValue(email)}.");
            return 0;
        });
        return command;
    }
}
