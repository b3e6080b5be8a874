using System.Net;
using System.Text;
using CalmDesk.Infrastructure;

namespace CalmDesk.Receivables;

public sealed class ReceivablesApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task CsvImport_IsIdempotent_RejectsBadRowsAlone_AndARepSeesOnlyTheirCustomersMoney(string provider)
    {
        var server = await servers.GetAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        var (rep, repId) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = await Json.ReadAsync(await Json.PostAsync(manager, "/api/v1/customers", new { company = "Enoteca " + key, externalId = "ext-" + key, currency = "EUR", assignedRepId = repId }));
        var customerId = customer.GetProperty("id").GetInt32();
        var invoices = $"""
            customer,number,issued_on,due_on,amount,kind
            ext-{key},I-1,2026-01-05,2026-02-04,1200.00,invoice
            ext-{key},I-2,2026-13-01,2026-02-04,50.00,invoice
            ext-{key},I-3,2026-02-01,2026-03-03,-5,invoice
            nobody-{key},I-4,2026-02-01,2026-03-03,10.00,invoice
            ext-{key},CN-1,2026-01-20,2026-01-20,200.00,credit note
            """;
        var payments = $"""
            customer;reference;invoice;received_on;amount
            ext-{key};BANK-1;I-1;2026-02-10;300.00
            ext-{key};BANK-2;I-404;2026-02-10;10.00
            """;

        var first = await Json.ReadAsync(await manager.PostAsync("/api/v1/receivables/invoices/import", new StringContent(invoices, Encoding.UTF8, "text/csv"), cancel));
        var second = await Json.ReadAsync(await manager.PostAsync("/api/v1/receivables/invoices/import", new StringContent(invoices, Encoding.UTF8, "text/csv"), cancel));
        var paid = await Json.ReadAsync(await manager.PostAsync("/api/v1/receivables/payments/import", new StringContent(payments, Encoding.UTF8, "text/csv"), cancel));
        var byRep = await rep.PostAsync("/api/v1/receivables/invoices/import", new StringContent(invoices, Encoding.UTF8, "text/csv"), cancel);
        var account = await Json.ReadAsync(await rep.GetAsync($"/api/v1/receivables/customers/{customerId}?asOf=2026-03-01", cancel));
        var othersView = await other.GetAsync($"/api/v1/receivables/customers/{customerId}", cancel);
        var othersBook = await Json.ReadAsync(await other.GetAsync("/api/v1/receivables/aging", cancel));
        var badInvoice = await Json.PostAsync(rep, "/api/v1/receivables/invoices", new { customerId, number = "", amount = 0 });

        Assert.Equal((2, 0, 3), (first.GetProperty("imported").GetInt32(), first.GetProperty("duplicates").GetInt32(), first.GetProperty("rejected").GetArrayLength()));
        Assert.Contains("issuedon '2026-13-01'", first.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 2), (second.GetProperty("imported").GetInt32(), second.GetProperty("duplicates").GetInt32()));
        Assert.Equal((1, 1), (paid.GetProperty("imported").GetInt32(), paid.GetProperty("rejected").GetArrayLength()));
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        // 1200 − 300 paid − 200 credited = 700, 25 days past due on 1 March.
        var row = account.GetProperty("aging")[0];
        Assert.Equal((700m, 700m), (row.GetProperty("days1To30").GetDecimal(), row.GetProperty("balance").GetDecimal()));
        Assert.Equal(HttpStatusCode.NotFound, othersView.StatusCode);
        Assert.Equal("application/problem+json", othersView.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(othersBook.GetProperty("customers").EnumerateArray(), c => c.GetProperty("customerId").GetInt32() == customerId);
        Assert.Equal(HttpStatusCode.BadRequest, badInvoice.StatusCode);
        var errors = (await Json.ReadAsync(badInvoice)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("number", out _) && errors.TryGetProperty("amount", out _) && errors.TryGetProperty("issuedOn", out _));
    }

    [Theory]
    [AllDatabases]
    public async Task OverdueInvoices_ComeAPageAtATime_MostOverdueFirst_AndOnlyTheReadersOwn(string provider)
    {
        var server = await servers.GetAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        var (rep, _) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var customerId = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Enoteca " + Guid.NewGuid().ToString("N")[..8], currency = "EUR" })))
            .GetProperty("id").GetInt32();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        foreach (var (number, daysAgo) in new[] { ("O-2", 60), ("O-1", 90), ("O-3", 40), ("O-NOT-DUE", 1) })
        {
            var issued = today.AddDays(-daysAgo);
            var created = await Json.PostAsync(rep, "/api/v1/receivables/invoices", new { customerId, number, issuedOn = issued, dueOn = issued.AddDays(30), amount = 100m });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var first = await Json.ReadAsync(await rep.GetAsync("/api/v1/receivables/overdue?pageSize=2", cancel));
        var second = await Json.ReadAsync(await rep.GetAsync("/api/v1/receivables/overdue?pageSize=2&page=2", cancel));
        var others = await Json.ReadAsync(await other.GetAsync("/api/v1/receivables/overdue", cancel));

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(["O-1", "O-2"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        Assert.Equal(["O-3"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        Assert.Equal(0, others.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnInvoicesDocument_IsKeptThroughTheApi_AndDownloadedOnlyByWhoSeesTheCustomer()
    {
        var server = await servers.GetAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        var (rep, _) = await server.SignUpAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var customerId = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Enoteca " + Guid.NewGuid().ToString("N")[..8], currency = "EUR" })))
            .GetProperty("id").GetInt32();
        var invoice = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/receivables/invoices", new { customerId, number = "D-1", issuedOn = "2026-10-01", amount = 90.5m })))
            .GetProperty("id").GetInt32();
        var pdf = "%PDF-1.4 <script>alert(1)</script>"u8.ToArray();
        var document = new { fileName = "..\\D-1<x>.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(pdf) };

        var kept = await rep.PutAsync($"/api/v1/receivables/invoices/{invoice}/document", System.Net.Http.Json.JsonContent.Create(document), cancel);
        var byOther = await other.PutAsync($"/api/v1/receivables/invoices/{invoice}/document", System.Net.Http.Json.JsonContent.Create(document), cancel);
        var notBase64 = await rep.PutAsync($"/api/v1/receivables/invoices/{invoice}/document",
            System.Net.Http.Json.JsonContent.Create(new { fileName = "x.pdf", contentBase64 = "%%%" }), cancel);
        using var download = await rep.GetAsync($"/invoices/{invoice}/document", cancel);
        using var refused = await other.GetAsync($"/invoices/{invoice}/document", cancel);
        var account = await Json.ReadAsync(await rep.GetAsync($"/api/v1/receivables/customers/{customerId}", cancel));

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var view = await Json.ReadAsync(kept);
        Assert.Equal(("D-1_x_.pdf", $"/invoices/{invoice}/document"), (view.GetProperty("fileName").GetString(), view.GetProperty("download").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notBase64.StatusCode);
        Assert.Equal(("application/octet-stream", "nosniff"), (download.Content.Headers.ContentType?.MediaType, download.Headers.GetValues("X-Content-Type-Options").Single()));
        Assert.Equal(("attachment", "D-1_x_.pdf"), (download.Content.Headers.ContentDisposition?.DispositionType, download.Content.Headers.ContentDisposition?.FileNameStar));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(cancel));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("D-1_x_.pdf", account.GetProperty("invoices")[0].GetProperty("document").GetString());
    }
}
