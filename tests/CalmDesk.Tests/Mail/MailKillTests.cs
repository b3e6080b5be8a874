using CalmDesk.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CalmDesk.Mail;

/// The real `calmdesk` program, set up from the command line, killed with SIGKILL in the middle of reading a mailbox.
public sealed class MailKillTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFetchKilledMidRun_ResumesAfterARestart_AndStoresEveryMessageExactlyOnce()
    {
        var mail = MailServers.Require();
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        var sales = mail.NewAddress("sales");
        var nino = mail.NewAddress("nino");
        var csv = Path.Combine(data, "customers.csv");
        await File.WriteAllTextAsync(csv, $"company,contact_name,contact_email\nTrattoria Da Nino,Nino Esposito,{nino}\n", Token);
        Assert.Equal(0, (await CalmDeskProcess.RunAsync("import", "customers", csv, "--data", data)).ExitCode);
        using (var add = CalmDeskProcess.Start(
            "mailboxes", "add", "--name", "Sales", "--address", sales, "--imap-host", mail.ImapHost, "--imap-port", $"{mail.ImapPort}", "--imap-security", "none",
            "--user", sales, "--smtp-host", mail.SmtpHost, "--smtp-port", $"{mail.SmtpPort}", "--smtp-security", "none", "--secret-stdin", "--data", data))
        {
            await add.StandardInput.WriteLineAsync(mail.Password.AsMemory(), Token);
            add.StandardInput.Close();
            await add.WaitForExitAsync(Token);
            Assert.True(add.ExitCode == 0, await add.StandardError.ReadToEndAsync(Token));
        }

        var test = await CalmDeskProcess.RunAsync("mailboxes", "test", "1", "--data", data);
        Assert.True(test.ExitCode == 0, test.Error);
        var list = await CalmDeskProcess.RunAsync("mailboxes", "list", "--data", data);
        Assert.Contains(sales, list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Password, list.Output, StringComparison.Ordinal);

        const int Count = 150;
        for (var i = 0; i < Count; i++)
        {
            await mail.AppendAsync(sales, MailServers.Raw(MailServers.Message(nino, sales, $"Ordine {i}", $"Confermo l'ordine numero {i}, consegna giovedì.")));
        }

        var database = Path.Combine(data, "calmdesk.db");
        var port = CalmDeskProcess.FreePort();
        string[] serve = ["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", "--no-demo"];
        int atKill;
        using (var server = CalmDeskProcess.Start(serve))
        {
            try
            {
                await CalmDeskProcess.WaitUntilListeningAsync(server);
                await Until(async () => (await CountAsync(database)).Rows > 0);
            }
            finally
            {
                server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
                await server.WaitForExitAsync(Token);
            }

            atKill = (await CountAsync(database)).Rows;
            TestContext.Current.TestOutputHelper?.WriteLine($"Killed with {atKill} of {Count} messages stored.");
        }

        using (var server = CalmDeskProcess.Start(serve))
        {
            try
            {
                await CalmDeskProcess.WaitUntilListeningAsync(server);
                await Until(async () => (await CountAsync(database)).Rows >= Count);
                await Task.Delay(TimeSpan.FromSeconds(2), Token);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(Token);
            }
        }

        var (rows, distinct) = await CountAsync(database);
        Assert.InRange(atKill, 1, Count - 1); // killed part-way, not after the end
        Assert.Equal((Count, Count), (rows, distinct));
    }

    private static async Task<(int Rows, int Distinct)> CountAsync(string database)
    {
        if (!File.Exists(database))
        {
            return (0, 0);
        }

        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT ExternalId) FROM Interactions WHERE Subject LIKE 'Ordine %'";
        try
        {
            await using var reader = await command.ExecuteReaderAsync(Token);
            await reader.ReadAsync(Token);
            return (reader.GetInt32(0), reader.GetInt32(1));
        }
        catch (SqliteException)
        {
            return (0, 0); // the schema is still being created
        }
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "Timed out waiting.");
            await Task.Delay(50, Token);
        }
    }
}
