using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Customers;

public sealed class CustomerPagesTests(Servers servers)
{
    [Fact]
    public async Task CustomerPage_ShowsCustomerTextEncoded_NeverAsMarkup()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "<b>Bold</b> & Co" }))).GetProperty("id").GetInt32();
        await Json.PostAsync(api, $"/api/v1/customers/{id}/interactions", new { channel = "email", direction = "inbound", subject = "<img src=x onerror=alert(1)>", body = "<script>alert('pwned')</script>" });
        var browser = await PageSession.SignInAsync(server, email);

        var html = await browser.GetStringAsync($"/customers/{id}", TestContext.Current.CancellationToken);
        // The analysis may mark words of the body as evidence; the marks are ours, the text between them is encoded.
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<mark class=\"ev [^\"]*\" title=\"[^\"]*\">|</mark>", "");

        Assert.Contains("&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;", text, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    /// The health card's reasons show amounts as money in the reader's culture, as the rest of the page does.
    [Fact]
    public async Task HealthReasons_ShowAmountsAsMoney_InTheReadersCulture()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Pastificio " + Guid.NewGuid().ToString("N")[..6], currency = "EUR" })))
            .GetProperty("id").GetInt32();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        (await Json.PostAsync(api, "/api/v1/receivables/invoices", new { customerId = id, number = "P-1", issuedOn = today.AddDays(-100), dueOn = today.AddDays(-70), amount = 1250.5m }))
            .EnsureSuccessStatusCode();
        var browser = await PageSession.SignInAsync(server, email);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync($"/customers/{id}", TestContext.Current.CancellationToken));

        Assert.Contains("1.250,50\u00A0€ scaduti (il più vecchio da 70 giorni)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1.250,50 EUR", html, StringComparison.Ordinal);
        // Nothing was paid late, so the reason does not say "0 fatture su 0".
        Assert.DoesNotContain("pagate in ritardo", html, StringComparison.Ordinal);
    }

    /// After asking for a hand-over the rep is told it went to the managers, and the form is not offered again while
    /// the request waits (a second click only met an error before).
    [Fact]
    public async Task AHandOverAsked_IsConfirmed_AndNotOfferedAgainWhileItWaits()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Ferramenta " + Guid.NewGuid().ToString("N")[..6] })))
            .GetProperty("id").GetInt32();
        var browser = await PageSession.SignInAsync(server, email);
        var before = await browser.GetStringAsync($"/customers/{id}", cancel);
        (await Json.PostAsync(api, $"/api/v1/customers/{id}/handover", new { why = "Non riusciamo più a parlarci." })).EnsureSuccessStatusCode();

        var asked = WebUtility.HtmlDecode(await browser.GetStringAsync($"/customers/{id}?handover=asked", cancel));
        var later = WebUtility.HtmlDecode(await browser.GetStringAsync($"/customers/{id}", cancel));

        Assert.Contains("id=\"ask-handover\"", before, StringComparison.Ordinal);
        Assert.Contains("La richiesta è ai responsabili", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ask-handover\"", later, StringComparison.Ordinal);
        Assert.Contains("id=\"handover-pending\"", later, StringComparison.Ordinal);
    }

    /// A customer who pays every invoice, but late, reads as such: no "0,00 € scaduti (da 0 giorni)" beside it.
    [Fact]
    public async Task HealthReasons_PaidLateButNothingOverdue_NameOnlyTheLatePayments()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "it");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Caseificio " + Guid.NewGuid().ToString("N")[..6], currency = "EUR" })))
            .GetProperty("id").GetInt32();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        (await Json.PostAsync(api, "/api/v1/receivables/invoices", new { customerId = id, number = "C-1", issuedOn = today.AddDays(-60), dueOn = today.AddDays(-30), amount = 800m }))
            .EnsureSuccessStatusCode();
        (await Json.PostAsync(api, "/api/v1/receivables/payments", new { customerId = id, reference = "BONIFICO-1", receivedOn = today.AddDays(-2), amount = 800m, invoice = "C-1" }))
            .EnsureSuccessStatusCode();
        var browser = await PageSession.SignInAsync(server, email);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync($"/customers/{id}", TestContext.Current.CancellationToken));

        Assert.Contains("1 fattura su 1 pagata in ritardo", html, StringComparison.Ordinal);
        Assert.DoesNotContain("scaduti", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_MarksTheEvidence_AndStillEncodesTheText()
    {
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Marked Ltd" }))).GetProperty("id").GetInt32();
        await Json.PostAsync(api, $"/api/v1/customers/{id}/interactions", new { channel = "email", direction = "inbound", body = "<i>You idiots</i> & my lawyer will see you in court" });
        var browser = await PageSession.SignInAsync(server, email);

        var html = await browser.GetStringAsync($"/customers/{id}", TestContext.Current.CancellationToken);

        Assert.Matches("<mark class=\"ev ev-abuse\" title=\"[^\"]*Abuse: insult[^\"]*\">idiots</mark>", html);
        Assert.Contains("<mark class=\"ev ev-threat\"", html, StringComparison.Ordinal);
        // Between the marks (ours), the customer's text is encoded.
        Assert.Contains("&lt;i&gt;You ", System.Text.RegularExpressions.Regex.Replace(html, "<mark class=\"ev [^\"]*\" title=\"[^\"]*\">|</mark>", ""), StringComparison.Ordinal);
        Assert.Contains("Abuse at staff", html, StringComparison.Ordinal);
    }

    /// The rep edits the same customer in two windows: the second save, made on the copy both opened, is refused with
    /// a message and keeps what was typed, so the first save is not silently undone; saving again then goes through.
    [Fact]
    public async Task EditForm_SavedOverSinceItWasOpened_IsRefused_KeepsWhatWasTyped_AndSavesOnTheSecondTry()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Two Windows Ltd", segment = "Retail" }))).GetProperty("id").GetInt32();
        var desk = await PageSession.SignInAsync(server, email);
        var phone = await PageSession.SignInAsync(server, email);
        var deskForm = Hidden(await desk.GetStringAsync($"/customers/{id}/edit", cancel));
        var phoneForm = Hidden(await phone.GetStringAsync($"/customers/{id}/edit", cancel));
        static FormUrlEncodedContent Post(Dictionary<string, string> hidden, string segment, string address) => new(new Dictionary<string, string>
        {
            ["_handler"] = "customer",
            ["__RequestVerificationToken"] = hidden["__RequestVerificationToken"],
            ["__once"] = hidden["__once"],
            ["Stamp"] = hidden["Stamp"],
            ["Company"] = "Two Windows Ltd",
            ["Segment"] = segment,
            ["PostalAddress"] = address,
        });

        var first = await desk.PostAsync($"/customers/{id}/edit", Post(deskForm, "Wholesale", ""), cancel);
        var second = await phone.PostAsync($"/customers/{id}/edit", Post(phoneForm, "Retail", "1 Mill Lane"), cancel);
        var refusedPage = await second.Content.ReadAsStringAsync(cancel);
        var afterRefusal = (await Json.ReadAsync(await api.GetAsync($"/api/v1/customers/{id}", cancel))).GetProperty("segment").GetString();
        var again = await phone.PostAsync($"/customers/{id}/edit", Post(Hidden(refusedPage), "Wholesale", "1 Mill Lane"), cancel);
        // A form from before stamps existed (a tab opened before an upgrade) carries none: it saves as it always did.
        var unstamped = Post(Hidden(await desk.GetStringAsync($"/customers/{id}/edit", cancel)), "Wholesale", "1 Mill Lane");
        var oldTab = await desk.PostAsync($"/customers/{id}/edit", new FormUrlEncodedContent((await unstamped.ReadAsStringAsync(cancel)).Split('&')
            .Select(p => p.Split('=')).Where(p => p[0] != "Stamp").ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]))), cancel);
        var saved = await Json.ReadAsync(await api.GetAsync($"/api/v1/customers/{id}", cancel));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else saved this customer after you opened it.", refusedPage, StringComparison.Ordinal);
        Assert.Contains(">1 Mill Lane</textarea>", refusedPage, StringComparison.Ordinal);
        // What the desk saved and the phone would write over, shown before anyone saves again.
        Assert.Contains("<strong>Segment</strong>: «Wholesale» → «Retail»", WebUtility.HtmlDecode(refusedPage), StringComparison.Ordinal);
        Assert.Equal("Wholesale", afterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, oldTab.StatusCode);
        Assert.Equal(("Wholesale", "1 Mill Lane"), (saved.GetProperty("segment").GetString(), saved.GetProperty("postalAddress").GetString()));
    }

    /// A form posted from a page opened with "?done=saved" keeps that address: a refusal then shows its error alone,
    /// not beside the earlier save's "saved" notice.
    [Fact]
    public async Task AFormRefused_OnAPageOpenedAfterASave_ShowsItsErrorWithoutTheOldNotice()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(api, "/api/v1/customers", new { company = "Notice Ltd" }))).GetProperty("id").GetInt32();
        var client = await PageSession.SignInAsync(server, email);
        var opened = await client.GetStringAsync($"/customers/{id}/terms?done=saved", cancel);
        var form = Hidden(opened);

        var refused = await client.PostAsync($"/customers/{id}/terms?done=saved", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "terms",
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["__once"] = form["__once"],
            ["DepositPercent"] = "150",
        }), cancel);
        var page = await refused.Content.ReadAsStringAsync(cancel);

        Assert.Contains("The terms were saved.", opened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("class=\"errors\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("The terms were saved.", page, StringComparison.Ordinal);
    }

    /// A second customer written as one the rep already has (another case, extra spaces) is a question first: the form
    /// says so and offers "It is another company"; ticked, it is created. Another rep's customer of that name is not
    /// theirs to know of, so it asks nothing.
    [Fact]
    public async Task NewCustomer_NamedAsOneTheRepHas_AsksFirst_AndIsCreatedWhenTheyConfirm()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (api, _, email) = await server.SignUpWithEmailAsync("Rep");
        var (other, _) = await server.SignUpAsync("Rep");
        var name = $"Trattoria {Guid.NewGuid():N}"[..22];
        await Json.PostAsync(api, "/api/v1/customers", new { company = name });
        var othersName = $"Osteria {Guid.NewGuid():N}"[..20];
        await Json.PostAsync(other, "/api/v1/customers", new { company = othersName });
        var client = await PageSession.SignInAsync(server, email);
        async Task<HttpResponseMessage> CreateAsync(string company, bool confirmed)
        {
            var form = Hidden(await client.GetStringAsync("/customers/new", cancel));
            var fields = new Dictionary<string, string>
            {
                ["_handler"] = "customer",
                ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
                ["__once"] = form["__once"],
                ["Company"] = company,
            };
            if (confirmed)
            {
                fields["SameNameOk"] = "yes";
            }

            return await client.PostAsync("/customers/new", new FormUrlEncodedContent(fields), cancel);
        }

        var asked = await CreateAsync("  " + name.ToUpperInvariant().Replace(" ", "  ", StringComparison.Ordinal) + " ", confirmed: false);
        var askedPage = await asked.Content.ReadAsStringAsync(cancel);
        var confirmed = await CreateAsync(name, confirmed: true);
        var notTheirs = await CreateAsync(othersName, confirmed: false);
        var mine = await Json.ReadAsync(await api.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(name)}", cancel));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("You already have a customer named", askedPage, StringComparison.Ordinal);
        Assert.Contains("id=\"same-name-ok\"", askedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, notTheirs.StatusCode);
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
    }

    private static Dictionary<string, string> Hidden(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));

    [Fact]
    public async Task CustomerPage_OfAnotherRepsCustomer_IsNotFound()
    {
        var server = await servers.GetAsync("sqlite");
        var (owner, _) = await server.SignUpAsync("Rep");
        var (_, _, otherEmail) = await server.SignUpWithEmailAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(owner, "/api/v1/customers", new { company = "Private Ltd" }))).GetProperty("id").GetInt32();
        var other = await PageSession.SignInAsync(server, otherEmail);

        foreach (var path in new[] { $"/customers/{id}", $"/customers/{id}/edit" })
        {
            var response = await other.GetAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Private Ltd", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RepsPage_ForARep_IsForbidden_AndAnonymousPagesRedirectToSignIn()
    {
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep");
        var rep = await PageSession.SignInAsync(server, email);

        var reps = await rep.GetAsync("/reps", TestContext.Current.CancellationToken);
        var anonymous = await server.CreateClient(followRedirects: false).GetAsync("/customers", TestContext.Current.CancellationToken);

        Assert.Equal("/forbidden", reps.Headers.Location?.AbsolutePath);
        Assert.Equal("/signin", anonymous.Headers.Location?.AbsolutePath);
    }

    [Theory]
    [InlineData("it", "Accedi")]
    [InlineData("el", "Σύνδεση")]
    [InlineData("en", "Sign in")]
    public async Task SignInPage_SpeaksTheBrowsersLanguage(string language, string title)
    {
        var server = await servers.GetAsync("sqlite");
        var client = server.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var html = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);

        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"lang=\"{language}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ForAUserWhoChoseGreek_AreInGreekWhateverTheBrowserSays()
    {
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep", culture: "el");
        var client = await PageSession.SignInAsync(server, email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");

        var html = await client.GetStringAsync("/customers", TestContext.Current.CancellationToken);

        Assert.Contains("<h1>Πελάτες</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoWithoutSigningIn()
    {
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep");
        var client = server.CreateClient(followRedirects: false);
        var form = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = PageSession.AntiforgeryToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = "wrong-password",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or the password is not right.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
