using System.CommandLine;
using System.Text.Json;
using CalmDesk.Data;
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
        users.Subcommands.Add(Activate("disable", "Deactivate a user: they cannot sign in, their sessions end and their API tokens stop", active: false));
        users.Subcommands.Add(Activate("enable", "Reactivate a deactivated user", active: true));
        users.Subcommands.Add(Role());
        users.Subcommands.Add(Tokens());
        users.Subcommands.Add(Revoke());
        users.Subcommands.Add(TwoStepOff());
        users.Subcommands.Add(Erase());
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
        var days = new Option<int?>("--expires-days") { Description = $"Refuse the token after this many days (1 to {ApiTokenService.MaxLifetimeDays}); without it, it lasts until revoked" };
        var command = new Command("token", "Create an API token; the token is printed once, as the last line") { email, name, days };
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

            var (token, errors) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, parse.GetValue(name)!, parse.GetValue(days), cancellationToken);
            if (token is null)
            {
                return await FailAsync(string.Join(" ", errors.SelectMany(e => e.Value)));
            }

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
                .CreateAsync(parse.GetValue(email)!, parse.GetValue(name)!, secret, parse.GetValue(roles)!, cancellationToken: cancellationToken,
                    mustChangePassword: parse.GetValue(password) is null);
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

    private static Command Activate(string name, string description, bool active)
    {
        var email = new Argument<string>("EMAIL");
        var handTo = new Option<string?>("--hand-to") { Description = "The colleague (e-mail) who takes the user's customers; required when they have any" };
        var command = new Command(name, description) { email };
        if (!active)
        {
            command.Options.Add(handTo);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();
            var rep = await FindAsync(reps, parse.GetValue(email)!, cancellationToken);
            int? taker = null;
            if (!active && parse.GetValue(handTo) is { } colleague)
            {
                taker = (await FindAsync(reps, colleague, cancellationToken))?.Id;
                if (taker is null)
                {
                    return await FailAsync($"no user has the email {colleague}.");
                }
            }

            return rep is null
                ? await FailAsync($"no user has the email {parse.GetValue(email)}.")
                : await ReportAsync(await reps.UpdateAsync(Viewer.System, rep.Id, new RepChange(Active: active, HandCustomersToRepId: taker), cancellationToken),
                    $"{rep.Email} is {(active ? "active again" : "deactivated: signed out everywhere, API tokens stopped")}.");
        });
        return command;
    }

    /// Forgets a deactivated user (RepDirectory.EraseAsync); typing the e-mail on the command line is the confirmation.
    private static Command Erase()
    {
        var email = new Argument<string>("EMAIL");
        var command = new Command("erase", "Erase a deactivated user's personal data: name, e-mail, password, tokens, links and profile; their records stay, under #ID") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();
            var address = parse.GetValue(email)!;
            return await FindAsync(reps, address, cancellationToken) is not { } rep
                ? await FailAsync($"no user has the email {address}.")
                : await ReportAsync(await reps.EraseAsync(Viewer.System, rep.Id, address, cancellationToken), $"{address} is erased: the user is now #{rep.Id}.");
        });
        return command;
    }

    /// For a user who lost the phone and the recovery codes: the password alone signs in again, and they set up anew.
    private static Command TwoStepOff()
    {
        var email = new Argument<string>("EMAIL");
        var command = new Command("two-step-off", "Turn a user's two-step sign-in off (a lost phone and lost recovery codes); they can set it up again") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>();
            if (await users.FindByEmailAsync(parse.GetValue(email)!) is not { } user)
            {
                return await FailAsync($"no user has the email {parse.GetValue(email)}.");
            }

            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            Console.WriteLine($"{user.Email}: two-step sign-in is off; the password alone signs in until they set it up again.");
            return 0;
        });
        return command;
    }

    private static Command Role()
    {
        var email = new Argument<string>("EMAIL");
        var roles = new Option<string[]>("--role") { Description = "Rep, Manager or Admin (repeatable): the user's roles from now on", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("role", "Set a user's roles (their sessions pick the change up within a minute)") { email, roles };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();
            var rep = await FindAsync(reps, parse.GetValue(email)!, cancellationToken);
            return rep is null
                ? await FailAsync($"no user has the email {parse.GetValue(email)}.")
                : await ReportAsync(await reps.UpdateAsync(Viewer.System, rep.Id, new RepChange(Roles: parse.GetValue(roles)), cancellationToken),
                    $"{rep.Email} now has the roles {string.Join(", ", parse.GetValue(roles)!)}.");
        });
        return command;
    }

    private static Command Tokens()
    {
        var email = new Argument<string>("EMAIL");
        var command = new Command("tokens", "List a user's API tokens: id, name, how it starts, made, last used, stopped") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>().FindByEmailAsync(parse.GetValue(email)!);
            if (user is null)
            {
                return await FailAsync($"no user has the email {parse.GetValue(email)}.");
            }

            foreach (var token in await scope.ServiceProvider.GetRequiredService<ApiTokenService>().ListAsync(user.Id, cancellationToken))
            {
                Console.WriteLine(string.Join('\t', token.Id, token.Name, token.Prefix + "…", token.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    token.LastUsedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never used",
                    token.RevokedAt is { } stopped ? "stopped " + stopped.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "active"));
            }

            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var email = new Argument<string>("EMAIL");
        var id = new Argument<int?>("TOKEN-ID") { Description = "The token to stop (see `users tokens`)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Stop every token of the user" };
        var command = new Command("revoke", "Stop one API token of a user, or all of them with --all; a running server refuses it within Security:TokenCheckSeconds (10 s)") { email, id, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>().FindByEmailAsync(parse.GetValue(email)!);
            if (user is null)
            {
                return await FailAsync($"no user has the email {parse.GetValue(email)}.");
            }

            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            var chosen = parse.GetValue(all)
                ? (await tokens.ListAsync(user.Id, cancellationToken)).Where(t => t.RevokedAt is null).Select(t => t.Id).ToList()
                : parse.GetValue(id) is { } one ? [one] : null;
            if (chosen is null)
            {
                return await FailAsync("name the token to stop (its id from `users tokens`), or say --all.");
            }

            var stopped = 0;
            foreach (var token in chosen)
            {
                stopped += await tokens.RevokeAsync(user.Id, token, cancellationToken) ? 1 : 0;
            }

            if (stopped == 0 && !parse.GetValue(all))
            {
                return await FailAsync($"{user.Email} has no active token {parse.GetValue(id)}.");
            }

            Console.WriteLine($"Stopped {stopped} token(s) of {user.Email}.");
            return 0;
        });
        return command;
    }

    private static async Task<RepSummary?> FindAsync(RepDirectory reps, string email, CancellationToken cancellationToken) =>
        (await reps.ListAsync(cancellationToken)).FirstOrDefault(r => string.Equals(r.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message);
        return 1;
    }

    private static async Task<int> ReportAsync(Outcome<RepSummary> outcome, string done)
    {
        if (outcome.NotFound)
        {
            return await FailAsync("the user has no rep profile to change.");
        }

        if (outcome.Errors.Count > 0)
        {
            foreach (var message in outcome.Errors.SelectMany(e => e.Value))
            {
                await Console.Error.WriteLineAsync("error: " + message);
            }

            return 1;
        }

        Console.WriteLine(done);
        return 0;
    }
}
