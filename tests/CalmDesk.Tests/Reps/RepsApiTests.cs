using System.Net;
using System.Net.Http.Json;
using CalmDesk.Browser;
using CalmDesk.Infrastructure;
using Microsoft.Playwright;

namespace CalmDesk.Reps;

public sealed class RepsApiTests(Servers servers)
{
    [Fact]
    public async Task Create_ByRep_IsForbiddenProblem()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");

        var response = await Json.PostAsync(rep, "/api/v1/reps", new { email = "new@example.com", displayName = "New", password = "Quiet-Harbour-47", roles = new[] { "Rep" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// A rep read every colleague's e-mail address and roles from the API; the roster is the managers' now.
    [Fact]
    public async Task TheRoster_IsForManagers_NotForReps()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");

        using var byRep = await rep.GetAsync("/api/v1/reps", TestContext.Current.CancellationToken);
        using var byManager = await manager.GetAsync("/api/v1/reps", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.DoesNotContain("@example.com", await byRep.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
    }

    [Theory]
    [AllDatabases]
    public async Task Create_ByAdmin_AddsARepWithRoles_AndRefusesWeakPasswords(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (admin, _) = await server.SignUpAsync("Admin");
        var email = $"new-{Guid.NewGuid():N}@example.com";

        var created = await Json.PostAsync(admin, "/api/v1/reps", new { email, displayName = "Νίκος Παπαδάκης", password = "Quiet-Harbour-47", roles = new[] { "Rep", "Manager" } });
        var weak = await Json.PostAsync(admin, "/api/v1/reps", new { email = "weak@example.com", displayName = "Weak", password = "123", roles = new[] { "Rep" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal(["Manager", "Rep"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // The admin knows the password they set: the new person is sent to choose their own before anything else.
        using var firstSignIn = await PageSession.SignInAsync(server, email);
        using var held = await firstSignIn.GetAsync("/customers", TestContext.Current.CancellationToken);
        Assert.StartsWith("/account", held.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await Json.ReadAsync(weak)).GetProperty("errors").TryGetProperty("password", out _));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");
        var weakInItalian = await Json.PostAsync(admin, "/api/v1/reps", new { email = "weak@example.com", displayName = "Weak", password = "123", roles = new[] { "Rep" } });
        Assert.Contains("La password deve avere almeno 10 caratteri.", (await Json.ReadAsync(weakInItalian)).GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()));
    }

    /// A person who left asks to be forgotten: an admin erases them from the rep's page (in Greek, typing the address),
    /// after a refused try while they were active; through the API a rep is forbidden and the admin is told what is wrong.
    [Fact]
    public async Task APersonWhoLeft_IsErasedByAnAdmin_FromThePageOrTheApi()
    {
        var token = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (admin, _) = await server.SignUpAsync("Admin");
        var (_, _, adminEmail) = await server.SignUpWithEmailAsync("Admin", culture: "el");
        var (rep, repId, email) = await server.SignUpWithEmailAsync("Rep");

        Assert.Equal(HttpStatusCode.Forbidden, (await Json.PostAsync(rep, $"/api/v1/reps/{repId}/erase", new { confirmation = email })).StatusCode);
        var whileActive = await Json.PostAsync(admin, $"/api/v1/reps/{repId}/erase", new { confirmation = email });
        Assert.Equal(HttpStatusCode.BadRequest, whileActive.StatusCode);
        Assert.True((await Json.ReadAsync(whileActive)).GetProperty("errors").TryGetProperty("active", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PostAsync(admin, "/api/v1/reps/999999/erase", new { confirmation = email })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/reps/{repId}", new { active = false }, token)).StatusCode);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString() });
        await page.GotoAsync($"/reps/{repId}");
        await Chromium.SignInAsync(page, adminEmail, "Quiet-Harbour-47");
        await Assertions.Expect(page.Locator("#erase-rep h2")).ToHaveTextAsync("Διαγραφή των στοιχείων αυτού του ατόμου");
        await page.FillAsync("#erase-confirmation", "someone.else@example.com");
        await page.ClickAsync("#erase-rep-button");
        await Assertions.Expect(page.Locator("#erase-rep .errors")).ToContainTextAsync("e-mail");
        await page.FillAsync("#erase-confirmation", email);
        await page.ClickAsync("#erase-rep-button");
        await page.WaitForURLAsync(url => url.EndsWith("/reps?saved=1", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"#{repId}");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(email);

        // Their token died with them; the roster names them by number.
        Assert.Equal(HttpStatusCode.Unauthorized, (await rep.GetAsync("/api/v1/me", token)).StatusCode);
        var roster = await (await admin.GetAsync("/api/v1/reps", token)).Content.ReadAsStringAsync(token);
        Assert.DoesNotContain(email, roster, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reassignment_TheNewRepAloneSeesAndSendsTheIntroduction_Once()
    {
        var server = await servers.GetAsync("sqlite");
        var cancel = TestContext.Current.CancellationToken;
        var (first, _) = await server.SignUpAsync("Rep");
        var (second, secondRepId) = await server.SignUpAsync("Rep");
        var (manager, _) = await server.SignUpAsync("Manager");
        var key = Guid.NewGuid().ToString("N")[..8];
        var customer = await Json.ReadAsync(await Json.PostAsync(first, "/api/v1/customers",
            new { company = "Φούρνος " + key, preferredLanguage = "el", contacts = new[] { new { name = "Κατερίνα Γεωργίου" } } }));
        var customerId = customer.GetProperty("id").GetInt32();
        var profile = await second.PutAsJsonAsync("/api/v1/reps/me/profile", new { experience = "δέκα χρόνια στον κλάδο αρτοποιίας", credentials = new string('x', 501) }, cancel);
        (await second.PutAsJsonAsync("/api/v1/reps/me/profile", new { experience = "δέκα χρόνια στον κλάδο αρτοποιίας." }, cancel)).EnsureSuccessStatusCode();

        var beforeMove = await second.GetAsync($"/api/v1/customers/{customerId}/introduction", cancel);
        (await manager.PutAsJsonAsync($"/api/v1/customers/{customerId}", new { company = "Φούρνος " + key, preferredLanguage = "el", assignedRepId = secondRepId }, cancel))
            .EnsureSuccessStatusCode();
        var byOldRep = await first.GetAsync($"/api/v1/customers/{customerId}/introduction", cancel);
        var draft = await Json.ReadAsync(await second.GetAsync($"/api/v1/customers/{customerId}/introduction", cancel));
        var sent = await Json.PostAsync(second, $"/api/v1/customers/{customerId}/introduction/send", new { });
        var again = await Json.PostAsync(second, $"/api/v1/customers/{customerId}/introduction/send", new { });

        Assert.Equal(HttpStatusCode.BadRequest, profile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, beforeMove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOldRep.StatusCode);
        Assert.Equal("el", draft.GetProperty("language").GetString());
        Assert.Contains("Λίγα λόγια για μένα: δέκα χρόνια στον κλάδο αρτοποιίας.", draft.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Σε επίσημο επίπεδο", draft.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var timeline = await Json.ReadAsync(await second.GetAsync($"/api/v1/customers/{customerId}/interactions", cancel));
        Assert.Equal(draft.GetProperty("subject").GetString(), timeline.GetProperty("items")[0].GetProperty("subject").GetString());
    }
}
