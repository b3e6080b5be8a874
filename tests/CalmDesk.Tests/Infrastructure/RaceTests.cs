using System.Net;
using System.Text.Json;

namespace CalmDesk.Infrastructure;

/// The same decision sent many times at once, as two managers (or an impatient double click through a script) do,
/// against a real server on SQLite and on PostgreSQL: it happens once. One request wins; every other one is told the
/// record was already decided (400) or changed under it (409), never a 500, and nothing is written twice. A customer's
/// messages arriving at once decide nothing: every one of them is stored.
public sealed class RaceTests(Servers servers)
{
    private const int Racers = 10;

    [Theory]
    [AllDatabases]
    public async Task APromiseMarkedKeptTenTimesAtOnce_IsKeptOnce(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var customer = await CustomerAsync(rep);
        var promise = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/commitments",
            new { customerId = customer, what = "Send the corrected invoice", dueAt = TimeProvider.System.GetUtcNow().AddDays(1) }))).GetProperty("id").GetInt32();

        var answers = await RaceAsync(_ => Json.PostAsync(rep, $"/api/v1/commitments/{promise}/done", new { }));

        AssertOneWinner(answers);
        var kept = await Json.ReadAsync(await rep.GetAsync($"/api/v1/commitments/{promise}", TestContext.Current.CancellationToken));
        Assert.Equal("done", kept.GetProperty("status").GetString());
        Assert.Equal(1, kept.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("kind").GetString() == "done"));
    }

    [Theory]
    [AllDatabases]
    public async Task ACaseResolvedTenTimesAtOnce_GetsOneFollowUpPromise(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var customer = await CustomerAsync(rep);
        var caseId = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/cases", new { customerId = customer, title = "Wrong bottles delivered" }))).GetProperty("id").GetInt32();

        var answers = await RaceAsync(i => Json.PostAsync(rep, $"/api/v1/cases/{caseId}/resolve", new { resolution = $"Swapped the bottles ({i})", followUpDays = 7 }));

        AssertOneWinner(answers);
        var detail = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases/{caseId}", TestContext.Current.CancellationToken));
        Assert.Equal("resolved", detail.GetProperty("status").GetString());
        Assert.Single(detail.GetProperty("commitments").EnumerateArray());
    }

    [Theory]
    [AllDatabases]
    public async Task AHandOverApprovedAndDeclinedByManagersAtOnce_IsDecidedOnce(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var (_, colleague) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var (second, _) = await server.SignUpAsync("Manager");
        var customer = await CustomerAsync(rep);

        // The rep asks twice at once: one request waits for a decision.
        var asked = await RaceAsync(_ => Json.PostAsync(rep, $"/api/v1/customers/{customer}/handover", new { why = "We no longer get on." }));
        Assert.DoesNotContain(asked, a => a.StatusCode == HttpStatusCode.InternalServerError);
        var pending = (await Json.ReadAsync(await manager.GetAsync("/api/v1/handovers?pending=true", TestContext.Current.CancellationToken)))
            .EnumerateArray().Where(h => h.GetProperty("customerId").GetInt32() == customer).ToList();
        var handover = Assert.Single(pending).GetProperty("id").GetInt32();

        var answers = await RaceAsync(i => i % 2 == 0
            ? Json.PostAsync(i % 4 == 0 ? manager : second, $"/api/v1/handovers/{handover}/approve", new { toRepId = colleague })
            : Json.PostAsync(i % 4 == 1 ? manager : second, $"/api/v1/handovers/{handover}/decline", new { }));

        var winner = AssertOneWinner(answers);
        var decided = (await Json.ReadAsync(await manager.GetAsync("/api/v1/handovers", TestContext.Current.CancellationToken)))
            .EnumerateArray().Single(h => h.GetProperty("id").GetInt32() == handover);
        Assert.Equal(winner.GetProperty("status").GetString(), decided.GetProperty("status").GetString());
        var owner = (await Json.ReadAsync(await manager.GetAsync($"/api/v1/customers/{customer}", TestContext.Current.CancellationToken))).GetProperty("assignedRepId").GetInt32();
        Assert.Equal(decided.GetProperty("status").GetString() == "approved", owner == colleague);
    }

    [Theory]
    [AllDatabases]
    public async Task ALetGoApprovedAndItsLetterIssuedManyTimesAtOnce_HappenOnce(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var customer = await CustomerAsync(rep);
        var started = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customer}/offboarding", new { reason = "ethics", note = "Asked for invoices without VAT" }));
        var id = started.GetProperty("id").GetInt32();
        foreach (var item in new[] { "facts_verified", "rules_explained", "education_tried", "money_weighed" })
        {
            (await Json.PostAsync(rep, $"/api/v1/offboarding/{id}/checklist", new { item, note = "Done: " + item })).EnsureSuccessStatusCode();
        }

        AssertOneWinner(await RaceAsync(_ => Json.PostAsync(manager, $"/api/v1/offboarding/{id}/approve", new { note = "Agreed." })));
        AssertOneWinner(await RaceAsync(_ => Json.PostAsync(rep, $"/api/v1/offboarding/{id}/letter", new { })));

        var view = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers/{customer}/offboarding", TestContext.Current.CancellationToken));
        var events = view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("what").GetString()).ToList();
        Assert.Equal(1, events.Count(e => e == "approved"));
        Assert.Equal(1, events.Count(e => e == "letter_issued"));
        var timeline = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers/{customer}/interactions", TestContext.Current.CancellationToken));
        Assert.Single(Items(timeline), i => i.GetProperty("direction").GetString() == "outbound");
    }

    [Theory]
    [AllDatabases]
    public async Task TenMessagesOfOneCustomerAtOnce_AreAllStored_InTheOpenCase(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var customer = await CustomerAsync(rep);
        const string complaint = "You charged us twice for the March invoice. This is unacceptable, refund the double charge.";
        var first = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customer}/interactions",
            new { channel = "email", direction = "inbound", subject = "Invoice", body = complaint }));
        var openCase = first.GetProperty("caseId").GetInt32();

        // Every message joins the same open case, whose version only one save at a time can raise: none may be lost.
        var answers = await RaceAsync(i => Json.PostAsync(rep, $"/api/v1/customers/{customer}/interactions",
            new { channel = "email", direction = "inbound", subject = "Invoice", body = $"{complaint} (reminder {i + 1})" }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        foreach (var answer in answers)
        {
            Assert.Equal(openCase, (await Json.ReadAsync(answer)).GetProperty("caseId").GetInt32());
        }

        var timeline = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers/{customer}/interactions?pageSize=50", TestContext.Current.CancellationToken));
        Assert.Equal(Racers + 1, Items(timeline).Count());
        Assert.All(Items(timeline), i => Assert.Equal(openCase, i.GetProperty("caseId").GetInt32()));
        var cases = await Json.ReadAsync(await rep.GetAsync($"/api/v1/cases?customerId={customer}&active=false", TestContext.Current.CancellationToken));
        Assert.Equal(openCase, Assert.Single(Items(cases)).GetProperty("id").GetInt32());
    }

    private static async Task<int> CustomerAsync(HttpClient rep) =>
        (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Race " + Guid.NewGuid().ToString("N")[..8] }))).GetProperty("id").GetInt32();

    /// Starts every request before awaiting any, so they reach the server together.
    private static async Task<HttpResponseMessage[]> RaceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, Racers).Select(async i =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            return await send(i);
        }).ToList();
        start.Release(Racers);
        return await Task.WhenAll(tasks);
    }

    private static JsonElement AssertOneWinner(HttpResponseMessage[] answers)
    {
        var codes = answers.Select(a => (int)a.StatusCode).Order().ToList();
        Assert.True(codes.Count(c => c == 200) == 1 && codes.All(c => c is 200 or 400 or 409), "Answers: " + string.Join(", ", codes));
        return Json.ReadAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK)).GetAwaiter().GetResult();
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();
}
