using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Identity;
using CalmDesk.Interactions;

namespace CalmDesk.Commitments;

/// `calmdesk commitments due`: the promises coming due, for a morning check or a cron job.
internal static class CommitmentsCommand
{
    public static Command Create()
    {
        var commitments = new Command("commitments", "Promises made to customers");
        commitments.Subcommands.Add(Due());
        return commitments;
    }

    private static Command Due()
    {
        var hours = new Option<int>("--within") { Description = "Hours ahead to look (overdue promises are always listed)", DefaultValueFactory = _ => 24 };
        var rep = new Option<string?>("--rep") { Description = "Only this user's promises (their email)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("due", "List open promises due soon, most urgent first; exit code 2 when any is overdue") { hours, rep, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(hours) is < 0 or > CommitmentBook.MaxDueWindowHours)
            {
                await Console.Error.WriteLineAsync($"error: --within must be between 0 and {CommitmentBook.MaxDueWindowHours} hours.");
                return 1;
            }

            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var viewer = Viewer.System;
            if (parse.GetValue(rep) is { } email)
            {
                var user = await scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>().FindByEmailAsync(email);
                if (user is null)
                {
                    await Console.Error.WriteLineAsync($"error: no user has the email {email}.");
                    return 1;
                }

                viewer = new Viewer(user.Id, SeesAll: false);
            }

            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var due = await scope.ServiceProvider.GetRequiredService<CommitmentBook>().DueAsync(viewer, clock.GetUtcNow().AddHours(parse.GetValue(hours)), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(due.Select(c => new
                {
                    id = c.Id, state = JsonNamingPolicy.CamelCase.ConvertName(c.State.ToString()), dueAt = c.DueAt, owner = c.OwnerName,
                    company = c.Company, what = c.What, caseId = c.CaseId,
                })));
            }
            else if (due.Count == 0)
            {
                Console.WriteLine("No open promises due in that window.");
            }
            else
            {
                foreach (var c in due)
                {
                    var when = TimeZoneInfo.ConvertTime(c.DueAt, clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                    Console.WriteLine($"{c.Id,6}  {c.State,-8}  {when}  {Excerpts.Fit(c.OwnerName, 20),-20}  {Excerpts.Fit(c.Company, 28),-28}  {c.What}");
                }
            }

            return due.Any(c => c.State == CommitmentState.Overdue) ? 2 : 0;
        });
        return command;
    }
}
