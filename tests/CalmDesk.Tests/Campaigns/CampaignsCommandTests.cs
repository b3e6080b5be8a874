using CalmDesk.Accounts;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using CalmDesk.Interactions;
using CalmDesk.Reps;

namespace CalmDesk.Campaigns;

public sealed class CampaignsCommandTests
{
    [Fact]
    public async Task Replies_PutsAngryOnesFirst_AndExitsTwoWhenOneHasNoOpenFollowUp()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        await CalmDeskProcess.RunAsync("db", "migrate", "--data", data);
        var now = TimeProvider.System.GetUtcNow();
        var cancel = TestContext.Current.CancellationToken;
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<CalmDeskDbContext>();
        DatabaseSettings.ForSqliteFile(Path.Combine(data, "calmdesk.db")).Configure(options);
        await using (var db = new CalmDeskDbContext(options.Options))
        {
            var user = new CalmDeskUser { UserName = "giulia@example.com", Email = "giulia@example.com", DisplayName = "Giulia" };
            db.Users.Add(user);
            var rep = new Rep { UserId = user.Id, DisplayName = "Giulia Ferraro" };
            db.Reps.Add(rep);
            var angry = new Customer { Company = "Trattoria Da Nino", CreatedAt = now, PreferredLanguage = "it", AssignedRep = rep };
            var calm = new Customer { Company = "Enoteca Il Grappolo", CreatedAt = now, PreferredLanguage = "it", AssignedRep = rep };
            db.Customers.AddRange(angry, calm);
            var campaign = new Campaign { Name = "Listino 2027", Percent = 4m, EffectiveOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30), Reasons = "supplier", CreatedAt = now.AddDays(-3) };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancel);
            foreach (var customer in new[] { angry, calm })
            {
                db.CampaignRecipients.Add(new CampaignRecipient
                {
                    CampaignId = campaign.Id, CustomerId = customer.Id, Subject = "Prezzi", Body = "…", Status = RecipientStatus.Sent, SentAt = now.AddDays(-2), SentByRepId = rep.Id,
                });
            }

            // The calm customer's follow-up is open; the angry one's was cancelled, so nobody is calling back.
            db.Commitments.Add(CommitmentBook.New(calm.Id, null, rep.Id, "Follow up", now.AddDays(5), CommitmentSource.Campaign, now.AddDays(-2)));
            var dropped = CommitmentBook.New(angry.Id, null, rep.Id, "Follow up", now.AddDays(5), CommitmentSource.Campaign, now.AddDays(-2));
            dropped.Status = CommitmentStatus.Cancelled;
            db.Commitments.Add(dropped);
            foreach (var (customer, body) in new[] { (angry, "Siete dei ladri, vergognatevi! Cambio fornitore!"), (calm, "Grazie per l'avviso, ci sentiamo.") })
            {
                var reply = new Interaction { CustomerId = customer.Id, Channel = Channel.Email, Direction = Direction.Inbound, Body = body, ExternalId = "r-" + customer.Company, OccurredAt = now.AddDays(-1), CreatedAt = now.AddDays(-1) };
                InteractionAnalysis.Apply(reply, now);
                db.Interactions.Add(reply);
            }

            await db.SaveChangesAsync(cancel);
        }

        var (listExit, list, _) = await CalmDeskProcess.RunAsync("campaigns", "list", "--data", data);
        var (exit, output, _) = await CalmDeskProcess.RunAsync("campaigns", "replies", "1", "--data", data);
        var (missing, _, error) = await CalmDeskProcess.RunAsync("campaigns", "replies", "99", "--data", data);

        Assert.Equal(0, listExit);
        Assert.Contains("sent 2/2  replied 2  angry 1", list, StringComparison.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exit);
        Assert.StartsWith("ANGRY  Trattoria Da Nino", lines[0], StringComparison.Ordinal);
        Assert.Contains("no open follow-up", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("calm   Enoteca Il Grappolo", lines[1], StringComparison.Ordinal);
        Assert.Equal(1, missing);
        Assert.Contains("no campaign 99", error, StringComparison.Ordinal);
    }
}
