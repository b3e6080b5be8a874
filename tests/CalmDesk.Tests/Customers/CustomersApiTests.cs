using System.Net.Http.Json;
using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Customers;

public sealed class CustomersApiTests(Servers servers)
{
    [Theory]
    [AllDatabases]
    public async Task Rep_CannotReadOrChangeAnotherRepsCustomer(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (alice, aliceRep) = await server.SignUpAsync("Rep");
        var (bob, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var created = await Json.PostAsync(alice, "/api/v1/customers", new { company = "Alice's Bakery", preferredLanguage = "en", currency = "GBP" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await Json.ReadAsync(created);
        var id = customer.GetProperty("id").GetInt32();
        Assert.Equal(aliceRep, customer.GetProperty("assignedRepId").GetInt32());

        var read = await bob.GetAsync($"/api/v1/customers/{id}", TestContext.Current.CancellationToken);
        var update = await bob.PutAsJsonAsync($"/api/v1/customers/{id}", new { company = "Bob's now" }, TestContext.Current.CancellationToken);
        var addContact = await Json.PostAsync(bob, $"/api/v1/customers/{id}/contacts", new { name = "Intruder" });
        var timeline = await bob.GetAsync($"/api/v1/customers/{id}/interactions", TestContext.Current.CancellationToken);
        var note = await Json.PostAsync(bob, $"/api/v1/customers/{id}/interactions", new { channel = "note", direction = "internal", body = "x" });
        var bobsList = await Json.ReadAsync(await bob.GetAsync("/api/v1/customers?pageSize=200", TestContext.Current.CancellationToken));

        Assert.All([read, update, addContact, timeline, note], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(bobsList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
        var asManager = await manager.GetAsync($"/api/v1/customers/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, asManager.StatusCode);
        Assert.Equal("Alice's Bakery", (await Json.ReadAsync(await alice.GetAsync($"/api/v1/customers/{id}", TestContext.Current.CancellationToken))).GetProperty("company").GetString());
    }

    /// The customer's entity tag, sent back as If-Match, makes a change on a stale copy fail (412) instead of undoing a
    /// change made since; without If-Match a change goes through as before.
    [Theory]
    [AllDatabases]
    public async Task Update_WithTheETagOfAStaleCopy_IsPreconditionFailed_AndChangesNothing(string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync(provider);
        var (manager, _) = await server.SignUpAsync("Manager");
        var id = (await Json.ReadAsync(await Json.PostAsync(manager, "/api/v1/customers", new { company = "Tag Ltd", segment = "Retail" }))).GetProperty("id").GetInt32();
        var read = await manager.GetAsync($"/api/v1/customers/{id}", cancel);
        var tag = read.Headers.ETag;
        HttpRequestMessage Put(object body, System.Net.Http.Headers.EntityTagHeaderValue? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/customers/{id}") { Content = JsonContent.Create(body) };
            if (ifMatch is not null)
            {
                request.Headers.IfMatch.Add(ifMatch);
            }

            return request;
        }

        var first = await manager.SendAsync(Put(new { company = "Tag Ltd", segment = "Wholesale" }, tag), cancel);
        var stale = await manager.SendAsync(Put(new { company = "Tag Ltd", segment = "Retail", postalAddress = "1 High St" }, tag), cancel);
        var fresh = await manager.SendAsync(Put(new { company = "Tag Ltd", segment = "Wholesale", postalAddress = "1 High St" }, first.Headers.ETag), cancel);
        var saved = await Json.ReadAsync(await manager.GetAsync($"/api/v1/customers/{id}", cancel));

        Assert.NotNull(tag);
        Assert.Equal($"\"{(await Json.ReadAsync(read)).GetProperty("stamp").GetString()}\"", tag.Tag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(tag, first.Headers.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(("Wholesale", "1 High St"), (saved.GetProperty("segment").GetString(), saved.GetProperty("postalAddress").GetString()));
    }

    [Theory]
    [AllDatabases]
    public async Task Create_InvalidFields_AnswersValidationProblemPerField(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (manager, _) = await server.SignUpAsync("Manager");

        var response = await Json.PostAsync(manager, "/api/v1/customers", new
        {
            company = "",
            currency = "EURO",
            preferredLanguage = "english",
            postalAddress = new string('x', 501),
            contacts = new[] { new { name = "Ann", email = "not-an-email" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.Equal(["company", "contacts[0].email", "currency", "postalAddress", "preferredLanguage"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllDatabases]
    public async Task List_FiltersByTextAndStatusAndPages(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            var response = await Json.PostAsync(rep, "/api/v1/customers", new { company = $"Ζαχαροπλαστείο {tag} {i}", status = i < 3 ? "active" : "former" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var page = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers?q=ζαχαροπλαστειο%20{tag}&status=active&page=2&pageSize=2", TestContext.Current.CancellationToken));
        var badStatus = await rep.GetAsync("/api/v1/customers?status=sleepy", TestContext.Current.CancellationToken);

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("number").GetInt32());
        Assert.Equal($"Ζαχαροπλαστείο {tag} 2", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("company").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Theory]
    [InlineData("it", "Il nome dell'azienda è obbligatorio.")]
    [InlineData("el", "Η επωνυμία της εταιρείας είναι υποχρεωτική.")]
    [InlineData("en", "The company name is required.")]
    public async Task Create_ValidationMessages_SpeakTheCallersLanguage(string language, string expected)
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        rep.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var response = await Json.PostAsync(rep, "/api/v1/customers", new { company = " " });

        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.Equal(expected, errors.GetProperty("company")[0].GetString());
    }

    /// The query-string checks of the API speak the caller's language too, not only the validation of a body.
    [Theory]
    [InlineData("it", "/api/v1/customers?status=dormant", "status", "Stato 'dormant' sconosciuto")]
    [InlineData("el", "/api/v1/search?q=x", "q", "Πληκτρολογήστε τουλάχιστον 2 χαρακτήρες")]
    [InlineData("it", "/api/v1/search?q=x", "q", "Scrivi almeno 2 caratteri")]
    // A value the call cannot even read as its type (a number written in exponent form) is explained, not a bare 400.
    [InlineData("it", "/api/v1/customers?page=1e3", "page", "'1e3' non è un valore valido per 'page'.")]
    [InlineData("en", "/api/v1/cases?pageSize=ten", "pageSize", "'ten' is not a valid value for 'pageSize'.")]
    public async Task QueryChecks_SpeakTheCallersLanguage(string language, string path, string field, string expected)
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        rep.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var response = await rep.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, (await Json.ReadAsync(response)).GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MalformedJson_IsABadRequestProblem()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");

        var response = await rep.PostAsync("/api/v1/customers", new StringContent("{\"company\": ", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_GetsUnauthorizedProblem()
    {
        var server = await servers.GetAsync("sqlite");

        var response = await server.CreateClient().GetAsync("/api/v1/customers", TestContext.Current.CancellationToken);
        var badToken = server.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "cdk_forged");
        var forged = await badToken.GetAsync("/api/v1/customers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }
}
