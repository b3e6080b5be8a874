using CalmDesk.Accounts;
using CalmDesk.Audit;
using CalmDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CalmDesk.Reps;

public sealed class RepDirectoryTests
{
    [Theory]
    [AllDatabases]
    public async Task UpdateAsync_TheLastActiveAdmin_CanNeitherLeaveNorLoseTheRole_UntilAnotherAdminExists(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (adminRep, adminUser) = await database.AddRepAsync("admin@example.com", Roles.Admin);
        var (otherRep, _) = await database.AddRepAsync("rep@example.com");
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();
        var admin = new Viewer(adminUser, SeesAll: true);

        var leave = await reps.UpdateAsync(admin, adminRep, new RepChange(Active: false), TestContext.Current.CancellationToken);
        var demote = await reps.UpdateAsync(admin, adminRep, new RepChange(Roles: [Roles.Rep]), TestContext.Current.CancellationToken);
        var stillAdmin = await reps.GetAsync(adminRep, TestContext.Current.CancellationToken);

        Assert.Contains("roles", leave.Errors.Keys);
        Assert.Contains("roles", demote.Errors.Keys);
        Assert.True(stillAdmin!.IsActive);
        Assert.Contains(Roles.Admin, stillAdmin.Roles);

        // With a second admin, the first may step down.
        Assert.NotNull((await reps.UpdateAsync(admin, otherRep, new RepChange(Roles: [Roles.Rep, Roles.Admin]), TestContext.Current.CancellationToken)).Value);
        var stepDown = await reps.UpdateAsync(admin, adminRep, new RepChange(Roles: [Roles.Manager]), TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Manager], stepDown.Value!.Roles);
    }

    /// The e-mail is also the user name, so Identity refuses a taken one twice; the form says it once.
    [Theory]
    [AllDatabases]
    public async Task CreateAsync_AnEmailAlreadyInUse_IsSaidOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.AddRepAsync("laura@example.com");
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();

        var (rep, errors) = await reps.CreateAsync("laura@example.com", "Laura Again", "Tiles-Orange-Harbour-Lamp-48", [Roles.Rep], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(rep);
        Assert.Equal(["email"], errors.Keys);
        Assert.Single(errors["email"]);
    }

    [Theory]
    [AllDatabases]
    public async Task EraseAsync_ForgetsAPersonWhoLeft_KeepingTheirRecordsUnderTheirNumber(string provider)
    {
        var token = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, adminUser) = await database.AddRepAsync("admin@example.com", Roles.Admin);
        var (repId, userId) = await database.AddRepAsync("maria.rossi@example.com", Roles.Manager);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var admin = new Viewer(adminUser, SeesAll: true);
        var user = (await users.FindByIdAsync(userId))!;
        await scope.ServiceProvider.GetRequiredService<ApiTokenService>().IssueAsync(userId, "script", cancellationToken: token);
        await users.AddLoginAsync(user, new UserLoginInfo("oidc-company", "subject-1", "Company"));
        await users.ResetAuthenticatorKeyAsync(user);
        var rep = await db.Reps.SingleAsync(r => r.Id == repId, token);
        rep.Experience = "Twelve years at Rossi Foods";
        db.AuditEntries.Add(new AuditEntry { At = TimeProvider.System.GetUtcNow(), ActorUserId = userId, Actor = "maria.rossi@example.com", Action = "changed", Subject = "customer", SubjectId = "7" });
        await db.SaveChangesAsync(token);

        // Still active: refused; a wrong confirmation: refused.
        Assert.Contains("active", (await reps.EraseAsync(admin, repId, "maria.rossi@example.com", token)).Errors.Keys);
        Assert.True((await reps.UpdateAsync(admin, repId, new RepChange(Active: false), token)).Succeeded);
        Assert.Contains("confirmation", (await reps.EraseAsync(admin, repId, "someone@example.com", token)).Errors.Keys);
        Assert.Equal("maria.rossi@example.com", (await reps.GetAsync(repId, token))!.Email);

        var erased = await reps.EraseAsync(admin, repId, " Maria.Rossi@example.com ", token);

        Assert.True(erased.Succeeded, string.Join(" ", erased.Errors.SelectMany(e => e.Value)));
        Assert.Equal($"#{repId}", erased.Value!.DisplayName);
        Assert.Equal($"erased-{repId}@invalid", erased.Value.Email);
        Assert.Empty(erased.Value.Roles);
        db.ChangeTracker.Clear();
        var after = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, token);
        Assert.Null(after.PasswordHash);
        Assert.False(after.TwoFactorEnabled);
        Assert.False(await db.UserLogins.AnyAsync(l => l.UserId == userId, token));
        Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == userId, token));
        Assert.False(await db.ApiTokens.AnyAsync(t => t.UserId == userId, token));
        Assert.Null((await db.Reps.AsNoTracking().SingleAsync(r => r.Id == repId, token)).Experience);
        // The audit log keeps what was done, by "#ID", and nothing of the address or the name.
        var log = await db.AuditEntries.AsNoTracking().ToListAsync(token);
        Assert.Contains(log, e => e.ActorUserId == userId && e.Actor == $"#{repId}" && e.Subject == "customer");
        Assert.Contains(log, e => e.Action == AuditTrail.Erased && e.SubjectId == userId);
        Assert.DoesNotContain(log, e => (e.Actor + e.Changes).Contains("maria.rossi", StringComparison.OrdinalIgnoreCase));
        // Nobody signs in as them, and they cannot be brought back.
        Assert.Null(await users.FindByEmailAsync("maria.rossi@example.com"));
        Assert.Contains("active", (await reps.UpdateAsync(admin, repId, new RepChange(Active: true), token)).Errors.Keys);
    }
}
