using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Browser;

/// Reps were created from the admin page but could only be changed nowhere: an admin now renames a rep, changes
/// their roles, and lets them go, handing their customers to a colleague.
public sealed class RepEditBrowserTests(Servers servers)
{
    [Fact]
    public async Task Admin_RenamesARep_AndLetsThemGo_TheirCustomersMoveAndTheyCanNoLongerGetIn()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (_, _, adminEmail) = await server.SignUpWithEmailAsync("Admin", culture: "el");
        var (leaving, leavingRepId, leavingEmail) = await server.SignUpWithEmailAsync("Rep");
        var (_, takingRepId) = await server.SignUpAsync("Rep");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = await Json.ReadAsync(await Json.PostAsync(leaving, "/api/v1/customers", new { company = "Ταβέρνα " + key, preferredLanguage = "el" }));
        var customerId = customer.GetProperty("id").GetInt32();

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync("/reps");
        await Chromium.SignInAsync(page, adminEmail, "Quiet-Harbour-47");
        await page.ClickAsync($"#reps a[href='/reps/{leavingRepId}']");
        await page.FillAsync("#rep-name", "Renamed <b>" + key + "</b>");
        await page.CheckAsync("#role-manager");
        await page.UncheckAsync("#rep-active");
        await page.ClickAsync("#save-rep");

        // Refused until someone takes the customer, in Greek, singular, with everything typed kept.
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("1 πελάτης ανήκει σε αυτόν τον πωλητή");
        await Assertions.Expect(page.Locator("#rep-name")).ToHaveValueAsync("Renamed <b>" + key + "</b>");
        await Assertions.Expect(page.Locator("#rep-active")).Not.ToBeCheckedAsync();
        Assert.Equal(HttpStatusCode.OK, (await leaving.GetAsync("/api/v1/me", cancel)).StatusCode);

        await page.SelectOptionAsync("#hand-to", takingRepId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#save-rep");
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Ο πωλητής αποθηκεύτηκε.");
        var row = page.Locator("#reps tr", new PageLocatorOptions { HasText = key });
        await Assertions.Expect(row).ToContainTextAsync("Renamed <b>" + key + "</b>");
        await Assertions.Expect(row).ToContainTextAsync("Αποχώρησε");

        // The customer moved, the rep's token stopped working, and their password no longer signs in.
        var admin = await PageSession.SignInAsync(server, adminEmail);
        var moved = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}", cancel);
        Assert.Equal(takingRepId, moved.GetProperty("assignedRepId").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync("/api/v1/me", cancel)).StatusCode);
        var signIn = browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        var again = await signIn;
        await again.GotoAsync("/signin");
        await Chromium.SignInAsync(again, leavingEmail, "Quiet-Harbour-47");
        await Assertions.Expect(again).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        var reps = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reps", cancel);
        var stored = reps.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == leavingRepId);
        Assert.False(stored.GetProperty("isActive").GetBoolean());
        Assert.Equal(["Manager", "Rep"], stored.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task UpdateRep_ByARep_IsForbidden_AndBadRolesAreAProblem()
    {
        var server = await servers.GetAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        var (rep, repId) = await server.SignUpAsync("Rep");
        var (admin, _) = await server.SignUpAsync("Admin");

        var byRep = await rep.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { roles = new[] { "Admin" } }, cancel);
        var badRoles = await admin.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { roles = new[] { "Boss" } }, cancel);
        var missing = await admin.PatchAsJsonAsync("/api/v1/reps/999999", new { displayName = "X" }, cancel);

        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRoles.StatusCode);
        Assert.True((await Json.ReadAsync(badRoles)).GetProperty("errors").TryGetProperty("roles", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var reps = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reps", cancel);
        Assert.Equal(["Rep"], reps.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == repId).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
