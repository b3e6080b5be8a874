using CalmDesk.Demo;
using CalmDesk.Reps;
using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

/// On an empty database: the roles, then either the demo portfolio or one administrator whose password
/// comes from configuration or is generated and printed once. There is never a built-in password.
internal sealed class FirstRun(
    IConfiguration configuration,
    RoleManager<IdentityRole> roles,
    UserManager<CalmDeskUser> users,
    RepDirectory reps,
    DemoPortfolio demo,
    ILogger<FirstRun> logger)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task EnsureUsersAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        if (users.Users.Any())
        {
            return;
        }

        if (configuration.GetValue("CalmDesk:Demo", false))
        {
            await demo.SeedAsync(cancellationToken);
            await output.WriteLineAsync($"Demo portfolio created. Sign in as {DemoPortfolio.ManagerEmail} (manager) or {DemoPortfolio.RepEmails[0]} (rep) with the password {DemoPortfolio.Password}");
            logger.LogInformation("Seeded the demo portfolio");
            return;
        }

        var email = configuration["CalmDesk:AdminEmail"] is { Length: > 0 } configured ? configured : "admin@calmdesk.local";
        var password = configuration["CalmDesk:AdminPassword"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = OneTimePassword.Create();
        }

        var (_, errors) = await reps.CreateAsync(email, "Administrator", password!, [Roles.Admin, Roles.Manager], cancellationToken: cancellationToken, mustChangePassword: generated);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Could not create the first administrator: " + string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        await output.WriteLineAsync(generated
            ? $"First run: created the administrator {email} with the one-time password {password} (you choose your own at the first sign-in)."
            : $"First run: created the administrator {email} with the password from configuration.");
        logger.LogInformation("Created the first administrator {Email}", email);
    }
}
