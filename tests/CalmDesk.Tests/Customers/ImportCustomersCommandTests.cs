using System.Text;
using CalmDesk.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CalmDesk.Customers;

public sealed class ImportCustomersCommandTests
{
    [Fact]
    public async Task Import_KilledPartWayThenRunAgain_EndsWithEveryRowExactlyOnce()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "customers.csv");
        const int rows = 4000;
        var csv = new StringBuilder("external_id,company,language,currency,contact_name,contact_email\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append(Row(i));
        }

        await File.WriteAllTextAsync(file, csv.ToString(), TestContext.Current.CancellationToken);
        await CalmDeskProcess.RunAsync("db", "migrate", "--data", data);

        using (var import = CalmDeskProcess.Start("import", "customers", file, "--data", data))
        {
            // Kill it once it has stored some, but not all, rows.
            var stored = 0L;
            for (var attempt = 0; attempt < 600 && stored < 50; attempt++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
                stored = await CountAsync(data, "Customers");
            }

            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var afterKill = await CountAsync(data, "Customers");
        var second = await CalmDeskProcess.RunAsync("import", "customers", file, "--data", data);
        var third = await CalmDeskProcess.RunAsync("import", "customers", file, "--data", data);

        Assert.InRange(afterKill, 1, rows - 1);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"imported {rows - afterKill}", second.Output, StringComparison.Ordinal);
        Assert.Contains($"read {rows}, imported 0, skipped as duplicates {rows}, rejected 0", third.Output, StringComparison.Ordinal);
        Assert.Equal(rows, await CountAsync(data, "Customers"));
        Assert.Equal(rows, await CountAsync(data, "Contacts"));
    }

    [Fact]
    public async Task Import_BadRows_ExitsWithThreeAndListsEachRejectedLine()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "customers.csv");
        await File.WriteAllTextAsync(file, "company,currency\nGood Ltd,GBP\n,EUR\nBad Currency Ltd,XYZ\n", TestContext.Current.CancellationToken);

        var result = await CalmDeskProcess.RunAsync("import", "customers", file, "--data", data);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("read 3, imported 1, skipped as duplicates 0, rejected 2", result.Output, StringComparison.Ordinal);
        Assert.Contains("rejected line 3:", result.Output, StringComparison.Ordinal);
        Assert.Contains("rejected line 4:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_IsAReadableError()
    {
        var result = await CalmDeskProcess.RunAsync("import", "customers", "/nonexistent/customers.csv", "--data", CalmDeskProcess.NewDataDirectory());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    private static string Row(int i) =>
        (i % 3) switch
        {
            0 => $"K-{i},Ταβέρνα {i},el,EUR,Γιώργος {i},g{i}@example.gr\n",
            1 => $"K-{i},Trattoria {i},it,EUR,Nino {i},n{i}@example.it\n",
            _ => $"K-{i},\"Harbour, Lane {i}\",en,GBP,Oliver {i},o{i}@example.co.uk\n",
        };

    private static async Task<long> CountAsync(string data, string table)
    {
        var path = Path.Combine(data, "calmdesk.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        try
        {
            return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
        catch (SqliteException)
        {
            return 0; // The schema is not there yet.
        }
    }
}
