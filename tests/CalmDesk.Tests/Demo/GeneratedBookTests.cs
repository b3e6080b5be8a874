using System.Net.Http.Json;
using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Health;
using CalmDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Demo;

/// A generated book (`calmdesk demo generate`) on both databases: it looks like a real one (skewed activity, three
/// languages, money, cases, incidents), and the stored account health read from it agrees with health worked out from
/// the records, before and after a rep changes them.
public sealed class GeneratedBookTests
{
    private const int Customers = 1_200;
    private const int Interactions = 12_000;

    [Theory]
    [AllDatabases]
    public async Task StoredHealth_AgreesWithAFullRecompute_AndFollowsANewOverdueInvoice(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (manager, _) = await server.SignUpAsync("Manager");
        await server.SignUpAsync("Rep");
        await server.SignUpAsync("Rep");
        var cancel = TestContext.Current.CancellationToken;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var book = await scope.ServiceProvider.GetRequiredService<BookGenerator>().GenerateAsync(new BookSize(Customers, Interactions, Seed: 7), cancellationToken: cancel);
            Assert.Equal((Customers, (long)Interactions), (book.Customers, book.Interactions));
            Assert.True(book.Invoices > Customers && book.Payments > 0 && book.Cases > 0 && book.Incidents > 0, book.ToString());

            var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
            var perCustomer = await db.Interactions.GroupBy(i => i.CustomerId).Select(g => g.Count()).ToListAsync(cancel);
            perCustomer.Sort();
            Assert.True(perCustomer[^1] >= 20 * perCustomer[perCustomer.Count / 2], $"most {perCustomer[^1]}, median {perCustomer[perCustomer.Count / 2]}");
            Assert.Equal(["el", "en", "it"], await db.Customers.Select(c => c.PreferredLanguage).Distinct().OrderBy(l => l).ToListAsync(cancel));
        }

        // Too many scores wait for a read to work them out: the background refresh does it (here, the test at once).
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var health = scope.ServiceProvider.GetRequiredService<HealthBook>();
            await health.RefreshAsync(Viewer.System, int.MaxValue, cancellationToken: cancel);

