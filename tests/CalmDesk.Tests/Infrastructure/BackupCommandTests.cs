using Microsoft.Data.Sqlite;

namespace CalmDesk.Infrastructure;

/// A backup taken while the demo is being served and written to, restored into a fresh data folder, reads back
/// everything: every table's rows, the keys and the attachments' files; restoring over a database needs --force.
public sealed class BackupCommandTests
{
    [Fact]
    public async Task ABackupTakenWhileServing_RestoresIntoAFreshFolder_WithEverything()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        var backup = CalmDeskProcess.NewDataDirectory();
        var fresh = CalmDeskProcess.NewDataDirectory();
        var port = CalmDeskProcess.FreePort();
        using (var server = CalmDeskProcess.Start("serve", "--data", data, "--urls", $"http://127.0.0.1:{port}"))
        {
            try
            {
                await CalmDeskProcess.WaitUntilListeningAsync(server);
                // New customers keep arriving through the API while the backup runs.
                var (_, tokenOutput, _) = await CalmDeskProcess.RunAsync("users", "token", "admin@demo.calmdesk.app", "--data", data);
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokenOutput.Trim().Split('\n')[^1].Trim());
                using var stop = new CancellationTokenSource();
                var written = 0;
                var writer = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        using var created = await Json.PostAsync(client, "/api/v1/customers", new { company = "Written during the backup " + written });
                        created.EnsureSuccessStatusCode();
                        written++;
                    }
                }, CancellationToken.None);

                var (code, output, error) = await CalmDeskProcess.RunAsync("backup", backup, "--data", data);
                await stop.CancelAsync();
                await writer;
                Assert.True(code == 0, output + error);
                Assert.True(written > 0, "No write reached the server during the backup.");
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }

        var (restored, restoreOutput, restoreError) = await CalmDeskProcess.RunAsync("restore", backup, "--data", fresh);
        Assert.True(restored == 0, restoreOutput + restoreError);

        Assert.Equal(await CountsAsync(Path.Combine(backup, "calmdesk.db")), await CountsAsync(Path.Combine(fresh, "calmdesk.db")));
        var counts = await CountsAsync(Path.Combine(fresh, "calmdesk.db"));
        Assert.True(counts["Customers"] >= 30 && counts["Interactions"] > 100, string.Join(", ", counts));
        Assert.True(counts["DataProtectionKeys"] >= 1, "The keys that open the stored secrets are not in the backup.");
        Assert.Equal(Files(Path.Combine(data, "keys")), Files(Path.Combine(fresh, "keys")));
        Assert.Equal(Files(Path.Combine(data, "attachments")), Files(Path.Combine(fresh, "attachments")));
        var (listed, users, _) = await CalmDeskProcess.RunAsync("users", "list", "--json", "--data", fresh);
        Assert.Equal(0, listed);
        Assert.Contains("admin@demo.calmdesk.app", users, StringComparison.Ordinal);

        var (again, _, refusal) = await CalmDeskProcess.RunAsync("restore", backup, "--data", fresh);
        Assert.Equal(2, again);
        Assert.Contains("--force", refusal, StringComparison.Ordinal);
    }

    private static async Task<SortedDictionary<string, long>> CountsAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        List<string> tables = [];
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        return counts;
    }

    private static List<string> Files(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f) + ":" + new FileInfo(f).Length).Order(StringComparer.Ordinal)]
            : [];
}
