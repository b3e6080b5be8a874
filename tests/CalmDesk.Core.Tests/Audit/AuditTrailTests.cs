using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CalmDesk.Audit;

public sealed class AuditTrailTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class Signed(string userId, string name) : ISignedInActor
    {
        public (string UserId, string Name)? Current => (userId, name);
    }

    [Theory]
    [AllDatabases]
    public async Task EverySaveOfAFollowedRecord_IsLogged_WithWhoWhenAndTheValues(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var services = new ServiceCollection();
        services.AddSingleton<ISignedInActor>(new Signed("u-1", "anna@ourco.example"));
        await using var provided = Provide(database, services);
        await using var scope = provided.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerDirectory>();

        var created = await customers.CreateAsync(Viewer.System, new CustomerInput("Forno Rossi", PreferredLanguage: "it"), [new ContactInput("Lia Rossi", "lia@forno.example")], Token);
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var id = created.Value!.Id;
        await customers.UpdateAsync(Viewer.System, id, new CustomerInput("Forno Rossi & Figli", PreferredLanguage: "it"), cancellationToken: Token);

        var page = await scope.ServiceProvider.GetRequiredService<AuditLog>().PageAsync(new AuditQuery(CustomerId: id), Token);
        // Newest first: the rename, then the contact and the customer added.
        var renamed = page.Items[0];
        Assert.Equal(("changed", "customer", id.ToString(), "anna@ourco.example", "u-1"), (renamed.Action, renamed.Subject, renamed.SubjectId, renamed.Actor, renamed.ActorUserId));
        Assert.Equal(["Forno Rossi", "Forno Rossi & Figli"], renamed.Changes!["Company"]);
        Assert.Single(renamed.Changes);
        Assert.Equal(database.Clock.GetUtcNow(), renamed.At);
        var contact = Assert.Single(page.Items, e => e is { Action: "added", Subject: "contact" });
        Assert.Equal("lia@forno.example", contact.Changes!["Email"][1]);
        // Added in the same save as its customer: the link is the customer's id, not the temporary key it had before.
        Assert.Equal([null, id.ToString(System.Globalization.CultureInfo.InvariantCulture)], contact.Changes["CustomerId"]);
        var added = Assert.Single(page.Items, e => e is { Action: "added", Subject: "customer" });
        Assert.False(added.Changes!.ContainsKey("SearchKey"));
        Assert.Null(page.Next);
    }

    [Theory]
    [AllDatabases]
    public async Task RolesPasswordsAndTokens_AreLogged_SecretsWithoutTheirValue(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, userId) = await database.AddRepAsync("mia@ourco.example");
        await using var provided = Provide(database, new ServiceCollection());
        await using var scope = provided.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>();
        var user = (await users.FindByIdAsync(userId))!;

        Assert.True((await users.AddToRoleAsync(user, Roles.Manager)).Succeeded);
        Assert.True((await users.RemoveFromRoleAsync(user, Roles.Manager)).Succeeded);
        Assert.True((await users.ChangePasswordAsync(user, "Quiet-Harbour-47", "Another-Harbour-456")).Succeeded);
        var (token, _) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(userId, "laptop", 30, Token);

        var log = await scope.ServiceProvider.GetRequiredService<AuditLog>().PageAsync(new AuditQuery(), Token);
        var roles = log.Items.Where(e => e.Subject == "role" && e.SubjectId == userId).ToList();
        // Made a rep when the user was created, then made a manager and back.
        Assert.Equal([[null, Roles.Rep], [null, Roles.Manager], [Roles.Manager, null]], roles.OrderBy(e => e.Id).Select(e => e.Changes!["Role"]));
        Assert.Equal([Roles.Manager, null], Assert.Single(roles, e => e.Action == "removed").Changes!["Role"]);
        var password = Assert.Single(log.Items, e => e.Subject == "user" && e.Changes!.ContainsKey("PasswordHash") && e.Action == "changed");
        Assert.Equal([AuditTrail.Hidden, AuditTrail.Hidden], password.Changes!["PasswordHash"]);
        Assert.Equal(AuditActor.System, password.Actor);
        var tokenEntry = Assert.Single(log.Items, e => e.Subject == "api-token");
        Assert.Equal(AuditTrail.Hidden, tokenEntry.Changes!["Hash"][1]);
        Assert.DoesNotContain(token!, JsonSerializer.Serialize(log.Items), StringComparison.Ordinal);

        // Stopping the token is in the log too: a reviewer sees when a leaked token stopped working.
        database.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(userId, int.Parse(tokenEntry.SubjectId, System.Globalization.CultureInfo.InvariantCulture), Token));
        var stopped = Assert.Single((await scope.ServiceProvider.GetRequiredService<AuditLog>().PageAsync(new AuditQuery(), Token)).Items,
            e => e is { Subject: "api-token", Action: "changed" } && e.SubjectId == tokenEntry.SubjectId);
        Assert.Null(stopped.Changes!["RevokedAt"][0]);
        Assert.NotNull(stopped.Changes["RevokedAt"][1]);
    }

    [Theory]
    [AllDatabases]
    public async Task BookkeepingThatChangesOnItsOwn_IsNotLogged(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var provided = Provide(database, new ServiceCollection());
        await using var scope = provided.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var mailbox = new Mailbox { Name = "Sales", Address = "sales@ourco.example", ImapHost = "imap.example", UserName = "sales", ProtectedSecret = "secret" };
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync(Token);
        var before = await db.AuditEntries.CountAsync(Token);

        mailbox.LastUid = 42;
        mailbox.FetchedCount = 3;
        mailbox.LastFetchAt = database.Clock.GetUtcNow();
        await db.SaveChangesAsync(Token);
        Assert.Equal(before, await db.AuditEntries.CountAsync(Token));

        mailbox.ProtectedSecret = "another";
        mailbox.Enabled = false;
        await db.SaveChangesAsync(Token);
        var entry = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).LastAsync(Token);
        Assert.Equal("mailbox", entry.Subject);
        Assert.Contains("\"ProtectedSecret\":[\"" + "\\u2022\\u2022\\u2022", entry.Changes!, StringComparison.Ordinal);
        Assert.DoesNotContain("another", entry.Changes!, StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task TheLog_PagesByKey_FiltersByKindAndActor_AndExportsCsvWithFormulasEscaped(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var provided = Provide(database, new ServiceCollection());
        await using var scope = provided.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerDirectory>();
        for (var i = 0; i < 5; i++)
        {
            await customers.CreateAsync(Viewer.System, new CustomerInput(i == 0 ? "=1+2" : $"Customer {i}"), [], Token);
        }

        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var first = await log.PageAsync(new AuditQuery(Subject: "customer", Size: 2), Token);
        var second = await log.PageAsync(new AuditQuery(Subject: "customer", Size: 2, Before: first.Next), Token);
        var third = await log.PageAsync(new AuditQuery(Subject: "customer", Size: 2, Before: second.Next), Token);

        Assert.Equal(5, first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.Id).Distinct().Count());
        Assert.Null(third.Next);
        Assert.Empty((await log.PageAsync(new AuditQuery(Subject: "contact"), Token)).Items);
        Assert.Empty((await log.PageAsync(new AuditQuery(Actor: "someone"), Token)).Items);
        Assert.Equal(5, (await log.PageAsync(new AuditQuery(Actor: "SYSTEM"), Token)).Items.Count);
        Assert.Empty((await log.PageAsync(new AuditQuery(To: new DateOnly(2026, 11, 1)), Token)).Items);

        await using var text = new StringWriter();
        await log.WriteCsvAsync(new AuditQuery(), text, Token);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", AuditLog.CsvColumns), lines[0].TrimEnd('\r'));
        Assert.Equal(6, lines.Length);
        // "@system" would be read by a spreadsheet as a formula: it is written as text, with a leading apostrophe.
        Assert.All(lines.Skip(1), l => Assert.Contains(",\"'@system\",", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",@system", StringComparison.Ordinal));
    }

    private static ServiceProvider Provide(TestDatabase database, IServiceCollection extra)
    {
        var services = new ServiceCollection();
        foreach (var descriptor in extra)
        {
            ((ICollection<ServiceDescriptor>)services).Add(descriptor);
        }

        services.AddLogging();
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddCalmDeskCore(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), database.Settings, Path.GetTempPath());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
