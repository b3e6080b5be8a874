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
        var (mail, data, sales, nino) = await SetUpAsync();

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

    [Fact]
    public async Task ASenderKilledMidRun_LosesNothing_AndSendsNothingTwice()
    {
        var (mail, data, sales, nino) = await SetUpAsync();
        Assert.Equal(0, (await CalmDeskProcess.RunAsync("users", "add", "helen@ourco.example", "--name", "Helen", "--role", "Manager", "--data", data)).ExitCode);
        var token = (await CalmDeskProcess.RunAsync("users", "token", "helen@ourco.example", "--data", data)).Output.TrimEnd().Split('\n')[^1];

        var database = Path.Combine(data, "calmdesk.db");
        var port = CalmDeskProcess.FreePort();
        // A claim left by the killed instance is taken over after 3 seconds instead of 5 minutes.
        string[] serve = ["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", "--no-demo", "--Mail:ClaimSeconds=3", "--Mail:PollSeconds=600"];
        const int Replies = 80;
        int sentAtKill;
        using (var server = CalmDeskProcess.Start(serve))
        {
            try
            {
                await CalmDeskProcess.WaitUntilListeningAsync(server);
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                // Queued ten at a time, faster than the outbox (every five seconds, fifty a pass) can send them all.
                foreach (var batch in Enumerable.Range(0, Replies).Chunk(10))
                {
                    var posted = await Task.WhenAll(batch.Select(i => client.PostAsync("/api/v1/customers/1/replies", System.Net.Http.Json.JsonContent.Create(
                        new { subject = $"Conferma {i}", body = $"Gentile Nino, confermiamo la consegna numero {i} per giovedì." }), Token)));
                    Assert.All(posted, reply => Assert.Equal(System.Net.HttpStatusCode.Created, reply.StatusCode));
                }

                // The kill lands while a pass is sending: right after the first message of it is recorded.
                var before = (await OutboxAsync(database)).Sent;
                await Until(async () => (await OutboxAsync(database)).Sent > before);
            }
            finally
            {
                server.Kill(entireProcessTree: true); // SIGKILL in the middle of a pass
                await server.WaitForExitAsync(Token);
            }

            sentAtKill = (await OutboxAsync(database)).Sent;
            // The server files a taken message for both recipients on its own time: let the copies catch up with what
            // the customer has before the restart looks for them (as minutes would pass in life, not seconds).
            await CopiesSettledAsync(mail, sales, nino);
            TestContext.Current.TestOutputHelper?.WriteLine($"Killed with {sentAtKill} of {Replies} replies sent.");
        }

        using (var server = CalmDeskProcess.Start(serve))
        {
            try
            {
                await CalmDeskProcess.WaitUntilListeningAsync(server);
                await Until(async () => (await OutboxAsync(database)).Sent == Replies, () => UnsentAsync(database));
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(Token);
            }
        }

        var received = await mail.WaitForAsync(nino, Replies);
        await Task.Delay(TimeSpan.FromSeconds(2), Token); // a duplicate still on its way through Postfix
        received = await mail.WaitForAsync(nino, Replies);
        var distinct = received.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count();
        Assert.InRange(sentAtKill, 1, Replies - 1); // killed part-way
        Assert.Equal(Replies, distinct); // nothing lost
        // Nothing twice: the message in flight at the kill, if the server had taken it, is found by its copy in the
        // mailbox (sent on the same envelope) and recorded, not sent again.
        Assert.Equal(Replies, received.Count);
        Assert.Equal(Replies, received.Select(m => m.Subject).Distinct(StringComparer.Ordinal).Count());
    }

    /// Waits (half a minute at most) until the team mailbox holds a copy of every message the customer received.
    private static async Task CopiesSettledAsync(MailServers mail, string sales, string nino)
    {
        for (var i = 0; i < 60; i++)
        {
            var delivered = (await mail.WaitForAsync(nino, 0)).Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            var copies = (await mail.WaitForAsync(sales, 0)).Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            if (delivered.IsSubsetOf(copies))
            {
                return;
            }

            await Task.Delay(500, Token);
        }
    }

    /// A data folder with one customer (Nino, whose address is a real test mailbox) and the team's mailbox connected,
    /// both set up from the command line, as an administrator would.
    private static async Task<(MailServers Mail, string Data, string Sales, string Nino)> SetUpAsync()
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
        return (mail, data, sales, nino);
    }

    /// What is still unsent and why, for the message of a timeout.
    private static async Task<string> UnsentAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Status, Attempts, NextAttemptAt, ClaimedUntil, LastError FROM Outbox WHERE Status <> 'Sent' LIMIT 5";
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString())));
        }

        return string.Join("\n", rows);
    }

    private static async Task<(int Queued, int Sent)> OutboxAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FILTER (WHERE Status = 'Queued'), COUNT(*) FILTER (WHERE Status = 'Sent') FROM Outbox";
        await using var reader = await command.ExecuteReaderAsync(Token);
        await reader.ReadAsync(Token);
        return (reader.GetInt32(0), reader.GetInt32(1));
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

    private static async Task Until(Func<Task<bool>> condition, Func<Task<string>>? explain = null)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "Timed out waiting." + (explain is null || TimeProvider.System.GetUtcNow() < until ? "" : "\n" + await explain()));
            await Task.Delay(50, Token);
        }
    }
}
