using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Cases;

/// The reply a case page offers starts from what the customer last asked: an ask beyond the written terms is answered
/// from the terms, quoting the clause, under the customer's own subject.
public sealed class CasePageDraftTests(Servers servers)
{
    [Fact]
    public async Task AnAskBeyondTheTerms_IsAnsweredFromTheTerms_UnderTheCustomersSubject()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var customer = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new
        {
            company = "Trattoria Domenica", preferredLanguage = "it", contacts = new[] { new { name = "Nino Esposito", email = $"nino@{Guid.NewGuid():N}.example" } },
        }))).GetProperty("id").GetInt32();
        var terms = await api.PutAsync($"/api/v1/terms/customers/{customer}", System.Net.Http.Json.JsonContent.Create(new
        {
            deliveryDays = "mon,tue,wed,thu,fri", clauses = "delivery: Le consegne si effettuano dal lunedì al venerdì.",
        }), cancel);
        var message = (await Json.ReadAsync(await Json.PostAsync(api, $"/api/v1/customers/{customer}/interactions", new
        {
            channel = "email", direction = "inbound", subject = "R: Consegna domenica?", body = "Buongiorno, potete fare la consegna domenica mattina? Grazie",
        }))).GetProperty("id").GetInt64();
        var opened = await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/cases", new { customerId = customer, title = "Consegna fuori orario", interactionIds = new[] { message } }));
        var client = await PageSession.SignInAsync(server, email);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{opened.GetProperty("id").GetInt32()}", cancel));

        Assert.Equal(HttpStatusCode.OK, terms.StatusCode);
        Assert.Contains("value=\"Re: Consegna domenica?\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Re: Consegna fuori orario", page, StringComparison.Ordinal);
        var reply = System.Text.RegularExpressions.Regex.Match(page, "<textarea name=\"ReplyBody\"[^>]*>([^<]*)</textarea>").Groups[1].Value;
        Assert.Contains("«Le consegne si effettuano dal lunedì al venerdì.»", reply, StringComparison.Ordinal);
        Assert.Contains("from our written terms", page, StringComparison.Ordinal);
    }
}
