using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Infrastructure;

namespace CalmDesk.Campaigns;

/// `calmdesk campaigns list` and `calmdesk campaigns replies ID`: how the price announcements landed, for a script or a
/// morning check; exit code 2 from `replies` when an angry reply has no open follow-up.
internal static class CampaignsCommand
{
    public static Command Create()
    {
        var campaigns = new Command("campaigns", "Price campaigns and how their replies are going");
        campaigns.Subcommands.Add(List());
        campaigns.Subcommands.Add(Replies());
        return campaigns;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("list", "Every campaign with how many were sent, replied, replied angrily, opened cases and await a follow-up") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var list = await scope.ServiceProvider.GetRequiredService<CampaignDesk>().ListAsync(Viewer.System, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(list, JsonSerializerOptions.Web));
                return 0;
            }

            if (list.Count == 0)
            {
                Console.WriteLine("No campaigns yet.");
            }

            foreach (var c in list)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Id,4}  {c.EffectiveOn:yyyy-MM-dd}  +{c.Percent:0.##}%  sent {c.Sent}/{c.Recipients}  replied {c.Replied}  angry {c.Angry}  cases {c.Cases}  follow-ups {c.FollowUpsOpen}  {c.Name}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Replies()
    {
        var id = new Argument<int>("ID") { Description = "The campaign" };
        var command = new Command("replies", "The replies to one campaign, angry ones first; exit code 2 when an angry reply has no open follow-up") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var campaign = await scope.ServiceProvider.GetRequiredService<CampaignDesk>().GetAsync(Viewer.System, parse.GetValue(id), "en", cancellationToken);
            if (campaign is null)
            {
                await Console.Error.WriteLineAsync($"error: there is no campaign {parse.GetValue(id)}.");
                return 1;
            }

            var unattended = false;
            foreach (var r in campaign.Recipients.Where(r => r.Replies.Count > 0).OrderByDescending(r => r.Angry).ThenBy(r => r.Company, StringComparer.Ordinal))
            {
                var followUp = r.FollowUp is { Status: Commitments.CommitmentStatus.Open } f
                    ? string.Create(CultureInfo.InvariantCulture, $"follow-up {f.DueAt:yyyy-MM-dd HH:mm}") : "no open follow-up";
                unattended |= r.Angry && r.FollowUp is not { Status: Commitments.CommitmentStatus.Open };
                Console.WriteLine($"{(r.Angry ? "ANGRY" : "calm "),-5}  {r.Company}  {r.Replies.Count} repl{(r.Replies.Count == 1 ? "y" : "ies")}  case {r.CaseId?.ToString(CultureInfo.InvariantCulture) ?? "-"}  {followUp}");
            }

            return unattended ? 2 : 0;
        });
        return command;
    }
}
