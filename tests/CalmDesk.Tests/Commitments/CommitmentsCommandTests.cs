using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using CalmDesk.Reps;

namespace CalmDesk.Commitments;

public sealed class CommitmentsCommandTests
{
    [Fact]
    public async Task Due_ListsOverdueFirst_WithinTheWindow_AndExitsTwoWhenAnyIsOverdue()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        await CalmDeskProcess.RunAsync("db", "migrate", "--data", data);
        var now = TimeProvider.System.GetUtcNow();
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<CalmDeskDbContext>();
        DatabaseSettings.ForSqliteFile(Path.Combine(data, "calmdesk.db")).Configure(options);
        await using (var db = new CalmDeskDbContext(options.Options))
        {
            var user = new CalmDeskUser { UserName = "giulia@example.com", Email = "giulia@example.com", DisplayName = "Giulia" };
            db.Users.Add(user);
            var rep = new Rep { UserId = user.Id, DisplayName = "Giulia Ferraro" };
            db.Reps.Add(rep);
            var customer = new Customer { Company = "Trattoria Da Nino", CreatedAt = now };
            db.Customers.Add(customer);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Commitments.Add(CommitmentBook.New(customer.Id, null, rep.Id, "Call back about the pallets", now.AddHours(5), CommitmentSource.Manual, now.AddHours(-1)));
            db.Commitments.Add(CommitmentBook.New(customer.Id, null, rep.Id, "Send the corrected invoice", now.AddHours(-2), CommitmentSource.Manual, now.AddDays(-1)));
            db.Commitments.Add(CommitmentBook.New(customer.Id, null, rep.Id, "Quarterly review", now.AddDays(20), CommitmentSource.Manual, now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var (exit, output, _) = await CalmDeskProcess.RunAsync("commitments", "due", "--within", "24", "--data", data);
        var (week, weekOutput, _) = await CalmDeskProcess.RunAsync("commitments", "due", "--within", "-3", "--data", data);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exit);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Overdue", lines[0], StringComparison.Ordinal);
        Assert.Contains("Send the corrected invoice", lines[0], StringComparison.Ordinal);
        Assert.Contains("Call back about the pallets", lines[1], StringComparison.Ordinal);
        Assert.Equal(1, week);
        Assert.Equal("", weekOutput);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
