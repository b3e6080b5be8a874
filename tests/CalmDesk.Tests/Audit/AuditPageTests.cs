using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Audit;

/// The audit page shows what the trail stored in invariant form in the reader's terms: an Italian admin reads the
/// renewal date as 30/06/2027, the field by its label, a state by its Italian name, a yes/no as words.
public sealed class AuditPageTests(Servers servers)
{
    [Fact]
    public async Task AChangedCustomer_ReadsInTheAdminsLanguageAndFormats()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (manager, _) = await server.SignUpAsync("Manager");
        var (_, _, adminEmail) = await server.SignUpWithEmailAsync("Admin", culture: "it");
        var key = Guid.NewGuid().ToString("N")[..6];
        var customer = await Json.ReadAsync(await Json.PostAsync(manager, "/api/v1/customers", new { company = "Cartiera " + key, preferredLanguage = "it", contractRenewalDate = "2027-06-30" }));
        var id = customer.GetProperty("id").GetInt32();
        (await manager.PutAsync($"/api/v1/customers/{id}", System.Net.Http.Json.JsonContent.Create(new
        {
            company = "Cartiera " + key, preferredLanguage = "it", status = "OnHold", contractRenewalDate = "2027-07-31",
        }), cancel)).EnsureSuccessStatusCode();
        var admin = await PageSession.SignInAsync(server, adminEmail);

        var response = await admin.GetAsync($"/audit?customer={id}", cancel);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Rinnovo del contratto", html, StringComparison.Ordinal);
        Assert.Contains("30/06/2027", html, StringComparison.Ordinal);
        Assert.Contains("31/07/2027", html, StringComparison.Ordinal);
        Assert.Contains("In sospeso", html, StringComparison.Ordinal);
        Assert.DoesNotContain("06/30/2027", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ContractRenewalDate", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">OnHold<", html, StringComparison.Ordinal);
        // The customer's language by its name, not its code.
        Assert.Contains("italiano", html, StringComparison.Ordinal);
        Assert.DoesNotContain("→ it<", html, StringComparison.Ordinal);
    }

    /// A day off the calendar is refused with a clear 400 (it overflowed into a 500, and the export into an empty file).
    [Fact]
    public async Task ADayOffTheCalendar_IsRefused_ByTheLogAndItsExport()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (admin, _) = await server.SignUpAsync("Admin");

        using var list = await admin.GetAsync("/api/v1/audit?to=9999-12-31", cancel);
        using var export = await admin.GetAsync("/api/v1/audit/export?to=9999-12-31", cancel);

        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("1900", await list.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
    }

    /// Lists of codes read as words: a rep's line by the kinds of abuse, the delivery days by the days' names.
    [Fact]
    public async Task ARepsLineAndTheDeliveryDays_ReadAsWordsInItalian()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var (_, _, adminEmail) = await server.SignUpWithEmailAsync("Admin", culture: "it");
        (await rep.PutAsync("/api/v1/reps/me/tolerance", System.Net.Http.Json.JsonContent.Create(new { maxIn30Days = 2, never = new[] { "threat_of_violence", "discriminatory" } }), cancel))
            .EnsureSuccessStatusCode();
        (await manager.PutAsync("/api/v1/terms", System.Net.Http.Json.JsonContent.Create(new { deliveryDays = "mon,wed" }), cancel)).EnsureSuccessStatusCode();
        var admin = await PageSession.SignInAsync(server, adminEmail);

        var lines = WebUtility.HtmlDecode(await (await admin.GetAsync("/audit?subject=tolerance", cancel)).Content.ReadAsStringAsync(cancel));
        var terms = WebUtility.HtmlDecode(await (await admin.GetAsync("/audit?subject=terms", cancel)).Content.ReadAsStringAsync(cancel));

        Assert.Contains("minaccia di violenza, discriminazione", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("threat_of_violence", lines, StringComparison.Ordinal);
        Assert.Contains("lunedì, mercoledì", terms, StringComparison.Ordinal);
        Assert.DoesNotContain("mon,wed", terms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandOverAskedAndDeclined_ReadsByItsStatesLabelsInGreek()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var (_, _, adminEmail) = await server.SignUpWithEmailAsync("Admin", culture: "el");
        var customer = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Χαρτοποιία " + Guid.NewGuid().ToString("N")[..6] })))
            .GetProperty("id").GetInt32();
        var handover = (await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{customer}/handover", new { why = "Δεν συνεννοούμαστε πια." })))
            .GetProperty("id").GetInt32();
        (await Json.PostAsync(manager, $"/api/v1/handovers/{handover}/decline", new { })).EnsureSuccessStatusCode();
        var admin = await PageSession.SignInAsync(server, adminEmail);

        var html = WebUtility.HtmlDecode(await (await admin.GetAsync($"/audit?customer={customer}", cancel)).Content.ReadAsStringAsync(cancel));

        // The reason and both states by their labels, not the enum's names ("Requested", "Pending", "Declined").
        Assert.Contains("ζητήθηκε από τον πωλητή", html, StringComparison.Ordinal);
        Assert.Contains("αναμένει προϊστάμενο", html, StringComparison.Ordinal);
        Assert.Contains("απορρίφθηκε", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Requested<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Pending<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Declined<", html, StringComparison.Ordinal);
        // The record by its label and number, the fields by their labels.
        Assert.Contains("Μεταβίβαση πελάτη " + handover, html, StringComparison.Ordinal);
        Assert.Contains("Αποφασίστηκε στις", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Decided at", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incident", "Severity", "Low", "severity_Low")]
    [InlineData("handover", "Reason", "Requested", "handover_Requested")]
    [InlineData("let-go", "Status", "LetterIssued", "letgo_status_LetterIssued")]
    [InlineData("let-go", "Reason", "Capacity", "letgo_Capacity")]
    [InlineData("customer", "Status", "OnHold", null)]
    public void StateKey_NamesTheLabelOfARecordsOwnState(string subject, string field, string stored, string? expected) =>
        Assert.Equal(expected, AuditValues.StateKey(subject, field, stored));

    [Theory]
    [InlineData("ContractRenewalDate", "Contract renewal date")]
    [InlineData("LetterIssuedAt", "Letter issued at")]
    [InlineData("IsActive", "Is active")]
    [InlineData("Company", "Company")]
    public void Words_SpellsAFieldOut(string field, string expected) => Assert.Equal(expected, AuditValues.Words(field));

    [Theory]
    [InlineData("DepositPercent", "12.5", "it", "12,5")]
    [InlineData("Phone", "06.1234", "it", null)]
    [InlineData("ExternalId", "1.5", "it", null)]
    [InlineData("NonRenewalOn", "06/30/2026", "el", "30/6/2026")]
    [InlineData("Company", "Rossi & figli", "it", null)]
    [InlineData("ExternalId", "03/04/2025", "it", null)]
    public void Format_ShowsFiguresAndDaysInTheReadersTerms(string field, string stored, string culture, string? expected) =>
        Assert.Equal(expected, AuditValues.Format(field, stored, System.Globalization.CultureInfo.GetCultureInfo(culture), TimeZoneInfo.Utc));
}