            // The dashboard's charts: every currency drawn, at most 100 accounts each here, no account twice.
            var summary = await health.SummaryAsync(Viewer.System, pointsPerCurrency: 100, cancellationToken: cancel);
            Assert.Equal(["EUR", "GBP", "USD"], summary.Charts.Select(c => c.Currency).Order());
            Assert.All(summary.Charts, c => Assert.Equal(Math.Min(c.Count, 100), c.Points.Select(p => p.Facts.CustomerId).Distinct().Count()));
            Assert.Equal(summary.Total, summary.Charts.Sum(c => c.Count));
        }

        var stored = await AllStoredAsync(manager);
        Assert.True(stored.Count > Customers * 8 / 10, $"{stored.Count} stored");
        foreach (var (id, report) in stored.Where(s => s.Key % 9 == 0))
        {
            Assert.Equal(await LiveAsync(server, id), Summary(report));
            Assert.Equal(Summary(report), await ShownAsync(manager, id));
        }

        // A rep records an invoice two months overdue: the next read works the score out again, from the records.
        var customer = stored.Keys.First(id => stored[id].GetProperty("facts").GetProperty("overdue").GetDecimal() == 0);
        var issued = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-100);
        (await Json.PostAsync(manager, "/api/v1/receivables/invoices", new { customerId = customer, number = "LATE-1", issuedOn = issued, dueOn = issued.AddDays(30), amount = 4_000m }))
            .EnsureSuccessStatusCode();
        var after = await AllStoredAsync(manager);
        Assert.NotEqual(Summary(stored[customer]), Summary(after[customer]));
        Assert.Equal(await LiveAsync(server, customer), Summary(after[customer]));
        Assert.Equal(Summary(after[customer]), await ShownAsync(manager, customer));
        Assert.Equal(4_000m, after[customer].GetProperty("facts").GetProperty("overdue").GetDecimal());
    }

    [Theory]
    [AllDatabases]
    public async Task TheStoredInbox_AgreesWithTheMessages_AndFollowsANewMessage_AReply_AndACorrectedMood(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (manager, _) = await server.SignUpAsync("Manager");
        var cancel = TestContext.Current.CancellationToken;
        await GenerateAsync(server, seed: 11);

        // Every customer is new to the read model: more than a read works out, so it answers from the messages until the
        // background refresh (here, the test) has stored them all.
        var before = await TeamInboxAsync(manager);
        await RefreshAllAsync(server);

        var stored = await TeamInboxAsync(manager);
        Assert.True(stored.Count > 50, $"{stored.Count} waiting");
        Assert.Equal(stored.Count, await StoredConversationsAsync(server));
        Assert.Equal(before, stored);
        Assert.Equal(await LiveInboxAsync(server), stored);
        // A page far past the end is an empty page, not an error, in every paged list.
        var beyond = await Json.ReadAsync(await manager.GetAsync($"/api/v1/inbox?page={int.MaxValue}&pageSize=200", cancel));
        Assert.Equal((0, stored.Count), (beyond.GetProperty("items").GetArrayLength(), beyond.GetProperty("total").GetInt32()));
        foreach (var list in new[] { "/api/v1/cases", "/api/v1/customers", $"/api/v1/customers/{stored[0].CustomerId}/interactions" })
        {
            var far = await manager.GetAsync($"{list}?page={int.MaxValue}&pageSize=200", cancel);
            Assert.True(far.IsSuccessStatusCode, $"{list}: {(int)far.StatusCode}");
            Assert.Equal(0, (await Json.ReadAsync(far)).GetProperty("items").GetArrayLength());
        }

        var health = await Json.ReadAsync(await manager.GetAsync($"/api/v1/health?page={int.MaxValue}&pageSize=200", cancel));
        Assert.Equal(0, health.GetProperty("page").GetProperty("items").GetArrayLength());

        // A message from a customer who waits for nothing shows at once; our reply to a waiting conversation outside a case
        // takes it off; a mood corrected by hand shows on the conversation.
        var waitingCustomers = stored.Select(c => c.CustomerId).ToHashSet();
        var quiet = await WithServicesAsync(server, db => db.Customers.Select(c => c.Id).Where(id => !waitingCustomers.Contains(id)).OrderBy(id => id).FirstAsync(cancel));
        var message = (await Json.ReadAsync(await Json.PostAsync(manager, $"/api/v1/customers/{quiet}/interactions", new
        {
            channel = "email", direction = "inbound", subject = "Order 4471", body = "Could you tell me when the second pallet leaves your warehouse?",
        }))).GetProperty("id").GetInt64();
        var answered = stored.First(c => c.CaseId is null && c.CustomerId != quiet);
        (await Json.PostAsync(manager, $"/api/v1/customers/{answered.CustomerId}/interactions", new
        {
            channel = "email", direction = "outbound", subject = "Re: your order", body = "Thank you, we are on it and will write again tomorrow.",
        })).EnsureSuccessStatusCode();
        (await manager.PutAsJsonAsync($"/api/v1/customers/{quiet}/interactions/{message}/anger", new { level = "furious" }, cancel)).EnsureSuccessStatusCode();

        var after = await TeamInboxAsync(manager);
        var added = Assert.Single(after, c => c.CustomerId == quiet);
        Assert.Equal((1, "furious"), (added.Messages, added.Mood));
        Assert.DoesNotContain(after, c => c.CustomerId == answered.CustomerId && c.CaseId is null);
        Assert.Equal(stored.Count, after.Count);
        Assert.Equal(await LiveInboxAsync(server), after);
    }

    [Theory]
    [AllDatabases]
    public async Task TheStoredCaseFigures_AgreeWithTheMessages_AndFollowANote_AndAMerge(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (manager, _) = await server.SignUpAsync("Manager");
        var cancel = TestContext.Current.CancellationToken;
        await GenerateAsync(server, seed: 5);

        // Before the refresh the list works the figures out from the messages; after it, it reads the stored ones.
        var before = await CaseListAsync(manager);
        await RefreshAllAsync(server);

        var stored = await CaseListAsync(manager);
        Assert.True(stored.Count > 100, $"{stored.Count} cases");
        Assert.Contains(stored, c => c.Abusive);
        Assert.Equal(stored.Count, await WithServicesAsync(server, db => db.CaseFigures.CountAsync(cancel)));
        Assert.Equal(before, stored);
        Assert.Equal(await LiveCaseFiguresAsync(server), stored.OrderBy(c => c.Id));

        // A furious note on a calm case shows at once, and a merge moves the figures of one case into the other.
        var calm = stored.Where(c => c.Messages > 0).MinBy(c => c.Peak)!;
        (await Json.PostAsync(manager, $"/api/v1/cases/{calm.Id}/notes", new
        {
            body = "He shouted down the phone that we are useless liars, that he is furious and will take us to court this week.", channel = "call",
        })).EnsureSuccessStatusCode();
        var pair = stored.Where(c => c.Id != calm.Id).GroupBy(c => c.CustomerId).First(g => g.Count() >= 2).Take(2).ToList();
        (await Json.PostAsync(manager, $"/api/v1/cases/{pair[0].Id}/merge", new { sourceCaseId = pair[1].Id })).EnsureSuccessStatusCode();

        var after = await CaseListAsync(manager);
        Assert.Equal(await LiveCaseFiguresAsync(server), after.OrderBy(c => c.Id));
        var noted = Assert.Single(after, c => c.Id == calm.Id);
        Assert.Equal(calm.Messages + 1, noted.Messages);
        Assert.True(noted.Peak > calm.Peak, $"{noted.Peak} after {calm.Peak}");
        Assert.Equal(pair[0].Messages + pair[1].Messages, Assert.Single(after, c => c.Id == pair[0].Id).Messages);
        Assert.DoesNotContain(after, c => c.Id == pair[1].Id);
        Assert.Equal(stored.Count - 1, after.Count);
    }

    [Theory]
    [AllDatabases]
    public async Task TheStoredCustomerFigures_AgreeWithTheMessages_AndFollowAnAbusiveMessage(string provider)
    {
        await using var server = await CalmDeskServer.StartAsync(provider);
        var (manager, _) = await server.SignUpAsync("Manager");
        await GenerateAsync(server, seed: 9);

        // Before the refresh the list works the figures out from the messages; after it, it reads the stored ones. Both
        // equal what this test works out from the messages by itself.
        var before = await CustomerListAsync(manager);
        await RefreshAllAsync(server);
        var stored = await CustomerListAsync(manager);
        Assert.Equal(Customers, stored.Count);
        Assert.Equal(Customers, await WithServicesAsync(server, db => db.CustomerFigures.CountAsync(TestContext.Current.CancellationToken)));
        var expected = await ExpectedCustomerLinesAsync(server);
        AssertSameLines(expected, before);
        AssertSameLines(expected, stored);
        Assert.Contains(stored, c => c.Mood is { Abusive: true });
        Assert.Contains(stored, c => c.Mood is { Trend: > 0 });

        // Sorted by messages, the busiest customer comes first, from the stored rows.
        var busiest = await Json.ReadAsync(await manager.GetAsync("/api/v1/customers?sort=-interactions&pageSize=1", TestContext.Current.CancellationToken));
        Assert.Equal(expected.Max(e => e.Messages), busiest.GetProperty("items")[0].GetProperty("interactions").GetInt32());

        // Three abusive e-mails from the calmest customer show at once: three more messages, the new last contact, the new
        // mood, and a rising trend (the three newest are the furious ones; the calm message that was the latest is now
        // among the older ones it is measured against, whatever came before it).
        var calm = stored.Where(c => c.Mood is not null).MinBy(c => c.Mood!.Anger)!;
        foreach (var body in new[]
        {
            "You are useless idiots and liars. I am furious, this is the third wrong delivery and I will see you in court.",
            "Still nothing from you clowns?! I am absolutely furious. My lawyer has the file.",
            "ANSWER ME, you incompetent crooks. This is a disgrace and I am done being polite.",
        })
        {
            (await Json.PostAsync(manager, $"/api/v1/customers/{calm.Id}/interactions", new { channel = "email", direction = "inbound", subject = "Again", body }))
                .EnsureSuccessStatusCode();
        }

        var after = await CustomerListAsync(manager);
        AssertSameLines(await ExpectedCustomerLinesAsync(server), after);
        var changed = Assert.Single(after, c => c.Id == calm.Id);
        Assert.Equal(calm.Messages + 3, changed.Messages);
        Assert.True(changed.LastContact > calm.LastContact, $"{changed.LastContact} after {calm.LastContact}");
        Assert.True(changed.Mood!.Abusive && changed.Mood.Anger > calm.Mood!.Anger, changed.Mood.ToString());
        Assert.True(changed.Mood.Trend > 0, changed.Mood.ToString());
    }

    /// One line of the customers list as compared here: who, the last contact, how many messages, the mood.
    private sealed record CustomerLine(int Id, DateTimeOffset? LastContact, int Messages, MoodLine? Mood);

    private sealed record MoodLine(double Anger, string Level, bool Abusive, double? Trend);

    private static Task<List<CustomerLine>> CustomerListAsync(HttpClient manager) =>
        EveryPageAsync(manager, "/api/v1/customers?", i => new CustomerLine(
            i.GetProperty("id").GetInt32(),
            i.GetProperty("lastInteractionAt").ValueKind == JsonValueKind.Null ? null : i.GetProperty("lastInteractionAt").GetDateTimeOffset(),
            i.GetProperty("interactions").GetInt32(),
            i.GetProperty("mood") is { ValueKind: JsonValueKind.Object } m
                ? new MoodLine(m.GetProperty("latestAnger").GetDouble(), m.GetProperty("latestLevel").GetString()!, m.GetProperty("latestAbusive").GetBoolean(),
                    m.GetProperty("trend").ValueKind == JsonValueKind.Null ? null : m.GetProperty("trend").GetDouble())
                : null));

    /// Every item of a paged list of the API, read 200 at a time.
    private static async Task<List<T>> EveryPageAsync<T>(HttpClient client, string query, Func<JsonElement, T> read)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var answer = await Json.ReadAsync(await client.GetAsync($"{query}page={page}&pageSize=200", TestContext.Current.CancellationToken));
            var items = answer.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items.Select(read));
            if (all.Count >= answer.GetProperty("total").GetInt32() || items.Count == 0)
            {
                return all;
            }
        }
    }

    /// Every customer's line worked out here from all their messages: the count, the newest, and the mood of the last six
    /// analysed inbound ones (the newest's anger; the trend, the newer half's mean minus the older's, at most three each).
    private static Task<List<CustomerLine>> ExpectedCustomerLinesAsync(CalmDeskServer server) =>
        WithServicesAsync(server, async db =>
        {
            var cancel = TestContext.Current.CancellationToken;
            var ids = await db.Customers.Select(c => c.Id).ToListAsync(cancel);
            var messages = (await db.Interactions.AsNoTracking().Select(i => new
            {
                i.CustomerId, i.Id, i.OccurredAt, i.Direction,
                Anger = i.Analysis == null ? (double?)null : i.Analysis.AngerScore,
                Level = i.Analysis == null ? (CalmDesk.Analysis.AngerLevel?)null : i.Analysis.AngerLevel,
                Abuse = i.Analysis == null ? (double?)null : i.Analysis.AbuseScore,
            }).ToListAsync(cancel)).ToLookup(m => m.CustomerId);
            return ids.Select(id =>
            {
                var mine = messages[id].ToList();
                var last = mine.Where(m => m.Direction == CalmDesk.Interactions.Direction.Inbound && m.Anger is not null)
                    .OrderByDescending(m => m.OccurredAt).ThenByDescending(m => m.Id).Take(6).ToList();
                MoodLine? mood = null;
                if (last.Count > 0)
                {
                    var half = Math.Min(3, last.Count / 2);
                    double? trend = last.Count < 2 ? null
                        : Math.Round(last.Take(half).Average(m => m.Anger!.Value) - last.Skip(half).Average(m => m.Anger!.Value), 2);
                    mood = new MoodLine(last[0].Anger!.Value, last[0].Level!.Value.ToString().ToLowerInvariant(), last[0].Abuse >= 0.5, trend);
                }

                return new CustomerLine(id, mine.Count == 0 ? null : mine.Max(m => m.OccurredAt), mine.Count, mood);
            }).ToList();
        });

    private static void AssertSameLines(List<CustomerLine> expected, List<CustomerLine> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var byId = actual.ToDictionary(a => a.Id);
        foreach (var line in expected)
        {
            var seen = byId[line.Id];
            Assert.True(
                line.Messages == seen.Messages && line.LastContact == seen.LastContact && (line.Mood is null) == (seen.Mood is null)
                && (line.Mood is null || (Math.Abs(line.Mood.Anger - seen.Mood!.Anger) < 1e-9 && line.Mood.Level == seen.Mood.Level
                    && line.Mood.Abusive == seen.Mood.Abusive && (line.Mood.Trend is null) == (seen.Mood.Trend is null)
                    && Math.Abs((line.Mood.Trend ?? 0) - (seen.Mood.Trend ?? 0)) < 0.0101)),
                $"customer {line.Id}: expected {line}, listed {seen}");
        }
    }

    /// A generated book of this test class's size in the server's database.
    private static async Task GenerateAsync(CalmDeskServer server, int seed)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BookGenerator>().GenerateAsync(new BookSize(Customers, Interactions, Seed: seed), cancellationToken: TestContext.Current.CancellationToken);
    }

    /// What the background refresh does over time, done at once: every customer's stored rows worked out.
    private static async Task RefreshAllAsync(CalmDeskServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HealthBook>().RefreshAsync(Viewer.System, int.MaxValue, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// One line of the cases list as compared here: the case, whose, and its figures.
    private sealed record CaseLine(int Id, int CustomerId, double Peak, bool Abusive, int Messages);

    private static Task<List<CaseLine>> CaseListAsync(HttpClient manager) =>
        EveryPageAsync(manager, "/api/v1/cases?active=false&", i => new CaseLine(
            i.GetProperty("id").GetInt32(), i.GetProperty("customerId").GetInt32(), i.GetProperty("peakAnger").GetDouble(),
            i.GetProperty("abusive").GetBoolean(), i.GetProperty("interactions").GetInt32()));

    /// Every case's figures worked out from its messages, by id.
    private static Task<List<CaseLine>> LiveCaseFiguresAsync(CalmDeskServer server) =>
        WithServicesAsync(server, async db => (await Cases.CaseFigure.WorkOut(db.Cases.Where(c => c.MergedIntoId == null)).ToListAsync(TestContext.Current.CancellationToken))
            .Select(f => new CaseLine(f.CaseId, f.CustomerId, f.PeakAnger, f.Abusive, f.Interactions)).OrderBy(c => c.Id).ToList());

    /// One line of the inbox as compared here: whose, which case, since when, how many messages, the mood, never answered.
    private sealed record Waiting(int CustomerId, int? CaseId, DateTimeOffset Since, int Messages, string? Mood, bool First);

    private static Task<List<Waiting>> TeamInboxAsync(HttpClient manager) =>
        EveryPageAsync(manager, "/api/v1/inbox?", i => new Waiting(
            i.GetProperty("customerId").GetInt32(), i.GetProperty("caseId").ValueKind == JsonValueKind.Null ? null : i.GetProperty("caseId").GetInt32(),
            i.GetProperty("waitingSince").GetDateTimeOffset(), i.GetProperty("messages").GetInt32(),
            i.GetProperty("mood").ValueKind == JsonValueKind.Null ? null : i.GetProperty("mood").GetString(), i.GetProperty("first").GetBoolean()));

    /// The waiting conversations worked out from the messages themselves, in the inbox's order.
    private static Task<List<Waiting>> LiveInboxAsync(CalmDeskServer server) =>
        WithServicesAsync(server, async db => (await Mail.InboxBook.WorkOutAsync(db, db.Customers, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken))
            .Select(w => new Waiting(w.CustomerId, w.CaseId, w.WaitingSince, w.Messages, w.Mood?.ToString().ToLowerInvariant(), w.LastOutAt is null)).ToList());

    private static Task<int> StoredConversationsAsync(CalmDeskServer server) =>
        WithServicesAsync(server, db => db.WaitingConversations.CountAsync(TestContext.Current.CancellationToken));

    private static async Task<T> WithServicesAsync<T>(CalmDeskServer server, Func<CalmDeskDbContext, Task<T>> read)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>());
    }

    [Fact]
    public async Task TheCommands_FillAFreshDatabase_RefuseANonsenseSize_AndRepairSpoiledScores()
    {
        var data = Path.Combine(Path.GetTempPath(), "calmdesk-generate-" + Guid.NewGuid().ToString("N"));
        var (exit, output, error) = await CalmDeskProcess.RunAsync("demo", "generate", "--customers", "40", "--interactions", "400", "--data", data);
        var (refused, _, complaint) = await CalmDeskProcess.RunAsync("demo", "generate", "--customers", "0", "--interactions", "10", "--data", data);

        Assert.True(exit == 0, error);
        Assert.Contains("Demo portfolio created", output, StringComparison.Ordinal);
        Assert.Contains("Added 40 customers, 400 interactions", output, StringComparison.Ordinal);
        Assert.Equal(1, refused);
        Assert.Contains("--customers must be between 1 and", complaint, StringComparison.Ordinal);

        // Stored scores spoiled by hand are worked out again by the repair command.
        var (first, _, _) = await CalmDeskProcess.RunAsync("health", "recompute", "--data", data);
        Assert.Equal(0, first);
        await using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "calmdesk.db")};Pooling=false"))
        {
            await sqlite.OpenAsync(TestContext.Current.CancellationToken);
            await using var spoil = sqlite.CreateCommand();
            spoil.CommandText = "UPDATE \"HealthScores\" SET \"Score\" = -7";
            Assert.Equal(76, await spoil.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var (repaired, said, _) = await CalmDeskProcess.RunAsync("health", "recompute", "--data", data);
        Assert.Equal(0, repaired);
        Assert.Contains("Worked out the health and balances of 76 customers", said, StringComparison.Ordinal);
        await using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "calmdesk.db")};Pooling=false"))
        {
            await sqlite.OpenAsync(TestContext.Current.CancellationToken);
            await using var check = sqlite.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM \"HealthScores\" WHERE \"Score\" < 0";
            Assert.Equal(0L, await check.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
    }

    private static async Task<Dictionary<int, JsonElement>> AllStoredAsync(HttpClient manager)
    {
        var all = new Dictionary<int, JsonElement>();
        for (var page = 1; ; page++)
        {
            var answer = await Json.ReadAsync(await manager.GetAsync($"/api/v1/health?page={page}&pageSize=200", TestContext.Current.CancellationToken));
            var items = answer.GetProperty("page").GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                all[item.GetProperty("facts").GetProperty("customerId").GetInt32()] = item;
            }

            if (!answer.GetProperty("page").GetProperty("hasNext").GetBoolean())
            {
                return all;
            }
        }
    }

    /// A customer's health worked out from their records, not read from the stored score.
    private static async Task<string> LiveAsync(CalmDeskServer server, int customer)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var report = (await scope.ServiceProvider.GetRequiredService<HealthBook>().WorkOutAsync(Viewer.System, customer, TestContext.Current.CancellationToken))!;
        return string.Join(' ', report.Score, report.Net, report.Trend?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            string.Join(',', report.Penalties.Select(p => p.Key + p.Points.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// The same customer's health as their page and the API read it.
    private static async Task<string> ShownAsync(HttpClient manager, int customer) =>
        Summary((await Json.ReadAsync(await manager.GetAsync($"/api/v1/customers/{customer}/health", TestContext.Current.CancellationToken))).GetProperty("report"));

    private static string Summary(JsonElement report) =>
        string.Join(' ', report.GetProperty("score").GetInt32(), report.GetProperty("net").GetDecimal(), report.GetProperty("trend").ToString(),
            string.Join(',', report.GetProperty("penalties").EnumerateArray().Select(p => p.GetProperty("key").GetString() + p.GetProperty("points").GetInt32())));
}
